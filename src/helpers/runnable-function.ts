// The tools `runTools()` can call: a JSON Schema for the model plus the function that answers, as
// `openai` shapes them (`{ type: "function", function: { function, parse?, parameters, ... } }`).
import type { ChatCompletionRunner } from "./chat-completion-runner.js";
import type { ChatCompletionStreamingRunner } from "./chat-completion-streaming-runner.js";

type PromiseOrValue<T> = T | Promise<T>;

/** The runner that called a tool (its messages so far, `abort()`, events). */
export type ToolRunner = ChatCompletionRunner<unknown> | ChatCompletionStreamingRunner<unknown>;

export interface RunnableFunctionWithParse<Args extends object> {
  /**
   * Answers the call. The return value is sent back to the model: a string as is, anything else
   * as JSON.
   */
  function: (args: Args, runner: ToolRunner) => PromiseOrValue<unknown>;
  /** Turns the model's raw arguments into `Args`; a throw is sent to the model as the tool's answer. */
  parse: (input: string) => PromiseOrValue<Args>;
  /** The parameters, as a JSON Schema object. */
  parameters: Record<string, unknown>;
  /** What the function does: how the model decides when and how to call it. */
  description: string;
  /** The name the model calls it by; defaults to `function.name`. */
  name?: string | undefined;
  strict?: boolean | undefined;
}

export interface RunnableFunctionWithoutParse {
  /** Answers the call with the model's raw arguments string. */
  function: (args: string, runner: ToolRunner) => PromiseOrValue<unknown>;
  parameters: Record<string, unknown>;
  description: string;
  name?: string | undefined;
  strict?: boolean | undefined;
}

export type RunnableFunction<Args extends object | string> = Args extends string
  ? RunnableFunctionWithoutParse
  : Args extends object
    ? RunnableFunctionWithParse<Args>
    : never;

export interface RunnableToolFunctionWithoutParse {
  type: "function";
  function: RunnableFunctionWithoutParse;
}

export interface RunnableToolFunctionWithParse<Args extends object> {
  type: "function";
  function: RunnableFunctionWithParse<Args>;
}

export type RunnableToolFunction<Args extends object | string> = Args extends string
  ? RunnableToolFunctionWithoutParse
  : Args extends object
    ? RunnableToolFunctionWithParse<Args>
    : never;

export type BaseFunctionsArgs = readonly (object | string)[];

/**
 * Each tool's `function` argument type matches its own `parse` result (a tuple of them). `any[]`
 * is the unconstrained default (`runTools<any[]>`), where no per-tool link can be made.
 */
export type RunnableTools<FunctionsArgs extends BaseFunctionsArgs> = [any[]] extends [FunctionsArgs]
  ? readonly RunnableToolFunction<any>[]
  : { [Index in keyof FunctionsArgs]: Index extends number ? RunnableToolFunction<FunctionsArgs[Index]> : FunctionsArgs[Index] };

export function isRunnableFunctionWithParse<Args extends object>(fn: unknown): fn is RunnableFunctionWithParse<Args> {
  return typeof (fn as { parse?: unknown } | null)?.parse === "function";
}

/**
 * A tool whose `function` takes exactly what its `parse` returns, checked by the compiler.
 *
 * @example
 * ```ts
 * new ParsingToolFunction({
 *   name: "get_weather",
 *   description: "Current weather in a city",
 *   parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
 *   parse: (raw) => JSON.parse(raw) as { city: string },
 *   function: ({ city }) => lookUpWeather(city),
 * });
 * ```
 */
export class ParsingToolFunction<Args extends object> {
  type: "function" = "function";
  function: RunnableFunctionWithParse<Args>;

  constructor(input: RunnableFunctionWithParse<Args>) {
    this.function = input;
  }
}
