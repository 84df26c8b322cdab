// Item 3: every answer is read with a byte limit, counted while it arrives: `maxResponseBytes` for a
// non-streamed body (default 64 MiB), `maxStreamEventBytes` for one SSE line or event (default
// 16 MiB). Past it: ResponseTooLargeError, not retried, not fallen back, reading stopped.
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import { InternalServerError, InvalidRequestError, StreamInterruptedError } from "../../src/errors.js";
import { ResponseTooLargeError } from "../../src/errors-response.js";
import { chunkEvent, collect, completion, DONE, failure, hi, MODELS, ok, PATHS, recordingSleep, rejection, routerClient } from "../router/harness.js";
import { runChild } from "./run-child.js";
import { useFaultServer } from "./hostile-kit.js";

const MiB = 1024 * 1024;

const server = useFaultServer();

describe("huge answers, in a process of their own (peak RSS measured)", () => {
  it("a 300 MiB JSON answer: ResponseTooLargeError at 64 MiB, one request, peak RSS up by less than 192 MiB", { timeout: 90_000 }, async () => {
    const run = await runChild("huge-answer.ts", { args: ["json"], nodeFlags: ["--expose-gc"], limitMs: 80_000 });
    expect(run.code).toBe(0);
    // Before: read whole (peak RSS 1.3 GB) — or, at 1 GiB, a retried "connection error".
    expect(run.result).toMatchObject({ outcome: "error", name: "ResponseTooLargeError", isRetryable: false, requests: 1 });
    expect(run.result?.["message"]).toMatch(/larger than 67108864 bytes \(`maxResponseBytes`\)/);
    expect(run.result?.["rssGrowthMiB"]).toBeLessThan(192);
  });

  it("a 100 MiB SSE line without a newline: ResponseTooLargeError at 16 MiB, one request, peak RSS up by less than 128 MiB", { timeout: 90_000 }, async () => {
    const run = await runChild("huge-answer.ts", { args: ["sse-line"], nodeFlags: ["--expose-gc"], limitMs: 80_000 });
    expect(run.code).toBe(0);
    // Before: buffered whole, then read again on each retry (3 requests, peak RSS up 460 MiB).
    expect(run.result).toMatchObject({ outcome: "error", name: "ResponseTooLargeError", isRetryable: false, requests: 1 });
    expect(run.result?.["message"]).toMatch(/stream line larger than 16777216 bytes \(`maxStreamEventBytes`\)/);
    expect(run.result?.["rssGrowthMiB"]).toBeLessThan(128);
  });
});

describe("maxResponseBytes", () => {
  const answer = ok("x".repeat(1500));

  it("refuses a body past the limit, counted while it arrives: not retried, no fallback", async () => {
    server().enqueue(PATHS.openai, answer);
    server().enqueue(PATHS.groq, ok("never asked"));
    const clock = recordingSleep();
    const client = routerClient(server(), { sleep: clock.sleep, maxResponseBytes: 1000 });
    const error = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi, retries: 2, fallback_models: [MODELS.groq] }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limitName: "maxResponseBytes", limit: 1000, status: 200, provider: "openai", isRetryable: false });
    expect(server().count(PATHS.openai)).toBe(1);
    expect(server().count(PATHS.groq)).toBe(0);
    expect(clock.delays).toEqual([]);
  });

  it("refuses a declared Content-Length past the limit without waiting for the body", async () => {
    server().enqueue(PATHS.openai, { kind: "stall-after-headers", status: 200, headers: { "content-length": String(500 * MiB) } });
    const error = await rejection(routerClient(server(), { timeout: 20_000 }).chat.completions.create({ model: MODELS.openai, messages: hi, retries: 0 }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it("reads a body under the limit as before", async () => {
    server().enqueue(PATHS.openai, answer);
    const result = await routerClient(server(), { maxResponseBytes: 4000 }).chat.completions.create({ model: MODELS.openai, messages: hi });
    expect(result.choices[0]?.message.content).toHaveLength(1500);
    expect(JSON.stringify(completion("x".repeat(1500))).length).toBeGreaterThan(1500);
  });

  it("an error body past the limit still gets its status's class (read only as far as a message needs)", async () => {
    server().enqueue(PATHS.openai, { kind: "html", status: 503, bytes: 2 * MiB }, ok("recovered"));
    const result = await routerClient(server(), { sleep: recordingSleep().sleep, maxResponseBytes: 1 * MiB }).chat.completions.create({ model: MODELS.openai, messages: hi });
    expect(result.choices[0]?.message.content).toBe("recovered");
    expect(result.onellm?.attempts.map((attempt) => attempt.error)).toEqual(["InternalServerError", undefined]);
    server().enqueue(PATHS.openai, failure(500, "y".repeat(4000)));
    const error = await rejection(routerClient(server(), { maxResponseBytes: 1000 }).chat.completions.create({ model: MODELS.openai, messages: hi, retries: 0 }));
    expect(error).toBeInstanceOf(InternalServerError);
  });
});

describe("maxStreamEventBytes", () => {
  const stream = (client: OpenAI) => client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, retries: 2 });

  it("refuses an event whose data lines add up past the limit, before any chunk: not retried", async () => {
    const line = `data: ${"z".repeat(400)}\n`;
    server().enqueue(PATHS.openai, { kind: "sse", events: [line, line, line, "\n", DONE], then: "end" });
    const error = await rejection(stream(routerClient(server(), { sleep: recordingSleep().sleep, maxStreamEventBytes: 1000 })));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limitName: "maxStreamEventBytes", limit: 1000, isRetryable: false });
    expect((error as Error).message).toContain("a stream event larger than 1000 bytes");
    expect(server().count(PATHS.openai)).toBe(1);
  });

  it("refuses a line past the limit while it is still arriving (no newline needed)", async () => {
    server().enqueue(PATHS.openai, { kind: "sse", events: [`: ${"c".repeat(600)}`, "c".repeat(600)], then: "hang" });
    const error = await rejection(stream(routerClient(server(), { maxStreamEventBytes: 1000, streamIdleTimeout: 20_000 })));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toContain("a stream line larger than 1000 bytes");
  });

  it("after output has reached the caller: StreamInterruptedError whose cause is the ResponseTooLargeError", async () => {
    server().enqueue(PATHS.openai, { kind: "sse", events: [chunkEvent("Hi"), `data: ${"z".repeat(2000)}\n\n`, DONE], then: "end" });
    const { text, error } = await collect(await stream(routerClient(server(), { maxStreamEventBytes: 1000 })));
    expect(text).toBe("Hi");
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(ResponseTooLargeError);
  });
});

describe("the options", () => {
  it.each([0, -1, 1.5, "1000", Number.POSITIVE_INFINITY, 2 ** 30])("refuses %s as a limit, at construction", (value) => {
    expect(() => new OpenAI({ env: {}, maxResponseBytes: value as number })).toThrow(InvalidRequestError);
    expect(() => new OpenAI({ env: {}, maxStreamEventBytes: value as number })).toThrow(/maxStreamEventBytes: expected a whole number of bytes/);
  });
});
