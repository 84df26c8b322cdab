// Streams through the router, for each provider framing (OpenAI `data:` + [DONE], Anthropic
// `event:` + message_stop, Gemini `alt=sse` + finishReason): a failure before the first chunk is
// retried or fallen back invisibly; after it, StreamInterruptedError with the partial text; a clean
// close without the end marker is IncompleteStreamError. Never a silent end, never a splice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { IncompleteStreamError, RateLimitError, StreamInterruptedError } from "../../src/errors.js";
import type { ClientOptions } from "../../src/client.js";
import { startFaultServer, type FaultResponse, type FaultServer } from "../helpers/fault-server.js";
import { chunkEvent, collect, DONE, hi, KEYS, MODELS, PATHS, recordingSleep, rejection, routerClient, sseOk } from "./harness.js";

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterEach(() => fault.reset());
afterAll(async () => {
  await fault.stop();
});

interface Framing {
  name: string;
  model: string;
  /** The provider name as reported in errors and metadata. */
  provider: string;
  path: string;
  /** Events of a complete stream saying `texts`. */
  complete(texts: string[]): string[];
  /** Events saying `texts`, without the end marker (and without the finish). */
  partial(texts: string[]): string[];
  /** Events that produce no chunk (keep-alives), to precede a failure that is still invisible. */
  silent: string[];
}

const anthropicEvent = (data: object) => `event: ${(data as { type: string }).type}\ndata: ${JSON.stringify(data)}\n\n`;
const anthropicHead = [
  anthropicEvent({
    type: "message_start",
    message: {
      id: "msg_fault01",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-5-20250929",
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 9, output_tokens: 1 },
    },
  }),
  anthropicEvent({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
];
const anthropicDelta = (text: string) => anthropicEvent({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text } });
const anthropicTail = [
  anthropicEvent({ type: "content_block_stop", index: 0 }),
  anthropicEvent({ type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 4 } }),
  anthropicEvent({ type: "message_stop" }),
];

const geminiEvent = (text: string, finish?: string) =>
  `data: ${JSON.stringify({
    candidates: [{ content: { parts: [{ text }], role: "model" }, index: 0, ...(finish === undefined ? {} : { finishReason: finish }) }],
    usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 2, totalTokenCount: 10 },
    modelVersion: "gemini-2.5-flash",
    responseId: "fault-gemini-1",
  })}\n\n`;

const FRAMINGS: Framing[] = [
  {
    name: "OpenAI (data: + [DONE])",
    model: MODELS.openai,
    provider: "openai",
    path: PATHS.openai,
    complete: (texts) => [...texts.map((text) => chunkEvent(text)), chunkEvent(undefined, "stop"), DONE],
    partial: (texts) => texts.map((text) => chunkEvent(text)),
    silent: [": keep-alive\n\n"],
  },
  {
    name: "Anthropic (event: + message_stop)",
    model: "anthropic/claude-sonnet-4-5",
    provider: "anthropic",
    path: "/anthropic/v1/messages",
    complete: (texts) => [...anthropicHead, ...texts.map(anthropicDelta), ...anthropicTail],
    partial: (texts) => [...anthropicHead, ...texts.map(anthropicDelta)],
    silent: [anthropicEvent({ type: "ping" })],
  },
  {
    name: "Gemini (alt=sse + finishReason)",
    model: "google/gemini-2.5-flash",
    provider: "google",
    path: "/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent",
    complete: (texts) => texts.map((text, index) => geminiEvent(text, index === texts.length - 1 ? "STOP" : undefined)),
    partial: (texts) => texts.map((text) => geminiEvent(text)),
    silent: [": keep-alive\n\n"],
  },
];

function client(options: ClientOptions = {}) {
  return routerClient(fault, {
    sleep: recordingSleep().sleep,
    ...options,
    providers: {
      anthropic: { apiKey: "sk-ant-fault-0000000001", baseURL: `${fault.url}/anthropic` },
      google: { apiKey: "AIza-fault-gemini-0000001", baseURL: `${fault.url}/gemini` },
      ...options.providers,
    },
  });
}

const sse = (events: string[], then: "end" | "reset" | "hang"): FaultResponse => ({ kind: "sse", events, then });

