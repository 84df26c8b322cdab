// What the stream and the tool runners share, with `openai`'s events and final methods: the
// conversation (`messages`), every completion received, and the values a run ends with
// (`finalContent()`, `finalMessage()`, `finalChatCompletion()`, `totalUsage()`, ...).
import type { OpenAI, RequestOptions } from "../client.js";
import { InvalidRequestError, OneLLMError } from "../errors.js";
import type { ChatCompletionMessageFunctionToolCall } from "../openai-namespace.js";
import type {
  ChatCompletion,
  ChatCompletionAssistantMessageParam,
  ChatCompletionCreateParams,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
  ChatCompletionToolMessageParam,
  CompletionUsage,
} from "../types.js";
import { EventStream, type BaseEvents } from "./event-stream.js";
import { parseChatCompletion, type ParsedChatCompletion, type ParseableParams } from "./parser.js";
import type { ToolRunner } from "./runnable-function.js";
import { runToolLoop } from "./tool-loop.js";

/** `RequestOptions` plus the tool loop's bound. */
export interface RunnerOptions extends RequestOptions {
  /** How many completions a `runTools()` loop may request before it stops. Default 10. */
  maxChatCompletions?: number;
}

export type FunctionCall = ChatCompletionMessageFunctionToolCall["function"];

export interface AbstractChatCompletionRunnerEvents extends BaseEvents {
  functionToolCall: (functionCall: FunctionCall) => void;
  message: (message: ChatCompletionMessageParam) => void;
  chatCompletion: (completion: ChatCompletion) => void;
  finalContent: (contentSnapshot: string) => void;
  finalMessage: (message: ChatCompletionMessageParam) => void;
  finalChatCompletion: (completion: ChatCompletion) => void;
  finalFunctionToolCall: (functionCall: FunctionCall) => void;
  functionToolCallResult: (content: string) => void;
  finalFunctionToolCallResult: (content: string) => void;
  totalUsage: (usage: CompletionUsage) => void;
}

/** Any request body the helpers send (tools may be runnable ones). */
export type HelperParams = Omit<ChatCompletionCreateParams, "tools"> & ParseableParams;

export function isAssistantMessage(message: ChatCompletionMessageParam | null | undefined): message is ChatCompletionAssistantMessageParam {
  return message?.role === "assistant";
}

export function isToolMessage(message: ChatCompletionMessageParam | null | undefined): message is ChatCompletionToolMessageParam {
  return message?.role === "tool";
}

export class AbstractChatCompletionRunner<Events extends AbstractChatCompletionRunnerEvents, ParsedT> extends EventStream<Events> {
  protected _chatCompletions: ParsedChatCompletion<ParsedT>[] = [];
  /** The conversation: the request's messages, then every answer and tool result in order. */
  messages: ChatCompletionMessageParam[] = [];
  /** Set by the tool runners: a call with bad arguments is answered to the model, not fatal. */
  protected _runsTools = false;

  protected _addChatCompletion(completion: ParsedChatCompletion<ParsedT>): ParsedChatCompletion<ParsedT> {
    this._chatCompletions.push(completion);
    this._emitAny("chatCompletion", completion);
    const message = completion.choices[0]?.message;
    if (message) this._addMessage(message as unknown as ChatCompletionMessageParam);
    return completion;
  }

  protected _addMessage(message: ChatCompletionMessageParam, emit = true): void {
    if (!("content" in message)) (message as { content?: unknown }).content = null;
    this.messages.push(message);
    if (!emit) return;
    this._emitAny("message", message);
    if (isToolMessage(message) && message.content) {
      this._emitAny("functionToolCallResult", message.content as string);
    } else if (isAssistantMessage(message) && message.tool_calls) {
      for (const call of message.tool_calls) if (call.type === "function") this._emitAny("functionToolCall", call.function);
    }
  }

  /** The last completion received (with `message.parsed` when the request had a parseable format). */
  async finalChatCompletion(): Promise<ParsedChatCompletion<ParsedT>> {
    await this.done();
    const completion = this._chatCompletions.at(-1);
    if (!completion) throw new OneLLMError("stream ended without producing a ChatCompletion");
    return completion;
  }

  /** The content of the last assistant message (null when it had none, e.g. only tool calls). */
  async finalContent(): Promise<string | null> {
    await this.done();
    return this.#finalContent();
  }

  /** The last assistant message. */
  async finalMessage(): Promise<ChatCompletionMessage> {
    await this.done();
    return this.#finalMessage();
  }

  /** The last function tool call the model made, if any. */
  async finalFunctionToolCall(): Promise<FunctionCall | undefined> {
    await this.done();
    return this.#finalFunctionToolCall();
  }

  /** The last result a tool returned to the model, if any. */
  async finalFunctionToolCallResult(): Promise<string | undefined> {
    await this.done();
    return this.#finalFunctionToolCallResult();
  }

  /** Token usage summed over every completion of the run. */
  async totalUsage(): Promise<CompletionUsage> {
    await this.done();
    return this.#totalUsage();
  }

  /** Every completion of the run, in order. */
  allChatCompletions(): ChatCompletion[] {
    return [...this._chatCompletions];
  }

