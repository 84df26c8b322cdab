// `runTools()`'s loop, with `openai`'s semantics: ask for a completion; while the answer calls
// tools, run them (concurrently, unless `parallel_tool_calls: false`), append each result as a
// `tool` message in call order, and ask again — at most `maxChatCompletions` times. A tool the
// model names wrongly, or whose arguments fail to parse, gets that error as its answer, so the
// model can correct itself; a tool that throws ends the run with that error.
import { APIUserAbortError, InvalidRequestError } from "../errors.js";
import type { ChatCompletion, ChatCompletionMessageParam, ChatCompletionTool, ChatCompletionToolMessageParam } from "../types.js";
import type { ChatCompletionMessageFunctionToolCall } from "../openai-namespace.js";
import type { HelperParams, RunnerOptions } from "./abstract-chat-completion-runner.js";
import { isAutoParsableTool } from "./parser.js";
import { isRunnableFunctionWithParse, type RunnableFunction, type ToolRunner } from "./runnable-function.js";

const DEFAULT_MAX_CHAT_COMPLETIONS = 10;

/** What the loop needs from its runner. */
export interface ToolLoopHost {
  readonly runner: ToolRunner;
  readonly messages: ChatCompletionMessageParam[];
  readonly signal: AbortSignal;
  complete(params: HelperParams): Promise<ChatCompletion>;
  addMessage(message: ChatCompletionMessageParam): void;
}

type AnyRunnable = RunnableFunction<object> | RunnableFunction<string>;

interface PreparedTools {
  /** What is sent: each tool without its function and parser. */
  tools: ChatCompletionTool[];
  byName: Map<string, AnyRunnable>;
}

/** Reads the runnable tools (zodFunction() ones included) before anything is sent. */
export function prepareTools(tools: readonly unknown[]): PreparedTools {
  const sent: ChatCompletionTool[] = [];
  const byName = new Map<string, AnyRunnable>();
  tools.forEach((tool, index) => {
    const runnable = toRunnable(tool, index);
    if (runnable === undefined) {
      // A non-function tool (custom) is sent as given; the model may call it, nothing here runs it.
      sent.push(tool as ChatCompletionTool);
      return;
    }
    const name = runnable.name || (runnable.function as { name?: string }).name;
    if (!name) {
      throw new InvalidRequestError(`tools[${index}]: a runnable tool needs \`function.name\` (or a named function).`, `tools[${index}].function.name`);
    }
    byName.set(name, runnable);
    sent.push({
      type: "function",
      function: {
        name,
        parameters: runnable.parameters,
        ...(runnable.description ? { description: runnable.description } : {}),
        ...(typeof runnable.strict === "boolean" ? { strict: runnable.strict } : {}),
      },
    });
  });
  return { tools: sent, byName };
}

function toRunnable(tool: unknown, index: number): AnyRunnable | undefined {
  if (isAutoParsableTool(tool)) {
    if (typeof tool.$callback !== "function") {
      throw new InvalidRequestError(
        `tools[${index}]: tool given to \`.runTools()\` that does not have an associated function; pass \`function\` to zodFunction().`,
        `tools[${index}]`,
      );
    }
    const { name, description, parameters } = tool.function;
    return {
      name,
      description: description ?? "",
      parameters: parameters ?? { type: "object", properties: {} },
      strict: true,
      parse: tool.$parseRaw as (input: string) => object,
      function: tool.$callback as (args: object) => unknown,
    };
  }
  const candidate = tool as { type?: unknown; function?: { function?: unknown } } | null;
  if (candidate?.type !== "function") return undefined;
  if (typeof candidate.function?.function !== "function") {
    throw new InvalidRequestError(
      `tools[${index}]: \`.runTools()\` needs \`function.function\` (the code that answers the call) on every function tool.`,
      `tools[${index}].function.function`,
    );
  }
  return candidate.function as AnyRunnable;
}

