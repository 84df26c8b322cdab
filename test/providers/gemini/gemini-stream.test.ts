import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SSEDecoder } from "../../../src/core/sse.js";
import { IncompleteStreamError, InternalServerError, RateLimitError } from "../../../src/errors.js";
import type { TranslateContext } from "../../../src/providers/contract.js";
import { GeminiSSETranslator, GeminiStreamTranslator } from "../../../src/providers/gemini/gemini-stream.js";
import { toolCallId } from "../../../src/providers/gemini/gemini-function-calls.js";
import type { ChatCompletionChunk } from "../../../src/types.js";
import { fixtureText, makeContext } from "../../fixtures/gemini/fixtures.js";

const NOW = Date.UTC(2025, 8, 28, 12, 0, 0);
const CREATED = NOW / 1000;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

function translator(context: TranslateContext, includeUsage: boolean): GeminiSSETranslator {
  return new GeminiSSETranslator(new GeminiStreamTranslator(context, includeUsage), context);
}

/** Feeds an SSE transcript through the real decoder, byte by byte, then ends the stream. */
function run(transcript: string, { includeUsage = true, context = makeContext() } = {}): ChatCompletionChunk[] {
  const decoder = new SSEDecoder();
  const stream = translator(context, includeUsage);
  const chunks: ChatCompletionChunk[] = [];
  for (const byte of new TextEncoder().encode(transcript)) {
    for (const event of decoder.push(Uint8Array.of(byte))) chunks.push(...stream.push(event));
  }
  for (const event of decoder.flush()) chunks.push(...stream.push(event));
  chunks.push(...stream.end());
  return chunks;
}

function chunk(id: string, index: number, delta: ChatCompletionChunk["choices"][number]["delta"], finish: ChatCompletionChunk["choices"][number]["finish_reason"] = null): ChatCompletionChunk {
  return { id, object: "chat.completion.chunk", created: CREATED, model: "gemini-2.5-flash", choices: [{ index, delta, finish_reason: finish }] };
}

