// `client.chat.completions.runTools({ ..., stream: true })`: the tool loop over streamed completions,
// so every stream event (`content.delta`, `tool_calls.function.arguments.delta`, ...) fires for each
// round, plus the runner's own (`functionToolCall`, `functionToolCallResult`, `message`, ...).
import type { OpenAI } from "../client.js";
import type { ChatCompletionCreateParamsStreaming } from "../types.js";
import type { HelperParams, RunnerOptions } from "./abstract-chat-completion-runner.js";
import { ChatCompletionStream } from "./chat-completion-stream.js";
import type { AutoParseableTool } from "./parser.js";
import type { BaseFunctionsArgs, RunnableToolFunction, RunnableTools } from "./runnable-function.js";

/** `runTools()`'s streaming body. */
export type ChatCompletionStreamingToolRunnerParams<FunctionsArgs extends BaseFunctionsArgs> = Omit<ChatCompletionCreateParamsStreaming, "tools"> & {
  /** Runnable tools and `zodFunction()` tools (with `function`), in one list or mixed (`openai` takes one kind per list). */
  tools: RunnableTools<FunctionsArgs> | readonly (AutoParseableTool<any, true> | RunnableToolFunction<any>)[];
};

/**
 * What `client.chat.completions.runTools({ ..., stream: true })` returns.
 *
 * @example
 * ```ts
 * const runner = client.chat.completions.runTools({ model: "groq/llama-3.3-70b-versatile", messages, tools, stream: true });
 * runner.on("content.delta", ({ delta }) => process.stdout.write(delta));
 * await runner.done();
 * ```
 */
export class ChatCompletionStreamingRunner<ParsedT = null> extends ChatCompletionStream<ParsedT> {
  static override fromReadableStream(stream: ReadableStream<Uint8Array>): ChatCompletionStreamingRunner<null> {
    const runner = new ChatCompletionStreamingRunner(null);
    runner._run(() => runner._fromReadableStream(stream));
    return runner;
  }

  /** @internal What `client.chat.completions.runTools({ stream: true })` calls. */
  static runTools<ParsedT = null>(
    client: OpenAI,
    params: ChatCompletionStreamingToolRunnerParams<any[]>,
    options?: RunnerOptions,
  ): ChatCompletionStreamingRunner<ParsedT> {
    const runner = new ChatCompletionStreamingRunner<ParsedT>(params as HelperParams);
    runner._runsTools = true;
    runner._run(() => runner._runTools(client, params as HelperParams, options));
    return runner;
  }
}
