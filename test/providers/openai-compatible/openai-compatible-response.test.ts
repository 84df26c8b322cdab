import { describe, expect, it } from "vitest";
import { APIError } from "../../../src/errors.js";
import { mapFinishReason } from "../../../src/providers/openai-compatible/openai-compatible-finish-reason.js";
import { normalizeCompletion, normalizeMessage, normalizeUsage } from "../../../src/providers/openai-compatible/openai-compatible-response.js";
import { OpenAIDialectStreamTranslator } from "../../../src/providers/openai-compatible/openai-compatible-stream.js";
import { createTranslateContext } from "../../../src/router/translate-context.js";
import type { OpenaiStreamEvent } from "../../../generated/providers/openai/translator.gen.js";

type Json = Record<string, unknown>;

describe("normalizeMessage", () => {
  const cases: [string, Json, boolean, Json][] = [
    [
      "typed chunks -> content + reasoning_content (Mistral reasoning models)",
      { role: "assistant", content: [{ type: "thinking", thinking: [{ type: "text", text: "a" }, { type: "text", text: "b" }] }, { type: "text", text: "c" }, { type: "reference", reference_ids: [1] }] },
      false,
      { role: "assistant", content: "c", reasoning_content: "ab" },
    ],
    ["only thinking chunks, not streamed: content null", { content: [{ type: "thinking", thinking: [{ type: "text", text: "a" }] }] }, false, { content: null, reasoning_content: "a" }],
    ["only thinking chunks, streamed: no content key", { content: [{ type: "thinking", thinking: [{ type: "text", text: "a" }] }] }, true, { reasoning_content: "a" }],
    ["`reasoning` (Groq, OpenRouter, Cerebras) -> reasoning_content", { content: "x", reasoning: "r" }, false, { content: "x", reasoning_content: "r" }],
    ["`thinking` -> reasoning_content", { content: "x", thinking: "t" }, true, { content: "x", reasoning_content: "t" }],
    ["both spellings: reasoning_content already has the text", { reasoning_content: "r", reasoning: "r" }, true, { reasoning_content: "r" }],
    ["null reasoning is dropped", { content: "x", reasoning: null }, true, { content: "x" }],
    ["Mistral's `prefix` echo is dropped", { content: "x", prefix: false }, false, { content: "x" }],
    [
      "tool calls: type filled, object arguments as JSON, index gone (not streamed)",
      { tool_calls: [{ id: "D681PevKs", function: { name: "f", arguments: { city: "Paris" } }, index: 0 }] },
      false,
      { tool_calls: [{ id: "D681PevKs", type: "function", function: { name: "f", arguments: '{"city":"Paris"}' } }] },
    ],
    [
      "streamed tool-call fragments: type on the one with the id, index kept",
      { tool_calls: [{ index: 0, id: "c1", function: { name: "f", arguments: "" } }, { index: 0, function: { arguments: "{}" } }] },
      true,
      { tool_calls: [{ index: 0, id: "c1", type: "function", function: { name: "f", arguments: "" } }, { index: 0, function: { arguments: "{}" } }] },
    ],
    ["tool_calls: null is dropped", { content: "x", tool_calls: null }, false, { content: "x" }],
  ];
  it.each(cases)("%s", (_name, message, streamed, expected) => {
    const copy = structuredClone(message);
    normalizeMessage(copy, streamed);
    expect(copy).toEqual(expected);
  });
});

describe("normalizeUsage", () => {
  it.each([
    ["DeepSeek cache hits", { prompt_tokens: 5, prompt_cache_hit_tokens: 3 }, 3],
    ["Mistral num_cached_tokens", { prompt_tokens: 5, num_cached_tokens: 2 }, 2],
    ["Mistral prompt_token_details", { prompt_tokens: 5, prompt_token_details: { cached_tokens: 1 } }, 1],
    ["OpenAI's own wins", { prompt_tokens: 5, prompt_tokens_details: { cached_tokens: 4 }, prompt_cache_hit_tokens: 3 }, 4],
  ])("%s", (_name, usage, cached) => {
    normalizeUsage(usage);
    expect((usage as { prompt_tokens_details?: { cached_tokens?: number } }).prompt_tokens_details?.cached_tokens).toBe(cached);
  });
});

describe("finish reasons", () => {
  it.each([
    ["stop", "stop"],
    ["tool_calls", "tool_calls"],
    ["model_length", "length"],
    ["eos", "stop"],
    ["end_turn", "stop"],
    ["something_new", "stop"],
    [null, null],
  ] as const)("%s -> %s", (native, mapped) => {
    expect(mapFinishReason(native, "mistral", "m")).toBe(mapped);
  });

  it.each(["error", "insufficient_system_resource"])("%s is a retryable APIError (the output is incomplete)", (native) => {
    let error: unknown;
    try {
      mapFinishReason(native, "deepseek", "deepseek-chat");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).isRetryable).toBe(true);
    expect((error as APIError).message).toContain(`finish_reason "${native}"`);
  });

  it("a non-streamed answer keeps the native reasons in the context extras", () => {
    const context = createTranslateContext("mistral", "m", "error", undefined);
    const completion = normalizeCompletion({ choices: [{ index: 0, message: { role: "assistant", content: "x" }, finish_reason: "model_length" }] }, context);
    expect(completion.choices[0]).toMatchObject({ finish_reason: "length", logprobs: null, message: { content: "x", refusal: null } });
    expect(completion.object).toBe("chat.completion");
    expect(context.extras["native_finish_reasons"]).toEqual(["model_length"]);
  });

  it("a streamed `error` finish throws from the stream translator", () => {
    const translator = new OpenAIDialectStreamTranslator(createTranslateContext("mistral", "m", "error", undefined), { normalize: true, includeUsage: false });
    const chunk = { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: "par" }, finish_reason: "error" }] };
    expect(() => translator.push(chunk as unknown as OpenaiStreamEvent)).toThrow(APIError);
  });
});
