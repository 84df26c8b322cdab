// `client.chat.completions.stream()`: a runner over the unified chunks of any provider, with
// `openai`'s events (`chunk`, `content.delta`/`done`, `refusal.*`, `tool_calls.function.arguments.*`,
// `logprobs.*`), final methods, async iteration over the chunks, `abort()` and `toReadableStream()`.
// Every provider's chunks have OpenAI's shape, so the same answer gives the same events whoever sent it.
import type { OpenAI, RequestOptions } from "../client.js";
import { Stream } from "../core/stream.js";
import { chunkIndexProblem } from "../core/choice-bounds.js";
import { APIUserAbortError, OneLLMError } from "../errors.js";
import type { ChatCompletionTokenLogprob } from "../openai-namespace.js";
import type { ChatCompletionChunk, ChatCompletionCreateParams } from "../types.js";
import {
  AbstractChatCompletionRunner,
  requestOptions,
  validateHelperParams,
  type AbstractChatCompletionRunnerEvents,
  type HelperParams,
  type RunnerOptions,
} from "./abstract-chat-completion-runner.js";
import { accumulateChunk, finalizeSnapshot, type ChatCompletionSnapshot } from "./chat-completion-snapshot.js";
import { isAutoParsableResponseFormat, parseToolArguments, type ParsedChatCompletion } from "./parser.js";

export type { ChatCompletionSnapshot } from "./chat-completion-snapshot.js";

export interface ContentDeltaEvent {
  delta: string;
  snapshot: string;
  /** The answer parsed so far (partial JSON), when the request has a parseable `response_format`. */
  parsed: unknown | null;
}
export interface ContentDoneEvent<ParsedT = null> {
  content: string;
  parsed: ParsedT | null;
}
export interface RefusalDeltaEvent {
  delta: string;
  snapshot: string;
}
export interface RefusalDoneEvent {
  refusal: string;
}
export interface FunctionToolCallArgumentsDeltaEvent {
  name: string;
  index: number;
  arguments: string;
  parsed_arguments: unknown;
  arguments_delta: string;
}
export interface FunctionToolCallArgumentsDoneEvent {
  name: string;
  index: number;
  arguments: string;
  parsed_arguments: unknown;
}
export interface LogProbsContentDeltaEvent {
  content: ChatCompletionTokenLogprob[];
  snapshot: ChatCompletionTokenLogprob[];
}
export interface LogProbsContentDoneEvent {
  content: ChatCompletionTokenLogprob[];
}
export interface LogProbsRefusalDeltaEvent {
  refusal: ChatCompletionTokenLogprob[];
  snapshot: ChatCompletionTokenLogprob[];
}
export interface LogProbsRefusalDoneEvent {
  refusal: ChatCompletionTokenLogprob[];
}

export interface ChatCompletionStreamEvents<ParsedT = null> extends AbstractChatCompletionRunnerEvents {
  content: (contentDelta: string, contentSnapshot: string) => void;
  chunk: (chunk: ChatCompletionChunk, snapshot: ChatCompletionSnapshot) => void;
  "content.delta": (props: ContentDeltaEvent) => void;
  "content.done": (props: ContentDoneEvent<ParsedT>) => void;
  "refusal.delta": (props: RefusalDeltaEvent) => void;
  "refusal.done": (props: RefusalDoneEvent) => void;
  "tool_calls.function.arguments.delta": (props: FunctionToolCallArgumentsDeltaEvent) => void;
  "tool_calls.function.arguments.done": (props: FunctionToolCallArgumentsDoneEvent) => void;
  "logprobs.content.delta": (props: LogProbsContentDeltaEvent) => void;
  "logprobs.content.done": (props: LogProbsContentDoneEvent) => void;
  "logprobs.refusal.delta": (props: LogProbsRefusalDeltaEvent) => void;
  "logprobs.refusal.done": (props: LogProbsRefusalDoneEvent) => void;
}

