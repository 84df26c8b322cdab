// Type-level contract: code written against the `openai` package's types compiles against ours.
// `npm run typecheck` (tsc over test/) is what enforces this file; the runtime test below only
// checks that a real response parsed through our types is what `openai`'s code would read.
import { readFileSync } from "node:fs";
import type OpenAIPackage from "openai";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams, ChatCompletionMessageParam, ChatCompletionTool } from "../../src/index.js";

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
