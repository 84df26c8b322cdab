// `client.chat.completions.runTools(body)` without `stream: true`: the tool loop over non-streamed
// completions, with `openai`'s events (`content` per assistant message with text) and final methods.
import type { OpenAI } from "../client.js";
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from "../types.js";
import {
  AbstractChatCompletionRunner,
  isAssistantMessage,
  type AbstractChatCompletionRunnerEvents,
  type HelperParams,
  type RunnerOptions,
} from "./abstract-chat-completion-runner.js";
import type { AutoParseableTool } from "./parser.js";
import type { BaseFunctionsArgs, RunnableToolFunction, RunnableTools } from "./runnable-function.js";

export interface ChatCompletionRunnerEvents extends AbstractChatCompletionRunnerEvents {
  content: (content: string) => void;
}

/** `runTools()`'s body: a create body whose tools carry the functions that answer them. */
export type ChatCompletionToolRunnerParams<FunctionsArgs extends BaseFunctionsArgs> = Omit<ChatCompletionCreateParamsNonStreaming, "tools"> & {
  /** Runnable tools and `zodFunction()` tools (with `function`), in one list or mixed (`openai` takes one kind per list). */
  tools: RunnableTools<FunctionsArgs> | readonly (AutoParseableTool<any, true> | RunnableToolFunction<any>)[];
};

/**
 * What `client.chat.completions.runTools()` returns: the tool loop's events and final values.
 *
 * @example
 * ```ts
 * const runner = client.chat.completions.runTools({ model: "anthropic/claude-sonnet-4-5", messages, tools });
 * runner.on("functionToolCall", (call) => console.log(call.name, call.arguments));
 * console.log(await runner.finalContent(), runner.messages.length);
 * ```
 */
export class ChatCompletionRunner<ParsedT = null> extends AbstractChatCompletionRunner<ChatCompletionRunnerEvents, ParsedT> {
  /** @internal What `client.chat.completions.runTools()` calls. */
  static runTools<ParsedT>(client: OpenAI, params: ChatCompletionToolRunnerParams<any[]>, options?: RunnerOptions): ChatCompletionRunner<ParsedT> {
    const runner = new ChatCompletionRunner<ParsedT>();
    runner._runsTools = true;
    runner._run(() => runner._runTools(client, params as HelperParams, options));
    return runner;
  }

  protected override _addMessage(message: ChatCompletionMessageParam, emit = true): void {
    super._addMessage(message, emit);
    if (emit && isAssistantMessage(message) && typeof message.content === "string" && message.content) this._emit("content", message.content);
  }
}