export async function runToolLoop(host: ToolLoopHost, params: HelperParams, options: RunnerOptions | undefined): Promise<void> {
  const { tool_choice = "auto", stream: _stream, tools: inputTools, ...rest } = params;
  const required =
    typeof tool_choice === "object" && tool_choice !== null && tool_choice.type === "function" ? tool_choice.function.name : undefined;
  const { tools, byName } = prepareTools(inputTools ?? []);
  const maxChatCompletions = options?.maxChatCompletions ?? DEFAULT_MAX_CHAT_COMPLETIONS;
  const sequential = params.parallel_tool_calls === false;

  for (let round = 0; round < maxChatCompletions; round++) {
    const completion = await host.complete({ ...rest, tool_choice, tools, messages: host.messages.map(forRequest) });
    const message = completion.choices[0]?.message;
    if (!message) throw new InvalidRequestError("missing message in ChatCompletion response", undefined);
    const calls = (message.tool_calls ?? []).filter((call): call is ChatCompletionMessageFunctionToolCall => call.type === "function");
    if (calls.length === 0) return;

    const answer = (call: ChatCompletionMessageFunctionToolCall) => callTool(host, byName, required, call);
    if (sequential || required !== undefined) {
      for (const call of calls) {
        const { message: result, ran } = await answer(call);
        host.addMessage(result);
        // With one function required by tool_choice, its first run ends the loop (as in `openai`).
        if (required !== undefined && ran) return;
      }
    } else {
      const pending = calls.map((call) => answer(call));
      for (const each of pending) each.catch(() => undefined);
      // Results join the conversation in call order, whatever order the tools finish in.
      for (const each of pending) host.addMessage((await each).message);
    }
    if (host.signal.aborted) throw new APIUserAbortError();
  }
}

async function callTool(
  host: ToolLoopHost,
  byName: ReadonlyMap<string, AnyRunnable>,
  required: string | undefined,
  call: ChatCompletionMessageFunctionToolCall,
): Promise<{ message: ChatCompletionToolMessageParam; ran: boolean }> {
  const { name, arguments: raw } = call.function;
  const reply = (content: string, ran = false) => ({ message: { role: "tool" as const, tool_call_id: call.id, content }, ran });
  const fn = byName.get(name);
  if (!fn) {
    const options = [...byName.keys()].map((each) => JSON.stringify(each)).join(", ");
    return reply(`Invalid tool_call: ${JSON.stringify(name)}. Available options are: ${options}. Please try again`);
  }
  if (required !== undefined && required !== name) {
    return reply(`Invalid tool_call: ${JSON.stringify(name)}. ${JSON.stringify(required)} requested. Please try again`);
  }
  let parsed: unknown;
  try {
    parsed = isRunnableFunctionWithParse(fn) ? await fn.parse(raw) : raw;
  } catch (error) {
    return reply(error instanceof Error ? error.message : String(error));
  }
  const result = await (fn.function as (args: unknown, runner: ToolRunner) => unknown)(parsed, host.runner);
  return reply(typeof result === "string" ? result : result === undefined ? "undefined" : JSON.stringify(result), true);
}

/**
 * A conversation message as a request takes it: the helpers' own additions to an answer
 * (`parsed`, `parsed_arguments`) stay in `runner.messages` but are not sent, since strict
 * providers refuse fields they do not know.
 */
export function forRequest(message: ChatCompletionMessageParam): ChatCompletionMessageParam {
  if (message.role !== "assistant") return message;
  const { parsed: _parsed, ...rest } = message as typeof message & { parsed?: unknown };
  if (!rest.tool_calls) return rest;
  return {
    ...rest,
    tool_calls: rest.tool_calls.map((call) => {
      if (call.type !== "function") return call;
      const { parsed_arguments: _parsedArguments, ...fields } = call.function as typeof call.function & { parsed_arguments?: unknown };
      return { ...call, function: fields };
    }),
  };
}
