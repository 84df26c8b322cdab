// Timeouts: per attempt (connect, headers, non-streamed body), the stream idle timeout between
// events, and the optional overall deadline. Real timers, kept short; waits between retries are
// recorded by the injected sleep.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { APIConnectionTimeoutError, StreamInterruptedError } from "../../src/errors.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { chunkEvent, collect, DONE, hi, MODELS, ok, PATHS, recordingSleep, rejection, routerClient, sseOk, startScriptedServer } from "./harness.js";

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterEach(() => fault.reset());
afterAll(async () => {
  await fault.stop();
});

describe("per-attempt timeout", () => {
  it("times out headers that never come, retries, then throws APIConnectionTimeoutError", async () => {
    fault.enqueue(PATHS.openai, { kind: "never-respond" });
    const clock = recordingSleep();
    const client = routerClient(fault, { sleep: clock.sleep, timeout: 150 });
    const error = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi, retries: 1 }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/timed out after 150 ms \(waiting for response headers\)/);
    expect(fault.count(PATHS.openai)).toBe(2);
    expect(clock.delays).toHaveLength(1);
  });

  it("retries a timed-out attempt and succeeds on the next", async () => {
    fault.enqueue(PATHS.openai, { kind: "never-respond" }, ok("second attempt"));
    const client = routerClient(fault, { sleep: recordingSleep().sleep, timeout: 150 });
    const completion = await client.chat.completions.create({ model: MODELS.openai, messages: hi });
    expect(completion.choices[0]?.message.content).toBe("second attempt");
    expect(fault.count(PATHS.openai)).toBe(2);
    expect(completion.onellm?.attempts).toMatchObject([{ error: "APIConnectionTimeoutError" }, { status: 200 }]);
  });

  it("times out a non-streamed body that stalls after the headers", async () => {
    fault.enqueue(PATHS.openai, { kind: "stall-after-headers", status: 200, bodyPrefix: '{"id":"chatcmpl-stall","choices":[' });
    const client = routerClient(fault, { sleep: recordingSleep().sleep, timeout: 150 });
    const error = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi, retries: 0 }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/reading the body/);
    expect(fault.count(PATHS.openai)).toBe(1);
  });

  it("takes the per-call timeout from requestOptions (ms) and from the body (seconds)", async () => {
    fault.enqueue(PATHS.openai, { kind: "never-respond" });
    const client = routerClient(fault, { timeout: 60_000 });
    const fromOptions = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi, retries: 0 }, { timeout: 100 }));
    expect(fromOptions).toBeInstanceOf(APIConnectionTimeoutError);
    expect((fromOptions as Error).message).toContain("100 ms");
    const fromBody = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi, retries: 0, timeout: 0.12 }));
    expect(fromBody).toBeInstanceOf(APIConnectionTimeoutError);
    expect((fromBody as Error).message).toContain("120 ms");
    expect(fault.count(PATHS.openai)).toBe(2);
    // The body's timeout is onellm's, not the provider's: it is taken out of the body.
    expect(fault.requests(PATHS.openai)[1]?.body).not.toHaveProperty("timeout");
  });

  it("falls back to the next target after timeouts", async () => {
    fault.enqueue(PATHS.openai, { kind: "never-respond" });
    fault.enqueue(PATHS.groq, ok("groq was quick"));
    const client = routerClient(fault, { sleep: recordingSleep().sleep, timeout: 120 });
    const completion = await client.chat.completions.create({ model: MODELS.openai, messages: hi, retries: 1, fallback_models: [MODELS.groq] });
    expect(completion.onellm?.provider).toBe("groq");
    expect(fault.count(PATHS.openai)).toBe(2);
    expect(fault.count(PATHS.groq)).toBe(1);
  });
});

