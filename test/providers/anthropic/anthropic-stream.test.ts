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

  it("streams thinking as reasoning_content and reasoning_details pieces (the signature last), never as content", () => {
    const SIGNATURE = /"signature":"([^"]+)"/.exec(fixture("thinking.sse").split("signature_delta")[1] ?? "")?.[1];
    const base = envelope("msg_01Ry5hPaLw9bNc7xT3qVmD4s");
    const { chunks, translator } = feed(fixture("thinking.sse"));
    expect(chunks).toEqual([
      { ...base, choices: choice({ role: "assistant", content: "" }) },
      { ...base, choices: choice({ reasoning_content: "27 * 453 = 27 * 400 + 27 * 53", reasoning_details: [{ type: "reasoning.text", text: "27 * 453 = 27 * 400 + 27 * 53", format: "anthropic-claude-v1", index: 0 }] }) },
      { ...base, choices: choice({ reasoning_content: " = 10800 + 1431 = 12231.", reasoning_details: [{ type: "reasoning.text", text: " = 10800 + 1431 = 12231.", format: "anthropic-claude-v1", index: 0 }] }) },
      { ...base, choices: choice({ reasoning_details: [{ type: "reasoning.text", text: "", signature: SIGNATURE, format: "anthropic-claude-v1", index: 0 }] }) },
      { ...base, choices: choice({ content: "27 × 453 = 12,231." }) },
      { ...base, choices: choice({}, "stop") },
    ]);
    expect(translator.partialText()).toBe("27 × 453 = 12,231.");
  });

  it("streams a redacted_thinking block as one encrypted reasoning_details piece, after the signed thinking", () => {
    const events = [
      { type: "message_start", message: { id: "msg_r", type: "message", role: "assistant", model: MODEL, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } },
      { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "", signature: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "Hmm." } },
      { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "c2ln" } },
      { type: "content_block_stop", index: 0 },
      { type: "content_block_start", index: 1, content_block: { type: "redacted_thinking", data: "EmwKAhgBEgy3" } },
      { type: "content_block_stop", index: 1 },
      { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 9 } },
      { type: "message_stop" },
    ];
    const { chunks } = feed(events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join(""));
    expect(chunks.flatMap((chunk) => chunk.choices[0]?.delta.reasoning_details ?? [])).toEqual([
      { type: "reasoning.text", text: "Hmm.", format: "anthropic-claude-v1", index: 0 },
      { type: "reasoning.text", text: "", signature: "c2ln", format: "anthropic-claude-v1", index: 0 },
      { type: "reasoning.encrypted", data: "EmwKAhgBEgy3", format: "anthropic-claude-v1", index: 1 },
    ]);
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

