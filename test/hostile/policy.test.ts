// Item 10: a 200 whose body is HTML or empty is a typed error, not retried (the provider may have
// done, and billed, the work); an in-band server/overload error before any content in an
// OpenAI-format stream is retried invisibly, as Anthropic's and Gemini's are.
import { describe, expect, it } from "vitest";
import { APIError, StreamInterruptedError } from "../../src/errors.js";
import { MalformedResponseError } from "../../src/errors-response.js";
import { htmlPage } from "../helpers/fault-server.js";
import { chunkEvent, collect, DONE as DONE_EVENT, hi, MODELS, ok, PATHS, recordingSleep, rejection, routerClient, sseOk } from "../router/harness.js";
import { HOSTILE_MODELS, HOSTILE_PATHS, hostileClient, sseEvents, useFaultServer } from "./hostile-kit.js";

const server = useFaultServer();

describe("a 200 that is not JSON at all is not retried", () => {
  it.each([
    ["an HTML page", { status: 200, headers: { "content-type": "text/html" }, body: htmlPage(200, 4096) }, /an HTML page, not JSON/],
    ["an empty body", { status: 200, headers: { "content-type": "application/json" }, body: "" }, /an empty body/],
  ])("%s: MalformedResponseError, one request, no backoff, no fallback", async (_what, answer, message) => {
    server().enqueue(PATHS.openai, answer, ok("never asked"));
    server().enqueue(PATHS.groq, ok("never asked"));
    const clock = recordingSleep();
    const error = await rejection(
      routerClient(server(), { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, retries: 2, fallback_models: [MODELS.groq] }),
    );
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error).toMatchObject({ status: 200, isRetryable: false });
    expect((error as Error).message).toMatch(message);
    expect(server().count(PATHS.openai)).toBe(1);
    expect(server().count(PATHS.groq)).toBe(0);
    expect(clock.delays).toEqual([]);
  });
});

describe("in-band errors in an OpenAI-format stream", () => {
  const inBand = (type: string, message = "Overloaded") => `data: ${JSON.stringify({ error: { message, type, param: null, code: null } })}\n\n`;

  it.each(["overloaded_error", "server_error", "service_unavailable", "internal_error"])(
    "%s before any content is retried invisibly on the same target",
    async (type) => {
      server().enqueue(PATHS.openai, { kind: "sse", events: [inBand(type)], then: "end" }, sseOk("hello"));
      const clock = recordingSleep();
      const { text, error } = await collect(await routerClient(server(), { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, stream: true }));
      expect(error).toBeUndefined();
      expect(text).toBe("hello");
      expect(server().count(PATHS.openai)).toBe(2);
      expect(clock.delays).toHaveLength(1);
    },
  );

  it("an overload on every attempt moves on to the fallback", async () => {
    server().enqueue(PATHS.groq, { kind: "sse", events: [inBand("overloaded_error")], then: "end" });
    server().enqueue(PATHS.openai, sseOk("from openai"));
    const { text } = await collect(
      await routerClient(server(), { sleep: recordingSleep().sleep }).chat.completions.create({ model: MODELS.groq, messages: hi, stream: true, retries: 1, fallback_models: [MODELS.openai] }),
    );
    expect(text).toBe("from openai");
    expect(server().count(PATHS.groq)).toBe(2);
  });

  it("after content it interrupts the stream (nothing is spliced)", async () => {
    server().enqueue(PATHS.openai, { kind: "sse", events: [chunkEvent("Hel"), inBand("overloaded_error")], then: "end" });
    const { text, error } = await collect(await routerClient(server(), { sleep: recordingSleep().sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, stream: true }));
    expect(text).toBe("Hel");
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(server().count(PATHS.openai)).toBe(1);
  });

  it("a request error in band is not retried", async () => {
    server().enqueue(PATHS.openai, { kind: "sse", events: [inBand("invalid_request_error", "bad tool schema")], then: "end" });
    const error = await rejection(routerClient(server(), { sleep: recordingSleep().sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, stream: true }));
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).isRetryable).toBe(false);
    expect(server().count(PATHS.openai)).toBe(1);
  });
});