describe.each(FRAMINGS)("streams: $name", (framing) => {
  const open = (extra: { fallback_models?: string[]; retries?: number } = {}, options: ClientOptions = {}) =>
    client(options).chat.completions.create({ model: framing.model, messages: hi, stream: true, ...extra });

  it("delivers a complete stream (control)", async () => {
    fault.enqueue(framing.path, sse(framing.complete(["Hello", " world"]), "end"));
    const { text, error, chunks } = await collect(await open());
    expect(error).toBeUndefined();
    expect(text).toBe("Hello world");
    expect(chunks[0]?.onellm).toMatchObject({ provider: framing.provider, attempts: [{ provider: framing.provider, status: 200 }] });
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason === "stop")).toHaveLength(1);
    expect(fault.count(framing.path)).toBe(1);
    if (framing.provider === "google") expect(fault.requests(framing.path)[0]?.url).toContain("alt=sse");
  });

  it("falls back invisibly when the stream resets before its first chunk: the caller sees only the fallback's chunks", async () => {
    fault.enqueue(framing.path, sse(framing.silent, "reset"));
    fault.enqueue(PATHS.groq, sseOk("from", " groq"));
    const { text, error, chunks } = await collect(await open({ fallback_models: [MODELS.groq], retries: 0 }));
    expect(error).toBeUndefined();
    expect(text).toBe("from groq");
    expect(chunks[0]?.onellm?.provider).toBe("groq");
    expect(chunks[0]?.onellm?.attempts).toMatchObject([
      { provider: framing.provider, status: 200, error: "APIConnectionError" },
      { provider: "groq", status: 200 },
    ]);
    expect(fault.count(framing.path)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(1);
  });

  it("retries invisibly on the same target when the stream resets before its first chunk", async () => {
    fault.enqueue(framing.path, sse([], "reset"), sse(framing.complete(["second", " try"]), "end"));
    const { text, error } = await collect(await open({ retries: 1 }));
    expect(error).toBeUndefined();
    expect(text).toBe("second try");
    expect(fault.count(framing.path)).toBe(2);
  });

  it("retries a stream request answered 429 before any chunk", async () => {
    fault.enqueue(framing.path, { status: 429, headers: { "retry-after-ms": "20" }, body: { error: { message: "slow down" } } }, sse(framing.complete(["ok"]), "end"));
    const clock = recordingSleep();
    const { text, error } = await collect(await open({ retries: 1 }, { sleep: clock.sleep }));
    expect(error).toBeUndefined();
    expect(text).toBe("ok");
    expect(clock.delays).toEqual([20]);
    expect(fault.count(framing.path)).toBe(2);
  });

  it("throws StreamInterruptedError with the partial text when the stream resets after two chunks; no retry, no fallback", async () => {
    fault.enqueue(framing.path, sse(framing.partial(["Hello", " world"]), "reset"), sse(framing.complete(["never"]), "end"));
    fault.enqueue(PATHS.groq, sseOk("never"));
    const { text, error } = await collect(await open({ fallback_models: [MODELS.groq], retries: 2 }));
    expect(text).toBe("Hello world");
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe("Hello world");
    expect((error as StreamInterruptedError).provider).toBe(framing.provider);
    expect((error as Error).message).toMatch(/Nothing was retried or spliced/);
    expect(fault.count(framing.path)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(0);
  });

  it("throws IncompleteStreamError when the stream closes cleanly without its end marker after output", async () => {
    fault.enqueue(framing.path, sse(framing.partial(["Hello", " world"]), "end"), sse(framing.complete(["never"]), "end"));
    fault.enqueue(PATHS.groq, sseOk("never"));
    const { text, error } = await collect(await open({ fallback_models: [MODELS.groq], retries: 2 }));
    expect(text).toBe("Hello world");
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError).partialText).toBe("Hello world");
    expect((error as IncompleteStreamError).provider).toBe(framing.provider);
    expect(fault.count(framing.path)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(0);
  });

  it("retries a stream that closes cleanly before any chunk (nothing reached the caller)", async () => {
    fault.enqueue(framing.path, sse(framing.silent, "end"), sse(framing.complete(["second"]), "end"));
    const { text, error } = await collect(await open({ retries: 1 }));
    expect(error).toBeUndefined();
    expect(text).toBe("second");
    expect(fault.count(framing.path)).toBe(2);
  });

  it("throws IncompleteStreamError (not an empty success) when every attempt closes before any chunk", async () => {
    fault.enqueue(framing.path, sse([], "end"));
    const error = await rejection(open({ retries: 1 }));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError).partialText).toBe("");
    expect(fault.count(framing.path)).toBe(2);
  });

  it("ends a stream that stalls between events with StreamInterruptedError after the idle timeout", async () => {
    fault.enqueue(framing.path, sse(framing.partial(["Hello"]), "hang"));
    const { text, error } = await collect(await open({ retries: 2 }, { streamIdleTimeout: 150 }));
    expect(text).toBe("Hello");
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe("Hello");
    expect(((error as StreamInterruptedError).cause as Error).name).toBe("APIConnectionTimeoutError");
    expect(fault.count(framing.path)).toBe(1);
  });
});

describe("streams: keys", () => {
  it("sends each stream target its own key", async () => {
    fault.enqueue("/anthropic/v1/messages", sse([], "reset"));
    fault.enqueue("/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent", sse([], "reset"));
    fault.enqueue(PATHS.openai, sseOk("done"));
    const { text } = await collect(
      await client().chat.completions.create({
        model: "anthropic/claude-sonnet-4-5",
        messages: hi,
        stream: true,
        retries: 0,
        fallback_models: ["google/gemini-2.5-flash", MODELS.openai],
      }),
    );
    expect(text).toBe("done");
    const anthropic = fault.requests("/anthropic/v1/messages")[0]?.headers;
    const gemini = fault.requests("/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent")[0]?.headers;
    const openai = fault.requests(PATHS.openai)[0]?.headers;
    expect(anthropic?.["x-api-key"]).toBe("sk-ant-fault-0000000001");
    expect(anthropic?.["authorization"]).toBeUndefined();
    expect(gemini?.["x-goog-api-key"]).toBe("AIza-fault-gemini-0000001");
    expect(gemini?.["authorization"]).toBeUndefined();
    expect(openai?.["authorization"]).toBe(`Bearer ${KEYS.openai}`);
    expect(JSON.stringify(gemini)).not.toContain("sk-ant-fault");
    expect(JSON.stringify(openai)).not.toContain("sk-ant-fault");
    expect(JSON.stringify(openai)).not.toContain("AIza-fault");
  });

  it("a 429 with Retry-After above 60 s on a stream request becomes RateLimitError without sleeping", async () => {
    fault.enqueue(PATHS.openai, { status: 429, headers: { "retry-after": "90" }, body: { error: { message: "quota" } } });
    const clock = recordingSleep();
    const error = await rejection(client({ sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, stream: true }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(90_000);
    expect(clock.delays).toEqual([]);
    expect(fault.count(PATHS.openai)).toBe(1);
  });
});