describe("Gemini stream translation", () => {
  it("streams text: role first, deltas, finish, then usage", () => {
    const id = "7b3ZaK6VLey51MkP4rGSoQs";
    const context = makeContext();
    expect(run(fixtureText("text.sse"), { context })).toEqual([
      chunk(id, 0, { role: "assistant", content: "" }),
      chunk(id, 0, { content: "Café au lait" }),
      chunk(id, 0, { content: " is coffee with hot milk — délicieux ☕" }),
      chunk(id, 0, { content: " 😀" }),
      chunk(id, 0, {}, "stop"),
      {
        id,
        object: "chat.completion.chunk",
        created: CREATED,
        model: "gemini-2.5-flash",
        choices: [],
        usage: { prompt_tokens: 8, completion_tokens: 53, total_tokens: 61, completion_tokens_details: { reasoning_tokens: 37 } },
      },
    ]);
    expect(context.extras["native_finish_reasons"]).toEqual(["STOP"]);
  });

  it("sends no usage chunk unless asked", () => {
    const chunks = run(fixtureText("text.sse"), { includeUsage: false });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.some((entry) => entry.usage !== undefined)).toBe(false);
  });

  it("emits one chunk per whole function call with ids, names, arguments and ordinals", () => {
    const id = "kL7ZaOHfI5a41MkPhJ3f8Ao";
    const transcript = fixtureText("function-call.sse");
    const signature = /"thoughtSignature":"([^"]+)"/.exec(transcript)?.[1];
    expect(signature).toBeDefined();
    expect(run(transcript, { includeUsage: false })).toEqual([
      chunk(id, 0, { role: "assistant", content: "" }),
      chunk(id, 0, { content: "Checking both cities now." }),
      chunk(id, 0, {
        tool_calls: [
          {
            index: 0,
            id: toolCallId(id, 0, 0, undefined),
            type: "function",
            function: { name: "get_weather", arguments: '{"location":"Paris, France","unit":"celsius"}' },
            extra_content: { google: { thought_signature: signature ?? "" } },
          },
        ],
      }),
      chunk(id, 0, {
        tool_calls: [
          { index: 1, id: toolCallId(id, 0, 1, undefined), type: "function", function: { name: "get_weather", arguments: '{"location":"London, UK","unit":"celsius"}' } },
        ],
      }),
      chunk(id, 0, {}, "tool_calls"),
    ]);
  });

  it("streams several candidates with their indexes", () => {
    const id = "3sDZaNKhBPSm1MkPmMOJ6Qo";
    const context = makeContext();
    expect(run(fixtureText("n2.sse"), { context })).toEqual([
      chunk(id, 0, { role: "assistant", content: "" }),
      chunk(id, 0, { content: "Red" }),
      chunk(id, 1, { role: "assistant", content: "" }),
      chunk(id, 1, { content: "Blue" }),
      chunk(id, 1, { content: " and green" }),
      chunk(id, 0, { content: " is my favourite." }),
      chunk(id, 0, {}, "stop"),
      chunk(id, 1, { content: " are my favourites." }),
      chunk(id, 1, {}, "stop"),
      { id, object: "chat.completion.chunk", created: CREATED, model: "gemini-2.5-flash", choices: [], usage: { prompt_tokens: 7, completion_tokens: 19, total_tokens: 26 } },
    ]);
    expect(context.extras["native_finish_reasons"]).toEqual(["STOP", "STOP"]);
  });

  it("streams a Gemini 3 tool call: its own id and signature kept, the empty final part skipped, usage not summed", () => {
    const id = "Qm3aaOyXL5qz1MkPx8e2sAk";
    const transcript = fixtureText("function-call-gemini3.sse");
    const signature = /"thoughtSignature":"([^"]+)"/.exec(transcript)?.[1];
    const model = "gemini-3-flash-preview";
    const context = makeContext("error", model);
    expect(run(transcript, { context })).toEqual([
      { ...chunk(id, 0, { role: "assistant", content: "" }), model },
      { ...chunk(id, 0, { content: "Let me look that up." }), model },
      {
        ...chunk(id, 0, {
          tool_calls: [
            { index: 0, id: "q7c2mw1x", type: "function", function: { name: "get_weather", arguments: '{"city":"Zürich"}' }, extra_content: { google: { thought_signature: signature ?? "" } } },
          ],
        }),
        model,
      },
      { ...chunk(id, 0, {}, "tool_calls"), model },
      // Every event repeats the running totals (and the last one is usage alone): the last totals win.
      { id, object: "chat.completion.chunk", created: CREATED, model, choices: [], usage: { prompt_tokens: 61, completion_tokens: 131, total_tokens: 192, completion_tokens_details: { reasoning_tokens: 112 } } },
    ]);
    expect(context.warnings).toEqual([]);
  });

  it("streams n=2 when candidate 0 carries no index (proto3 leaves zero out)", () => {
    const id = "8vHaaKfWJ9GE1MkPm-yKuQk";
    const context = makeContext();
    expect(run(fixtureText("n2-no-index.sse"), { context })).toEqual([
      chunk(id, 0, { role: "assistant", content: "" }),
      chunk(id, 0, { content: "Oslo" }),
      chunk(id, 1, { role: "assistant", content: "" }),
      chunk(id, 1, { content: "Bergen" }),
      chunk(id, 1, { content: " is a city." }),
      chunk(id, 0, { content: " is the capital." }),
      chunk(id, 0, {}, "stop"),
      chunk(id, 1, {}, "stop"),
      { id, object: "chat.completion.chunk", created: CREATED, model: "gemini-2.5-flash", choices: [], usage: { prompt_tokens: 9, completion_tokens: 9, total_tokens: 18 } },
    ]);
    expect(context.extras["native_finish_reasons"]).toEqual(["STOP", "STOP"]);
  });

  it("ends a choice with a finish reason newer than the spec as stop (tool_calls after calls), explained in a warning", () => {
    const context = makeContext();
    const events = [
      { candidates: [{ content: { role: "model", parts: [{ text: "Hi" }] }, finishReason: "SOME_FUTURE_REASON" }], responseId: "u" },
      { candidates: [{ content: { role: "model", parts: [{ functionCall: { name: "f", args: {} } }] }, finishReason: "ANOTHER_NEW_ONE", index: 1 }], responseId: "u" },
    ];
    const chunks = run(events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join(""), { context, includeUsage: false });
    expect(chunks.filter((entry) => entry.choices[0]?.finish_reason !== null).map((entry) => [entry.choices[0]?.index, entry.choices[0]?.finish_reason])).toEqual([
      [0, "stop"],
      [1, "tool_calls"],
    ]);
    expect(context.extras["native_finish_reasons"]).toEqual(["SOME_FUTURE_REASON", "ANOTHER_NEW_ONE"]);
    expect(context.warnings).toEqual([
      "google: choice 0 ended with finishReason SOME_FUTURE_REASON: unknown finish reason SOME_FUTURE_REASON.",
      "google: choice 1 ended with finishReason ANOTHER_NEW_ONE: unknown finish reason ANOTHER_NEW_ONE.",
    ]);
  });

  it("throws IncompleteStreamError with the partial text when no finishReason came", () => {
    const act = () => run(fixtureText("truncated.sse"));
    expect(act).toThrow(IncompleteStreamError);
    try {
      act();
    } catch (error) {
      expect((error as IncompleteStreamError).partialText).toBe("Café au lait is coffee with hot milk");
      expect((error as IncompleteStreamError).message).toBe("google closed the stream without a finishReason for choice 0; the response is truncated.");
    }
  });

  it("throws IncompleteStreamError when one of several candidates never finished", () => {
    const transcript = fixtureText("n2.sse").split("\r\n\r\n").slice(0, 2).join("\r\n\r\n") + "\r\n\r\n";
    expect(() => run(transcript)).toThrow(/without a finishReason for choice 0, 1/);
  });

  it("throws IncompleteStreamError for an empty stream", () => {
    expect(() => run("")).toThrow(/before any candidate arrived/);
  });

  it("streams a blocked prompt as a content_filter choice", () => {
    const context = makeContext();
    const event = { promptFeedback: { blockReason: "SAFETY" }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 }, modelVersion: "gemini-2.5-flash", responseId: "blk" };
    expect(run(`data: ${JSON.stringify(event)}\r\n\r\n`, { context })).toEqual([
      chunk("blk", 0, { role: "assistant", content: "" }),
      chunk("blk", 0, {}, "content_filter"),
      { id: "blk", object: "chat.completion.chunk", created: CREATED, model: "gemini-2.5-flash", choices: [], usage: { prompt_tokens: 5, completion_tokens: 0, total_tokens: 5 } },
    ]);
    expect(context.warnings).toEqual(["google: Gemini blocked the prompt (promptFeedback.blockReason SAFETY: safety filter); no output was generated."]);
  });

  it("streams thoughts as reasoning_content", () => {
    const event = { candidates: [{ content: { role: "model", parts: [{ text: "Thinking…", thought: true }, { text: "Answer" }] }, finishReason: "STOP", index: 0 }], responseId: "t" };
    expect(run(`data: ${JSON.stringify(event)}\n\n`, { includeUsage: false })).toEqual([
      chunk("t", 0, { role: "assistant", content: "" }),
      chunk("t", 0, { reasoning_content: "Thinking…" }),
      chunk("t", 0, { content: "Answer" }),
      chunk("t", 0, {}, "stop"),
    ]);
  });

  it("raises an error event sent mid-stream as the matching error class", () => {
    const error = '{"error":{"code":429,"message":"Resource exhausted","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}}';
    const first = fixtureText("text.sse").split("\r\n\r\n")[0];
    try {
      run(`${first}\r\n\r\ndata: ${error}\r\n\r\n`);
      expect.unreachable();
    } catch (caught) {
      expect(caught).toBeInstanceOf(RateLimitError);
      expect((caught as RateLimitError).retryAfterMs).toBe(1500);
    }
  });

  it("rejects an event that is not JSON", () => {
    expect(() => run("data: {oops\n\n")).toThrow(InternalServerError);
  });
});