describe("AnthropicStreamTranslator: what the real API sends", () => {
  it("gives a tool call without arguments \"{}\", as the non-streaming path does, not \"\"", () => {
    const chunks = complete("tool-no-args.sse");
    const base = envelope("msg_01GE2RKp1VYsPzdFs3sS9z5S");
    expect(chunks.slice(2)).toEqual([
      {
        ...base,
        choices: choice({ tool_calls: [{ index: 0, id: "toolu_01QE1WLsSVp5hy5Q3GmGTmjP", type: "function", function: { name: "refresh_issues", arguments: "" } }] }),
      },
      { ...base, choices: choice({ tool_calls: [{ index: 0, function: { arguments: "{}" } }] }) },
      { ...base, choices: choice({}, "tool_calls") },
    ]);
    const args = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []).map((call) => call.function?.arguments ?? "");
    expect(JSON.parse(args.join(""))).toEqual({});
  });

  it("sends \"{}\" once, even when content_block_stop is missing before message_delta", () => {
    const text = fixture("tool-no-args.sse").replace('event: content_block_stop\ndata: {"type":"content_block_stop","index":1}\n\n', "");
    const chunks = feedAndEnd(text);
    const fragments = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []).map((call) => call.function?.arguments);
    expect(fragments).toEqual(["", "{}"]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("skips a block type it does not know (compaction) with its deltas, and keeps the text after it", () => {
    const chunks = complete("compaction.sse");
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: "assistant", content: "" },
      { content: "Based on the conversation history," },
      { content: " here is the summary." },
      {},
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("never lets text or thinking deltas of a skipped block reach content or reasoning", () => {
    const text = fixture("compaction.sse").replace(
      '"delta":{"type":"compaction_delta","content":"## Summary',
      '"delta":{"type":"text_delta","text":"LEAKED"}}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"LEAKED"}}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"compaction_delta","content":"## Summary',
    );
    const chunks = feedAndEnd(text);
    expect(JSON.stringify(chunks)).not.toContain("LEAKED");
    expect(chunks).toHaveLength(4);
  });

  it("skips an unknown event even before message_start", () => {
    const text = 'event: brand_new_event\ndata: {"type":"brand_new_event"}\n\n' + fixture("text.sse");
    expect(feedAndEnd(text)).toEqual(complete("text.sse"));
  });

  it("translates blocks and the stop reason that message_start already carries", () => {
    const translate = context();
    const chunks = complete("prepopulated.sse", true, translate);
    const base = { ...envelope("msg_01PpT7vKq3xWm9RzL2cNb4Hd"), model: "claude-sonnet-4-6", usage: null };
    expect(chunks.slice(0, 3)).toEqual([
      { ...base, choices: choice({ role: "assistant", content: "" }) },
      {
        ...base,
        choices: choice({
          tool_calls: [{ index: 0, id: "toolu_01Hq8RmV2cXk7NzT4pLw9BsE", type: "function", function: { name: "lookup_customer", arguments: '{"id":"customer_123"}' } }],
        }),
      },
      { ...base, choices: choice({}, "tool_calls") },
    ]);
    expect(chunks[3]?.usage).toEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, prompt_tokens_details: { cached_tokens: 0 } });
    expect(translate.extras["native_finish_reasons"]).toEqual(["tool_use"]);
  });

  it("keeps citations_delta events (web search, documents) out of the chunks", () => {
    const citation =
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"char_location","cited_text":"Paris is the capital of France.","document_index":0,"document_title":"Facts","start_char_index":0,"end_char_index":31,"file_id":null}}}\n\n';
    const text = fixture("text.sse").replace("event: ping", `${citation}event: ping`);
    expect(feedAndEnd(text)).toEqual(complete("text.sse"));
  });

  it("reads streams without event: lines the same way (the JSON type decides)", () => {
    const text = fixture("tool-use.sse").replace(/^event: .*\n/gm, "");
    expect(feedAndEnd(text)).toEqual(complete("tool-use.sse"));
  });

  it("keeps the request_id of an in-band error event as the error's requestId", () => {
    const { translator } = feed("");
    const [event] = new SSEDecoder().push(fixture("error-mid-stream.sse").slice(fixture("error-mid-stream.sse").indexOf("event: error")));
    let caught: unknown;
    try {
      translator.push(event!);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InternalServerError);
    expect((caught as InternalServerError).requestId).toBe("req_011CX7DwS7tSvggaNHmefwWg");
  });

  it("survives a message_delta without usage (a relay that drops it) and keeps message_start's counts", () => {
    const text = fixture("text.sse").replace(',"usage":{"output_tokens":19}}', "}");
    const chunks = feedAndEnd(text);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    const { chunks: withUsage, translator } = feed(text, true);
    withUsage.push(...translator.end());
    expect(withUsage.at(-1)?.usage).toMatchObject({ prompt_tokens: 21 + 1536, completion_tokens: 1 });
  });
});

function feedAndEnd(text: string): ChatCompletionChunk[] {
  const { chunks, translator } = feed(text);
  return [...chunks, ...translator.end()];
}