  protected override _emitFinal(): void {
    const completion = this._chatCompletions.at(-1);
    if (completion) this._emitAny("finalChatCompletion", completion);
    const message = this.#finalMessage();
    this._emitAny("finalMessage", message as unknown as ChatCompletionMessageParam);
    const content = this.#finalContent();
    if (content) this._emitAny("finalContent", content);
    const call = this.#finalFunctionToolCall();
    if (call) this._emitAny("finalFunctionToolCall", call);
    const result = this.#finalFunctionToolCallResult();
    if (result !== undefined) this._emitAny("finalFunctionToolCallResult", result);
    if (this._chatCompletions.some((each) => each.usage)) this._emitAny("totalUsage", this.#totalUsage());
  }

  /** Runs one non-streamed completion, tied to this runner's abort, and records it. */
  protected async _createChatCompletion(client: OpenAI, params: HelperParams, options?: RunnerOptions): Promise<ParsedChatCompletion<ParsedT>> {
    const release = this._linkSignal(options?.signal);
    try {
      validateHelperParams(params);
      const completion = await client.chat.completions.create(
        { ...(params as ChatCompletionCreateParams), stream: false },
        { ...requestOptions(options), signal: this.controller.signal },
      );
      this._connected();
      return this._addChatCompletion(parseChatCompletion<ParsedT>(completion, params, { lenientToolArguments: this._runsTools }));
    } finally {
      release();
    }
  }

  /** `runTools()`: the request's messages, then the tool loop, each round through `_createChatCompletion`. */
  protected async _runTools(client: OpenAI, params: HelperParams, options: RunnerOptions | undefined): Promise<void> {
    for (const message of params.messages) this._addMessage(message, false);
    await runToolLoop(
      {
        runner: this as unknown as ToolRunner,
        messages: this.messages,
        signal: this.controller.signal,
        complete: (body) => this._createChatCompletion(client, body, options),
        addMessage: (message) => this._addMessage(message),
      },
      params,
      options,
    );
  }

  /** The caller's signal aborts this runner; the link is removed when the request is done. */
  protected _linkSignal(signal: AbortSignal | null | undefined): () => void {
    if (!signal) return () => undefined;
    if (signal.aborted) this.controller.abort();
    const abort = () => this.controller.abort();
    signal.addEventListener("abort", abort, { once: true });
    return () => signal.removeEventListener("abort", abort);
  }

  /** `_emit` for the events every runner has (the subclass's event map includes them). */
  protected _emitAny<Name extends keyof AbstractChatCompletionRunnerEvents>(
    event: Name,
    ...args: Parameters<AbstractChatCompletionRunnerEvents[Name]>
  ): void {
    this._emitUntyped(event, ...args);
  }

  #finalMessage(): ChatCompletionMessage {
    for (let index = this.messages.length - 1; index >= 0; index--) {
      const message = this.messages[index];
      if (isAssistantMessage(message)) {
        const { content, refusal, ...rest } = message as ChatCompletionAssistantMessageParam & { refusal?: string | null };
        return { ...rest, content: (content as string | null | undefined) ?? null, refusal: refusal ?? null } as ChatCompletionMessage;
      }
    }
    throw new OneLLMError("stream ended without producing a ChatCompletionMessage with role=assistant");
  }

  #finalContent(): string | null {
    return this.#finalMessage().content ?? null;
  }

  #finalFunctionToolCall(): FunctionCall | undefined {
    for (let index = this.messages.length - 1; index >= 0; index--) {
      const message = this.messages[index];
      if (isAssistantMessage(message) && message.tool_calls?.length) {
        return message.tool_calls.filter((call) => call.type === "function").at(-1)?.function;
      }
    }
    return undefined;
  }

  #finalFunctionToolCallResult(): string | undefined {
    for (let index = this.messages.length - 1; index >= 0; index--) {
      const message = this.messages[index];
      if (!isToolMessage(message) || typeof message.content !== "string") continue;
      const answered = this.messages.some(
        (other) => isAssistantMessage(other) && other.tool_calls?.some((call) => call.type === "function" && call.id === message.tool_call_id),
      );
      if (answered) return message.content;
    }
    return undefined;
  }

  #totalUsage(): CompletionUsage {
    const total: CompletionUsage = { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 };
    for (const { usage } of this._chatCompletions) {
      if (!usage) continue;
      total.completion_tokens += usage.completion_tokens;
      total.prompt_tokens += usage.prompt_tokens;
      total.total_tokens += usage.total_tokens;
    }
    return total;
  }
}

/** The helpers build one conversation from choice 0: several choices have no single next turn. */
export function validateHelperParams(params: { n?: number | null | undefined }): void {
  if (params.n != null && params.n > 1) {
    throw new InvalidRequestError(
      "ChatCompletion convenience helpers only support n=1 at this time. To use n>1, please use chat.completions.create() directly.",
      "n",
    );
  }
}

/** Request options without the runner's own. */
export function requestOptions(options: RunnerOptions | undefined): RequestOptions {
  if (!options) return {};
  const { maxChatCompletions: _bound, ...rest } = options;
  return rest;
}