describe("stream idle timeout", () => {
  it("ends a stream that stalls between events with StreamInterruptedError (cause: timeout), no retry", async () => {
    fault.enqueue(PATHS.openai, { kind: "sse", events: [chunkEvent("Hello"), chunkEvent(" there")], then: "hang" }, sseOk("never", "reached"));
    const client = routerClient(fault, { sleep: recordingSleep().sleep, streamIdleTimeout: 150 });
    const stream = await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, fallback_models: [MODELS.groq] });
    const { text, error } = await collect(stream);
    expect(text).toBe("Hello there");
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe("Hello there");
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/no data for 150 ms/);
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(0);
  });

  it("retries invisibly when the stream stalls before its first event", async () => {
    fault.enqueue(PATHS.openai, { kind: "sse", events: [], then: "hang" }, sseOk("fresh", " start"));
    const clock = recordingSleep();
    const client = routerClient(fault, { sleep: clock.sleep, streamIdleTimeout: 150 });
    const stream = await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true });
    const { text, error, chunks } = await collect(stream);
    expect(error).toBeUndefined();
    expect(text).toBe("fresh start");
    expect(fault.count(PATHS.openai)).toBe(2);
    expect(clock.delays).toHaveLength(1);
    expect(chunks[0]?.onellm?.attempts).toMatchObject([{ error: "APIConnectionTimeoutError", status: 200 }, { status: 200 }]);
  });

  it("does not apply the per-attempt timeout to a stream that keeps talking", async () => {
    // Six events 60 ms apart: the stream lasts ~360 ms, longer than the 150 ms attempt timeout,
    // but never goes quiet for the idle timeout.
    const server = await startScriptedServer((response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      let sent = 0;
      const timer = setInterval(() => {
        if (sent < 6) response.write(chunkEvent(`${sent++}`));
        else {
          clearInterval(timer);
          response.end(`${chunkEvent(undefined, "stop")}${DONE}`);
        }
      }, 60);
      response.on("close", () => clearInterval(timer));
    });
    try {
      const client = routerClient(fault, {
        timeout: 150,
        streamIdleTimeout: 2_000,
        providers: { openai: { apiKey: "sk-drip-000001", baseURL: `${server.url}/v1` } },
      });
      const { text, error } = await collect(await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, retries: 0 }));
      expect(error).toBeUndefined();
      expect(text).toBe("012345");
      expect(server.requests()).toBe(1);
    } finally {
      await server.stop();
    }
  });
});

describe("stream idle timeout measures the provider, not the caller", () => {
  it("does not fail (or hang) a stream whose caller is slower than the idle timeout", { timeout: 10_000 }, async () => {
    // The provider sends everything at once; the caller then takes 300 ms over each chunk, longer
    // than the 100 ms idle timeout. The provider never stalled, so nothing may fail.
    fault.enqueue(PATHS.openai, sseOk("slow", " reader", " here"));
    const client = routerClient(fault, { streamIdleTimeout: 100 });
    const stream = await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, retries: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) {
        seen.push(chunk.choices[0]?.delta.content ?? "");
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeUndefined();
    expect(seen.join("")).toBe("slow reader here");
    expect(fault.count(PATHS.openai)).toBe(1);
  });
});

describe("overall deadline (totalTimeout)", () => {
  it("ends the call at the deadline and starts no further target", async () => {
    fault.enqueue(PATHS.openai, { kind: "never-respond" });
    fault.enqueue(PATHS.groq, ok("too late"));
    const clock = recordingSleep();
    const client = routerClient(fault, { sleep: clock.sleep, timeout: 10_000, totalTimeout: 200 });
    const error = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi, fallback_models: [MODELS.groq] }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/overall deadline/);
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(0);
    expect(clock.delays).toEqual([]);
  });

  it("applies to a stream that stalls before its first event (the call has not returned yet)", async () => {
    fault.enqueue(PATHS.openai, { kind: "sse", events: [], then: "hang" });
    fault.enqueue(PATHS.groq, sseOk("too late"));
    const clock = recordingSleep();
    const client = routerClient(fault, { sleep: clock.sleep, streamIdleTimeout: 10_000, totalTimeout: 200 });
    const error = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, fallback_models: [MODELS.groq] }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/overall deadline/);
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(0);
  });

  it("ends a stream that outlives it with StreamInterruptedError", async () => {
    fault.enqueue(PATHS.openai, { kind: "sse", events: [chunkEvent("partial")], then: "hang" });
    const client = routerClient(fault, { streamIdleTimeout: 10_000, totalTimeout: 200 });
    const { text, error } = await collect(await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true }));
    expect(text).toBe("partial");
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe("partial");
    expect(((error as StreamInterruptedError).cause as Error).message).toMatch(/overall deadline/);
    expect(fault.count(PATHS.openai)).toBe(1);
  });
});
