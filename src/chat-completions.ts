// `client.chat.completions`: create, plus `openai`'s helpers — parse, stream, runTools — on every
// provider. The helpers build on `create`, so retries, fallbacks and logging apply to each request.
import { APIPromise } from "./api-promise.js";
import type { OpenAI, RequestOptions } from "./client.js";
import type { Stream } from "./core/stream.js";
import type { RouteResult } from "./router/router.js";
import type { RunnerOptions } from "./helpers/abstract-chat-completion-runner.js";
import { ChatCompletionRunner, type ChatCompletionToolRunnerParams } from "./helpers/chat-completion-runner.js";
import { ChatCompletionStream, type ChatCompletionStreamParams } from "./helpers/chat-completion-stream.js";
import {
  ChatCompletionStreamingRunner,
  type ChatCompletionStreamingToolRunnerParams,
} from "./helpers/chat-completion-streaming-runner.js";
import { parseChatCompletion, validateInputTools, type ExtractParsedContentFromParams, type ParsedChatCompletion } from "./helpers/parser.js";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from "./types.js";

/** `parse()`'s body: a non-streamed create body (its `response_format` and tools say what to parse). */
export type ChatCompletionParseParams = ChatCompletionCreateParamsNonStreaming;

/** The send path `create` runs on (the client's, internal). */
export type SendCompletion = (
  body: ChatCompletionCreateParams,
  options: RequestOptions,
) => Promise<RouteResult<ChatCompletion | Stream<ChatCompletionChunk>>>;

export class Completions {
  constructor(
    private readonly client: OpenAI,
    private readonly send: SendCompletion,
  ) {}

  /**
   * Creates a chat completion on any provider: `model` is `provider/model` (a bare name means
   * OpenAI). With `stream: true` it resolves to a `Stream` of chunks; otherwise to a
   * `ChatCompletion`, whose `onellm` field says which provider served it, every attempt, and any
   * warnings. Retries and `fallback_models` apply; a parameter the provider cannot honour is an
   * `UnsupportedParameterError` before anything is sent.
   *
   * @example
   * ```ts
   * const completion = await client.chat.completions.create({
   *   model: "anthropic/claude-sonnet-4-5",
   *   messages: [{ role: "user", content: "Hello" }],
   *   fallback_models: ["google/gemini-2.5-flash", "openai/gpt-4o-mini"],
   * });
   * console.log(completion.choices[0]?.message.content, completion.onellm?.provider);
   *
   * const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
   * for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? "");
   * ```
   */
  create(body: ChatCompletionCreateParamsStreaming, options?: RequestOptions): APIPromise<Stream<ChatCompletionChunk>>;
  create(body: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): APIPromise<ChatCompletion>;
  create(body: ChatCompletionCreateParams, options?: RequestOptions): APIPromise<Stream<ChatCompletionChunk> | ChatCompletion>;
  create(body: ChatCompletionCreateParams, options: RequestOptions = {}): APIPromise<Stream<ChatCompletionChunk> | ChatCompletion> {
    return new APIPromise(this.send(body, options));
  }

  /**
   * Creates a completion and parses it: `message.parsed` from a `response_format` made with
   * `zodResponseFormat()` (typed, validated by zod) or a plain JSON Schema (checked against it),
   * and `parsed_arguments` on calls of `zodFunction()` / `strict` tools. Works on every provider:
   * natively where the provider has structured outputs, emulated elsewhere (said in
   * `onellm.warnings`). Throws `LengthFinishReasonError` or `ContentFilterFinishReasonError` when
   * the answer was cut off or filtered; a refusal leaves `parsed` null and sets `message.refusal`.
   *
   * @example
   * ```ts
   * import { zodResponseFormat } from "onellm-sdk/helpers/zod";
   * import { z } from "zod";
   *
   * const Event = z.object({ name: z.string(), date: z.string(), participants: z.array(z.string()) });
   * const completion = await client.chat.completions.parse({
   *   model: "google/gemini-2.5-flash",
   *   messages: [{ role: "user", content: "Alice and Bob are going to a science fair on Friday." }],
   *   response_format: zodResponseFormat(Event, "event"),
   * });
   * const event = completion.choices[0]?.message.parsed; // { name, date, participants } | null
   * ```
   */
  parse<Params extends ChatCompletionParseParams, ParsedT = ExtractParsedContentFromParams<Params>>(
    body: Params,
    options?: RequestOptions,
  ): APIPromise<ParsedChatCompletion<ParsedT>> {
    const created = (async () => {
      // Checked before anything is sent, like every other bad input.
      validateInputTools(body.tools);
      return (await this.send(body, options ?? {})) as RouteResult<ChatCompletion>;
    })();
    return new APIPromise(created)._thenUnwrap((completion) => parseChatCompletion<ParsedT>(completion, body));
  }

