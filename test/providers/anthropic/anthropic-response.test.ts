import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TranslateContext } from "../../../src/providers/contract.js";
import { toChatCompletion, toCompletionUsage } from "../../../src/providers/anthropic/anthropic-response.js";
import type { AnthropicChatResponse } from "../../../src/providers/anthropic/anthropic-schema.js";
import { createTranslateContext } from "../../../src/router/translate-context.js";

const NOW = new Date("2025-06-01T12:00:00Z");
const CREATED = NOW.getTime() / 1000;

function fixture(name: string): AnthropicChatResponse {
  return JSON.parse(readFileSync(new URL(`../../fixtures/anthropic/${name}`, import.meta.url), "utf8")) as AnthropicChatResponse;
}

function context(): TranslateContext {
  return createTranslateContext("anthropic", "claude-sonnet-4-5", "error", undefined);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("toChatCompletion", () => {
  it("maps a text message to OpenAI's exact shape, with cache tokens counted in prompt_tokens", () => {
    const translate = context();
    expect(toChatCompletion(fixture("text.json"), translate)).toEqual({
      id: "msg_01XFDUDYJgAACzvnptvVoYEL",
      object: "chat.completion",
      created: CREATED,
      model: "claude-sonnet-4-5-20250929",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Bonjour ! Paris is the capital of France — and yes, the café on the corner serves excellent croissants.",
            refusal: null,
          },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 21 + 1536 + 188,
        completion_tokens: 29,
        total_tokens: 21 + 1536 + 188 + 29,
        prompt_tokens_details: { cached_tokens: 1536, cache_write_tokens: 188 },
      },
    });
    expect(translate.extras["native_finish_reasons"]).toEqual(["end_turn"]);
  });

  it("maps parallel tool_use blocks to tool_calls with JSON-string arguments", () => {
    const completion = toChatCompletion(fixture("tool-use.json"), context());
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: "assistant",
          content: "I'll check the current weather in both cities.",
          refusal: null,
          tool_calls: [
            {
              id: "toolu_01A09q90qw90lq917835lq9",
              type: "function",
              function: { name: "get_weather", arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
            },
            {
              id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
              type: "function",
              function: { name: "get_weather", arguments: '{"location":"Paris, France","unit":"celsius"}' },
            },
          ],
        },
        finish_reason: "tool_calls",
        logprobs: null,
      },
    ]);
    expect(completion.usage).toEqual({ prompt_tokens: 472, completion_tokens: 131, total_tokens: 603, prompt_tokens_details: { cached_tokens: 0 } });
  });

  it("puts thinking into reasoning_content, never into content, and the signed and redacted blocks into reasoning_details", () => {
    const response = fixture("thinking.json");
    const completion = toChatCompletion(response, context());
    const [thinking, redacted] = response.content;
    expect(completion.choices[0]?.message).toEqual({
      role: "assistant",
      content: "27 × 453 = 12,231.",
      refusal: null,
      reasoning_content: "The user asks for 27 * 453. 27 * 453 = 27 * 400 + 27 * 53 = 10800 + 1431 = 12231.",
      reasoning_details: [
        { type: "reasoning.text", text: thinking?.type === "thinking" ? thinking.thinking : "", signature: thinking?.type === "thinking" ? thinking.signature : "", format: "anthropic-claude-v1", index: 0 },
        { type: "reasoning.encrypted", data: redacted?.type === "redacted_thinking" ? redacted.data : "", format: "anthropic-claude-v1", index: 1 },
      ],
    });
    expect(completion.choices[0]?.message.content).not.toContain("EmwKAhgB");
  });

  it("maps a refusal stop to content_filter and keeps the text produced before it", () => {
    const translate = context();
    const completion = toChatCompletion(fixture("refusal.json"), translate);
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: { role: "assistant", content: "I can give a general overview of how", refusal: null },
      finish_reason: "content_filter",
      logprobs: null,
    });
    expect(translate.extras["native_finish_reasons"]).toEqual(["refusal"]);
  });

  it("maps a max_tokens stop to length", () => {
    const translate = context();
    const completion = toChatCompletion(fixture("max-tokens.json"), translate);
    expect(completion.choices[0]?.finish_reason).toBe("length");
    expect(completion.model).toBe("claude-haiku-4-5-20251001");
    expect(completion.choices[0]?.message.content).toMatch(/could hear the$/);
    expect(translate.extras["native_finish_reasons"]).toEqual(["max_tokens"]);
  });

  it("gives content null when the message has no text block", () => {
    const message: AnthropicChatResponse = { ...fixture("tool-use.json"), content: fixture("tool-use.json").content.slice(1) };
    expect(toChatCompletion(message, context()).choices[0]?.message.content).toBeNull();
  });

  it("records a fresh native_finish_reasons array per response", () => {
    const translate = context();
    toChatCompletion(fixture("text.json"), translate);
    const first = translate.extras["native_finish_reasons"];
    toChatCompletion(fixture("max-tokens.json"), translate);
    expect(first).toEqual(["end_turn"]);
    expect(translate.extras["native_finish_reasons"]).toEqual(["max_tokens"]);
  });
});

describe("toCompletionUsage", () => {
  it("adds cache reads and writes to prompt_tokens and repeats the reads as cached_tokens", () => {
    expect(toCompletionUsage({ input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 40 })).toEqual({
      prompt_tokens: 150,
      completion_tokens: 5,
      total_tokens: 155,
      prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 40 },
    });
    expect(toCompletionUsage({ input_tokens: 10, output_tokens: 5, cache_read_input_tokens: null, cache_creation_input_tokens: null })).toEqual({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });
});