describe("an in-band error after only an opening chunk (the role chunk every real stream starts with)", () => {
  const inBand = (type: string, message = "Overloaded") => `data: ${JSON.stringify({ error: { message, type, param: null, code: null } })}\n\n`;
  const opener = `data: ${JSON.stringify({ id: "chatcmpl-1", object: "chat.completion.chunk", created: 1764254580, model: "gpt-4o-mini", choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }] })}\n\n`;

  it("OpenAI format: retried on the same target; the caller reads one clean stream with one opener", async () => {
    server().enqueue(PATHS.openai, { kind: "sse", events: [opener, inBand("overloaded_error")], then: "end" }, { kind: "sse", events: [opener, chunkEvent("hel"), chunkEvent("lo"), chunkEvent(undefined, "stop"), DONE_EVENT], then: "end" });
    const clock = recordingSleep();
    const { chunks, text, error } = await collect(await routerClient(server(), { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, stream: true }));
    expect(error).toBeUndefined();
    expect(text).toBe("hello");
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.role === "assistant")).toHaveLength(1);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(server().count(PATHS.openai)).toBe(2);
    expect(clock.delays).toHaveLength(1);
    // The first attempt, recorded a success when its opener came, is recorded as failed.
    expect(chunks.at(-1)?.onellm?.attempts.map((attempt) => attempt.error ?? "ok")).toEqual(["APIError", "ok"]);
  });

  it("Anthropic: message_start, then an overloaded error event: retried, one clean stream", async () => {
    const start = sseEvents("anthropic", "text.sse")[0]!;
    const overloaded = `event: error\ndata: ${JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } })}\n\n`;
    server().enqueue(HOSTILE_PATHS.anthropic, { kind: "sse", events: [start, overloaded], then: "end" }, { kind: "sse", events: sseEvents("anthropic", "text.sse"), then: "end" });
    const clock = recordingSleep();
    const { chunks, text, error } = await collect(
      await hostileClient(server(), { sleep: clock.sleep }).chat.completions.create({ model: HOSTILE_MODELS.anthropic, messages: hi, stream: true }),
    );
    expect(error).toBeUndefined();
    expect(text.length).toBeGreaterThan(0);
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.role === "assistant")).toHaveLength(1);
    expect(server().count(HOSTILE_PATHS.anthropic)).toBe(2);
    expect(clock.delays).toHaveLength(1);
  });

  it("retries share the target's budget: overloaded every time, retries: 1, then the fallback", async () => {
    server().enqueue(PATHS.openai, { kind: "sse", events: [opener, inBand("overloaded_error")], then: "end" });
    server().enqueue(PATHS.groq, sseOk("from groq"));
    const clock = recordingSleep();
    const result = await collect(
      await routerClient(server(), { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, retries: 1, fallback_models: [MODELS.groq] }),
    );
    // Two tries on openai (the first one's opener reached the caller), then no splice onto another provider.
    expect(server().count(PATHS.openai)).toBe(2);
    expect(result.error).toBeInstanceOf(StreamInterruptedError);
    expect(result.text).toBe("");
    expect(server().count(PATHS.groq)).toBe(0);
  });

  it("a request error after the opener is not retried: the stream is interrupted, one request", async () => {
    server().enqueue(PATHS.openai, { kind: "sse", events: [opener, inBand("invalid_request_error", "bad tool schema")], then: "end" });
    const { error } = await collect(await routerClient(server(), { sleep: recordingSleep().sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, stream: true }));
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(((error as StreamInterruptedError).cause as APIError).isRetryable).toBe(false);
    expect(server().count(PATHS.openai)).toBe(1);
  });
});