/** `stream()`'s body: a create body, streamed (`stream: true` may be given or left out). */
export type ChatCompletionStreamParams = Omit<ChatCompletionCreateParams, "stream"> & { stream?: true };

/** Which `.done` events a choice has had, so each fires once. */
interface ChoiceEvents {
  contentDone: boolean;
  refusalDone: boolean;
  logprobsContentDone: boolean;
  logprobsRefusalDone: boolean;
  currentToolCall: number | null;
  doneToolCalls: Set<number>;
}

/**
 * What `client.chat.completions.stream()` returns: a runner over one streamed completion.
 *
 * @example
 * ```ts
 * const stream = client.chat.completions.stream({ model: "google/gemini-2.5-flash", messages });
 * stream.on("content.delta", ({ delta }) => process.stdout.write(delta));
 * const completion = await stream.finalChatCompletion();
 * ```
 */
export class ChatCompletionStream<ParsedT = null>
  extends AbstractChatCompletionRunner<ChatCompletionStreamEvents<ParsedT>, ParsedT>
  implements AsyncIterable<ChatCompletionChunk>
{
  readonly #params: HelperParams | null;
  #choiceEvents: ChoiceEvents[] = [];
  #snapshot: ChatCompletionSnapshot | undefined;

  constructor(params: HelperParams | null) {
    super();
    this.#params = params;
  }

  /** The completion as far as it has arrived (undefined before the first chunk). */
  get currentChatCompletionSnapshot(): ChatCompletionSnapshot | undefined {
    return this.#snapshot;
  }

  /**
   * A stream runner over the output of another one's `toReadableStream()` (for a browser reading
   * what a server streamed). The request's messages are not part of it.
   */
  static fromReadableStream(stream: ReadableStream<Uint8Array>): ChatCompletionStream<null> {
    const runner = new ChatCompletionStream(null);
    runner._run(() => runner._fromReadableStream(stream));
    return runner;
  }

  /** @internal What `client.chat.completions.stream()` calls. */
  static createChatCompletion<ParsedT>(client: OpenAI, params: ChatCompletionStreamParams, options?: RequestOptions): ChatCompletionStream<ParsedT> {
    const runner = new ChatCompletionStream<ParsedT>(params as HelperParams);
    runner._run(() => runner._runChatCompletion(client, { ...params, stream: true } as HelperParams, options));
    return runner;
  }

  protected async _runChatCompletion(client: OpenAI, params: HelperParams, options?: RequestOptions): Promise<void> {
    for (const message of params.messages) this._addMessage(message, false);
    await this._createChatCompletion(client, params, options);
  }

  protected override async _createChatCompletion(client: OpenAI, params: HelperParams, options?: RunnerOptions): Promise<ParsedChatCompletion<ParsedT>> {
    const release = this._linkSignal(options?.signal);
    try {
      validateHelperParams(params);
      this.#beginRequest();
      const stream = await client.chat.completions.create(
        { ...(params as Parameters<OpenAI["chat"]["completions"]["create"]>[0]), stream: true },
        { ...requestOptions(options), signal: this.controller.signal },
      );
      this._connected();
      for await (const chunk of stream) this.#addChunk(chunk);
      if (stream.controller.signal.aborted || this.controller.signal.aborted) throw new APIUserAbortError();
      return this._addChatCompletion(this.#endRequest());
    } finally {
      release();
    }
  }

  protected async _fromReadableStream(readable: ReadableStream<Uint8Array>): Promise<void> {
    this.#beginRequest();
    this._connected();
    const stream = Stream.fromReadableStream<ChatCompletionChunk>(readable, this.controller);
    let id: string | undefined;
    for await (const chunk of stream) {
      // These chunks come from anywhere (onellm's own streams were checked by the router): their
      // indexes address the snapshot's arrays, so they are bounded before anything is kept per index.
      const problem = chunkIndexProblem(chunk);
      if (problem !== undefined) throw new OneLLMError(`stream chunk with ${problem}: not a chat completion chunk`);
      // A new id is the next completion of a tool run.
      if (id !== undefined && id !== chunk.id) this._addChatCompletion(this.#endRequest());
      this.#addChunk(chunk);
      id = chunk.id;
    }
    if (this.controller.signal.aborted) throw new APIUserAbortError();
    this._addChatCompletion(this.#endRequest());
  }

  #beginRequest(): void {
    if (this.ended) return;
    this.#snapshot = undefined;
  }

  #endRequest(): ParsedChatCompletion<ParsedT> {
    if (this.ended) throw new OneLLMError("stream has ended, this shouldn't happen");
    const snapshot = this.#snapshot;
    if (!snapshot) throw new OneLLMError("request ended without sending any chunks");
    this.#snapshot = undefined;
    this.#choiceEvents = [];
    return finalizeSnapshot<ParsedT>(snapshot, this.#params, { lenientToolArguments: this._runsTools });
  }

  #addChunk(chunk: ChatCompletionChunk): void {
    if (this.ended) return;
    const snapshot = accumulateChunk(this.#snapshot, chunk, this.#params);
    this.#snapshot = snapshot;
    this._emit("chunk", chunk, snapshot);

    for (const choice of chunk.choices) {
      const current = snapshot.choices[choice.index]!;
      const message = current.message;
      const delta = choice.delta ?? {};
      // An empty delta adds nothing (Mistral sends `content: ""` with its finish chunk): no event,
      // so the same answer gives the same events from every provider.
      if (delta.content && message.role === "assistant" && message.content) {
        this._emit("content", delta.content, message.content);
        this._emit("content.delta", { delta: delta.content, snapshot: message.content, parsed: message.parsed ?? null });
      }
      if (delta.refusal && message.role === "assistant" && message.refusal) {
        this._emit("refusal.delta", { delta: delta.refusal, snapshot: message.refusal });
      }
      if (choice.logprobs?.content != null && message.role === "assistant") {
        this._emit("logprobs.content.delta", { content: choice.logprobs.content, snapshot: current.logprobs?.content ?? [] });
      }
      if (choice.logprobs?.refusal != null && message.role === "assistant") {
        this._emit("logprobs.refusal.delta", { refusal: choice.logprobs.refusal, snapshot: current.logprobs?.refusal ?? [] });
      }

      const events = this.#eventsFor(current.index);
      for (const call of delta.tool_calls ?? []) {
        if (events.currentToolCall !== call.index) {
          // Content before a tool call, or the previous tool call, is complete now.
          this.#emitContentDone(current);
          if (events.currentToolCall !== null) this.#emitToolCallDone(current, events.currentToolCall);
        }
        events.currentToolCall = call.index;
      }
      for (const call of delta.tool_calls ?? []) {
        const toolCall = message.tool_calls?.[call.index];
        if (toolCall?.type !== "function") continue;
        this._emit("tool_calls.function.arguments.delta", {
          name: toolCall.function.name,
          index: call.index,
          arguments: toolCall.function.arguments,
          parsed_arguments: toolCall.function.parsed_arguments,
          arguments_delta: call.function?.arguments ?? "",
        });
      }
      // After this chunk's own deltas: a provider that sends a whole tool call and the finish
      // reason in one chunk (Gemini, Mistral) still gets its `.done` events.
      if (current.finish_reason) {
        this.#emitContentDone(current);
        if (events.currentToolCall !== null) this.#emitToolCallDone(current, events.currentToolCall);
      }
    }
  }

  #eventsFor(index: number): ChoiceEvents {
    let events = this.#choiceEvents[index];
    if (!events) {
      events = { contentDone: false, refusalDone: false, logprobsContentDone: false, logprobsRefusalDone: false, currentToolCall: null, doneToolCalls: new Set() };
      this.#choiceEvents[index] = events;
    }
    return events;
  }

  #emitContentDone(choice: ChatCompletionSnapshot.Choice): void {
    const events = this.#eventsFor(choice.index);
    const { content, refusal } = choice.message;
    if (content && !events.contentDone) {
      events.contentDone = true;
      const format = this.#params?.response_format;
      const parsed = isAutoParsableResponseFormat<ParsedT>(format) ? format.$parseRaw(content) : null;
      this._emit("content.done", { content, parsed });
    }
    if (refusal && !events.refusalDone) {
      events.refusalDone = true;
      this._emit("refusal.done", { refusal });
    }
    if (choice.logprobs?.content && !events.logprobsContentDone) {
      events.logprobsContentDone = true;
      this._emit("logprobs.content.done", { content: choice.logprobs.content });
    }
    if (choice.logprobs?.refusal && !events.logprobsRefusalDone) {
      events.logprobsRefusalDone = true;
      this._emit("logprobs.refusal.done", { refusal: choice.logprobs.refusal });
    }
  }

  #emitToolCallDone(choice: ChatCompletionSnapshot.Choice, index: number): void {
    const events = this.#eventsFor(choice.index);
    if (events.doneToolCalls.has(index)) return;
    events.doneToolCalls.add(index);
    const call = choice.message.tool_calls?.[index];
    if (!call) throw new OneLLMError("no tool call snapshot");
    if (!call.type) throw new OneLLMError("tool call snapshot missing `type`");
    let parsed: unknown = null;
    try {
      parsed = this.#params ? parseToolArguments(this.#params, call.function.name, call.function.arguments) : null;
    } catch (error) {
      // In a tool run the loop answers bad arguments to the model; elsewhere they are the stream's error.
      if (!this._runsTools) throw error;
    }
    this._emit("tool_calls.function.arguments.done", { name: call.function.name, index, arguments: call.function.arguments, parsed_arguments: parsed });
  }

  /** The chunks, as they arrive (the events still fire). `break` aborts the request. */
  [Symbol.asyncIterator](): AsyncIterator<ChatCompletionChunk> {
    const buffered: ChatCompletionChunk[] = [];
    const waiting: { resolve: (chunk: ChatCompletionChunk | undefined) => void; reject: (error: unknown) => void }[] = [];
    let finished = false;
    // A failure met while no read was waiting is raised by the read that finds the buffer empty:
    // an iterating caller always learns that the stream failed.
    let failure: { error: unknown } | undefined;
    const settle = (error?: unknown) => {
      finished = true;
      const readers = waiting.splice(0);
      if (error !== undefined && readers.length === 0) failure = { error };
      for (const reader of readers) {
        if (error === undefined) reader.resolve(undefined);
        else reader.reject(error);
      }
    };
    this.on("chunk", (chunk) => {
      const reader = waiting.shift();
      if (reader) reader.resolve(chunk);
      else buffered.push(chunk);
    });
    this.on("end", () => settle());
    this.on("abort", (error) => settle(error));
    this.on("error", (error) => settle(error));
    return {
      next: async () => {
        const chunk = buffered.shift();
        if (chunk) return { value: chunk, done: false };
        if (failure) {
          const { error } = failure;
          failure = undefined;
          throw error;
        }
        if (finished) return { value: undefined, done: true };
        const next = await new Promise<ChatCompletionChunk | undefined>((resolve, reject) => waiting.push({ resolve, reject }));
        return next ? { value: next, done: false } : { value: undefined, done: true };
      },
      return: async () => {
        this.abort();
        return { value: undefined, done: true };
      },
    };
  }

  /** The chunks as newline-delimited JSON, for sending to a browser (read back with `fromReadableStream`). */
  toReadableStream(): ReadableStream<Uint8Array> {
    return new Stream(() => this[Symbol.asyncIterator](), this.controller).toReadableStream();
  }
}
