import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SSEDecoder } from "../../../src/core/sse.js";
import { APIError, IncompleteStreamError, InternalServerError } from "../../../src/errors.js";
import type { TranslateContext } from "../../../src/providers/contract.js";
import { AnthropicSSETranslator } from "../../../src/providers/anthropic/anthropic-sse.js";
import { AnthropicStreamTranslator } from "../../../src/providers/anthropic/anthropic-stream.js";
import { createTranslateContext } from "../../../src/router/translate-context.js";
import type { ChatCompletionChunk } from "../../../src/types.js";

const NOW = new Date("2025-06-01T12:00:00Z");
const CREATED = NOW.getTime() / 1000;
const MODEL = "claude-sonnet-4-5-20250929";

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/anthropic/${name}`, import.meta.url), "utf8");
}

function context(): TranslateContext {
  return createTranslateContext("anthropic", "claude-sonnet-4-5", "error", undefined);
}

interface Run {
  chunks: ChatCompletionChunk[];
  translator: AnthropicSSETranslator;
}

/** Decodes `text` and feeds every event through a fresh translator; `end()` is the caller's to call. */
function feed(text: string, includeUsage = false, translate: TranslateContext = context()): Run {
  const translator = new AnthropicSSETranslator(new AnthropicStreamTranslator(translate, includeUsage), translate.model);
  const decoder = new SSEDecoder();
  const chunks: ChatCompletionChunk[] = [];
  for (const event of [...decoder.push(text), ...decoder.flush()]) chunks.push(...translator.push(event));
  return { chunks, translator };
}

function complete(name: string, includeUsage = false, translate: TranslateContext = context()): ChatCompletionChunk[] {
  const { chunks, translator } = feed(fixture(name), includeUsage, translate);
  chunks.push(...translator.end());
  return chunks;
}

/** The common envelope of every chunk of one stream. */
function envelope(id: string) {
  return { id, object: "chat.completion.chunk", created: CREATED, model: MODEL } as const;
}

function choice(delta: Record<string, unknown>, finishReason: string | null = null) {
  return [{ index: 0, delta, finish_reason: finishReason, logprobs: null }];
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("AnthropicStreamTranslator", () => {
  it("turns a text stream into a role chunk, content chunks and the finish chunk", () => {
    const translate = context();
    const base = envelope("msg_01HCDu5LRGeP2o7s2xGmxyx8");
    expect(complete("text.sse", false, translate)).toEqual([
      { ...base, choices: choice({ role: "assistant", content: "" }) },
      { ...base, choices: choice({ content: "Bonjour ! Paris is" }) },
      { ...base, choices: choice({ content: " the capital of France — the café" }) },
      { ...base, choices: choice({ content: " on the corner ☕ is open." }) },
      { ...base, choices: choice({}, "stop") },
    ]);
    expect(translate.extras["native_finish_reasons"]).toEqual(["end_turn"]);
  });

  it("with include_usage, marks every chunk usage: null and ends with a usage chunk with no choices", () => {
    const chunks = complete("text.sse", true);
    expect(chunks).toHaveLength(6);
    for (const chunk of chunks.slice(0, 5)) expect(chunk.usage).toBeNull();
    expect(chunks[5]).toEqual({
      ...envelope("msg_01HCDu5LRGeP2o7s2xGmxyx8"),
      choices: [],
      usage: {
        prompt_tokens: 21 + 1536,
        completion_tokens: 19,
        total_tokens: 21 + 1536 + 19,
        prompt_tokens_details: { cached_tokens: 1536 },
      },
    });
  });

  it("streams two parallel tools as OpenAI tool-call chunks indexed by their order in the message", () => {
    const base = envelope("msg_014p7gG3wDgGV9EUtLvnow3U");
    const chunks = complete("tool-use.sse", true);
    const usageChunk = {
      ...base,
      choices: [],
      usage: { prompt_tokens: 472, completion_tokens: 131, total_tokens: 603, prompt_tokens_details: { cached_tokens: 0 } },
    };
    const deltas = [
      { ...base, choices: choice({ role: "assistant", content: "" }) },
      { ...base, choices: choice({ content: "I'll check the weather" }) },
      { ...base, choices: choice({ content: " in both cities." }) },
      {
        ...base,
        choices: choice({ tool_calls: [{ index: 0, id: "toolu_01A09q90qw90lq917835lq9", type: "function", function: { name: "get_weather", arguments: "" } }] }),
      },
      { ...base, choices: choice({ tool_calls: [{ index: 0, function: { arguments: '{"location": "San Fra' } }] }) },
      { ...base, choices: choice({ tool_calls: [{ index: 0, function: { arguments: 'ncisco, CA", "unit": "cel' } }] }) },
      { ...base, choices: choice({ tool_calls: [{ index: 0, function: { arguments: 'sius"}' } }] }) },
      {
        ...base,
        choices: choice({ tool_calls: [{ index: 1, id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", type: "function", function: { name: "get_weather", arguments: "" } }] }),
      },
      { ...base, choices: choice({ tool_calls: [{ index: 1, function: { arguments: '{"location": "Par' } }] }) },
      { ...base, choices: choice({ tool_calls: [{ index: 1, function: { arguments: 'is, France", "unit": "celsius"}' } }] }) },
      { ...base, choices: choice({}, "tool_calls") },
    ];
    expect(chunks).toEqual([...deltas.map((chunk) => ({ ...chunk, usage: null })), usageChunk]);
  });

  it("streams thinking as reasoning_content and never as content", () => {
    const base = envelope("msg_01Ry5hPaLw9bNc7xT3qVmD4s");
    const { chunks, translator } = feed(fixture("thinking.sse"));
    expect(chunks).toEqual([
      { ...base, choices: choice({ role: "assistant", content: "" }) },
      { ...base, choices: choice({ reasoning_content: "27 * 453 = 27 * 400 + 27 * 53" }) },
      { ...base, choices: choice({ reasoning_content: " = 10800 + 1431 = 12231." }) },
      { ...base, choices: choice({ content: "27 × 453 = 12,231." }) },
      { ...base, choices: choice({}, "stop") },
    ]);
    expect(translator.partialText()).toBe("27 × 453 = 12,231.");
  });

  it("throws the typed error of an in-band error event, after the chunks before it", () => {
    const translator = new AnthropicSSETranslator(new AnthropicStreamTranslator(context(), false), "claude-sonnet-4-5");
    const decoder = new SSEDecoder();
    const events = decoder.push(fixture("error-mid-stream.sse"));
    const chunks: ChatCompletionChunk[] = [];
    let caught: unknown;
    try {
      for (const event of events) chunks.push(...translator.push(event));
    } catch (error) {
      caught = error;
    }
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content)).toEqual(["", "The three primary colors", " of light are"]);
    expect(caught).toBeInstanceOf(InternalServerError);
    expect((caught as InternalServerError).status).toBe(529);
    expect((caught as InternalServerError).type).toBe("overloaded_error");
    expect((caught as InternalServerError).isRetryable).toBe(true);
    expect(translator.partialText()).toBe("The three primary colors of light are");
  });

  it("throws the typed error when the stream opens with an error event", () => {
    const { translator } = feed("");
    const decoder = new SSEDecoder();
    const [event] = decoder.push('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n');
    expect(() => translator.push(event!)).toThrow(InternalServerError);
  });

  it("end() throws IncompleteStreamError with the partial text when message_stop never came", () => {
    const { chunks, translator } = feed(fixture("truncated.sse"));
    expect(chunks).toHaveLength(3);
    let caught: unknown;
    try {
      translator.end();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IncompleteStreamError);
    expect((caught as IncompleteStreamError).partialText).toBe("Here is the first half of the answer");
    expect((caught as IncompleteStreamError).provider).toBe("anthropic");
  });

  it("ends cleanly only after message_stop, even when message_delta arrived", () => {
    const text = fixture("text.sse");
    const withoutStop = text.slice(0, text.indexOf("event: message_stop"));
    const { chunks, translator } = feed(withoutStop);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(() => translator.end()).toThrow(IncompleteStreamError);
  });

  it("rejects content before message_start and data that is not JSON", () => {
    const { translator } = feed("");
    const decoder = new SSEDecoder();
    const [delta] = decoder.push('event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}}\n\n');
    expect(() => translator.push(delta!)).toThrow(APIError);
  });

  it("reports unreadable data as a retryable bad-gateway error once another event follows it", () => {
    let caught: unknown;
    try {
      feed(fixture("text.sse").replace('"text":"Bonjour', '"text":Bonjour'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InternalServerError);
    expect((caught as InternalServerError).status).toBe(502);
    expect((caught as Error).message).toContain("whose data is not JSON");
  });

  it("treats a last event cut off mid-JSON as a truncated stream, not as garbage", () => {
    const text = fixture("text.sse");
    const { chunks, translator } = feed(text.slice(0, text.indexOf('"stop_reason":"end_turn"')));
    expect(chunks).toHaveLength(4);
    expect(() => translator.end()).toThrow(IncompleteStreamError);
  });

  it("skips pings and event types it does not know", () => {
    const text = fixture("text.sse").replace(
      "event: content_block_stop",
      'event: brand_new_event\ndata: {"type":"brand_new_event","detail":1}\n\nevent: content_block_stop',
    );
    expect(complete("text.sse")).toEqual(feedAndEnd(text));
  });
});

function feedAndEnd(text: string): ChatCompletionChunk[] {
  const { chunks, translator } = feed(text);
  return [...chunks, ...translator.end()];
}