  /**
   * Streams a completion through a runner with `openai`'s events — `content.delta`,
   * `content.done` (with `parsed`), `refusal.delta`/`done`, `tool_calls.function.arguments.delta`/
   * `done`, `logprobs.*`, `chunk` — and final methods (`finalChatCompletion()`, `finalContent()`,
   * `finalMessage()`), async iteration over the chunks, `abort()` and `toReadableStream()`. Every
   * provider's chunks have one shape, so the same answer gives the same events from any of them.
   *
   * @example
   * ```ts
   * const stream = client.chat.completions
   *   .stream({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "Write a haiku" }] })
   *   .on("content.delta", ({ delta }) => process.stdout.write(delta));
   * const completion = await stream.finalChatCompletion();
   * ```
   */
  stream<Params extends ChatCompletionStreamParams, ParsedT = ExtractParsedContentFromParams<Params>>(
    body: Params,
    options?: RequestOptions,
  ): ChatCompletionStream<ParsedT> {
    return ChatCompletionStream.createChatCompletion<ParsedT>(this.client, body, options);
  }

  /**
   * Calls your functions for the model and loops until it answers without a tool call (at most
   * `maxChatCompletions` requests, default 10). Tools are `{ type: "function", function: {
   * function, parse?, parameters, description } }` or `zodFunction({ ..., function })`; their
   * calls run concurrently unless `parallel_tool_calls: false`, and their results go back in call
   * order. Works on every provider, whatever its tool-call ids or message format. With
   * `stream: true` every round streams, with the stream events.
   *
   * @example
   * ```ts
   * const runner = client.chat.completions
   *   .runTools({
   *     model: "mistral/mistral-large-latest",
   *     messages: [{ role: "user", content: "How is the weather in Paris?" }],
   *     tools: [{
   *       type: "function",
   *       function: {
   *         name: "get_weather",
   *         description: "Current weather for a city",
   *         parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
   *         parse: JSON.parse,
   *         function: async ({ city }: { city: string }) => ({ city, celsius: 21 }),
   *       },
   *     }],
   *   })
   *   .on("functionToolCall", (call) => console.log("calling", call.name));
   * console.log(await runner.finalContent());
   * ```
   */
  runTools<Params extends ChatCompletionToolRunnerParams<any>, ParsedT = ExtractParsedContentFromParams<Params>>(
    body: Params,
    options?: RunnerOptions,
  ): ChatCompletionRunner<ParsedT>;
  runTools<Params extends ChatCompletionStreamingToolRunnerParams<any>, ParsedT = ExtractParsedContentFromParams<Params>>(
    body: Params,
    options?: RunnerOptions,
  ): ChatCompletionStreamingRunner<ParsedT>;
  runTools<
    Params extends ChatCompletionToolRunnerParams<any> | ChatCompletionStreamingToolRunnerParams<any>,
    ParsedT = ExtractParsedContentFromParams<Params>,
  >(body: Params, options?: RunnerOptions): ChatCompletionRunner<ParsedT> | ChatCompletionStreamingRunner<ParsedT> {
    if (body.stream) {
      return ChatCompletionStreamingRunner.runTools<ParsedT>(this.client, body as ChatCompletionStreamingToolRunnerParams<any>, options);
    }
    return ChatCompletionRunner.runTools<ParsedT>(this.client, body as ChatCompletionToolRunnerParams<any>, options);
  }
}

export class Chat {
  readonly completions: Completions;
  constructor(client: OpenAI, send: SendCompletion) {
    this.completions = new Completions(client, send);
  }
}
