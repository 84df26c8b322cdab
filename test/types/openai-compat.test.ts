// Type-level contract: code written against the `openai` package's types compiles against ours.
// `npm run typecheck` (tsc over test/) is what enforces this file; the runtime test below only
// checks that a real response parsed through our types is what `openai`'s code would read.
import { readFileSync } from "node:fs";
import type OpenAIPackage from "openai";
import type OpenAIValue from "../../src/index.js";
import type { ClientOptions as TheirClientOptions } from "openai";
import { describe, expect, expectTypeOf, it } from "vitest";
import type {
  APIPromise,
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatCompletionMessageParam,
  ChatCompletionTool,
  ClientOptions,
  OpenAI,
  RequestOptions,
} from "../../src/index.js";

type TheirCompletion = OpenAIPackage.Chat.Completions.ChatCompletion;
type TheirChunk = OpenAIPackage.Chat.Completions.ChatCompletionChunk;
type TheirMessageParam = OpenAIPackage.Chat.Completions.ChatCompletionMessageParam;
type TheirTool = OpenAIPackage.Chat.Completions.ChatCompletionFunctionTool;
type TheirParams = OpenAIPackage.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

// What the SDK returns must fit wherever `openai`'s types are expected.
expectTypeOf<ChatCompletion>().toExtend<TheirCompletion>();
expectTypeOf<ChatCompletionChunk>().toExtend<TheirChunk>();

// What users already build for `openai` must be accepted by our request type.
expectTypeOf<TheirMessageParam>().toExtend<ChatCompletionMessageParam>();
expectTypeOf<TheirTool>().toExtend<ChatCompletionTool>();

// Options objects written for `openai`'s constructor and calls are accepted as they are. (Only
// `openai`'s internal, branded NullableHeaders form of headers is left out: users cannot build one.)
expectTypeOf<Omit<TheirClientOptions, "defaultHeaders">>().toExtend<ClientOptions>();
type TheirRequestOptions = NonNullable<Parameters<OpenAIPackage["chat"]["completions"]["create"]>[1]>;
expectTypeOf<Pick<TheirRequestOptions, "signal" | "timeout" | "maxRetries" | "idempotencyKey" | "fetchOptions">>().toExtend<RequestOptions>();

// As with `openai`, the awaited completion carries `_request_id`, and withResponse() its request id.
type Created = Awaited<ReturnType<OpenAI["chat"]["completions"]["create"]>>;
expectTypeOf<Extract<Created, ChatCompletion>["_request_id"]>().toEqualTypeOf<string | null | undefined>();
expectTypeOf<Awaited<ReturnType<APIPromise<ChatCompletion>["withResponse"]>>["request_id"]>().toEqualTypeOf<string | null>();
expectTypeOf<APIPromise<ChatCompletion>>().toExtend<Promise<ChatCompletion>>();

function readsLikeOpenAI(completion: TheirCompletion): string | null {
  return completion.choices[0]?.message.content ?? null;
}
function acceptsTheirParams(params: TheirParams): ChatCompletionCreateParams {
  return params;
}

describe("openai type compatibility", () => {
  it("hands our parsed ChatCompletion to code typed against openai's", () => {
    const completion = JSON.parse(readFileSync("test/fixtures/openai/text.json", "utf8")) as ChatCompletion;
    expect(readsLikeOpenAI(completion)).toBe("Hello! How can I help you today?");
    expect(acceptsTheirParams({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }).model).toBe("gpt-4o");
  });
});

// Code that names types through the client, as `openai` code does, compiles after swapping the import.
{
  const messages: OpenAIValue.Chat.ChatCompletionMessageParam[] = [{ role: "user", content: "hi" }];
  const tools: OpenAIValue.Chat.Completions.ChatCompletionTool[] = [];
  const params: OpenAIValue.ChatCompletionCreateParamsNonStreaming = { model: "gpt-4o", messages, tools };
  const options: OpenAIValue.RequestOptions = { timeout: 1000 };
  expectTypeOf<OpenAIValue.ChatCompletion>().toEqualTypeOf<ChatCompletion>();
  expectTypeOf<OpenAIValue.Chat.ChatCompletionChunk>().toEqualTypeOf<ChatCompletionChunk>();
  expectTypeOf<OpenAIValue.Chat.ChatCompletionFunctionTool>().toExtend<ChatCompletionTool>();
  expectTypeOf<TheirParams>().toExtend<OpenAIValue.Chat.ChatCompletionCreateParams>();
  void params;
  void options;
}
