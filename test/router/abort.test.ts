// The caller's AbortSignal: it cancels the request in flight, any backoff sleep (the real one here)
// and every later target, with APIUserAbortError; `break` out of a stream closes the socket.
import { getEventListeners } from "node:events";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { APIUserAbortError } from "../../src/errors.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { captureLog, chunkEvent, failure, hi, MODELS, ok, PATHS, recordingSleep, rejection, routerClient, sseOk, startScriptedServer, until } from "./harness.js";

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterEach(() => fault.reset());
afterAll(async () => {
  await fault.stop();
});

describe("abort", () => {
  it(
    "ends a real 30 s Retry-After sleep at once: APIUserAbortError, one request, no fallback",
    async () => {
      fault.enqueue(PATHS.openai, failure(429, "wait half a minute", { "retry-after": "30" }), ok("never reached"));
      fault.enqueue(PATHS.groq, ok("never reached"));
      const controller = new AbortController();
      let abortedAt = 0;
      const log = captureLog();
      const sink = {
        ...log.sink,
        // The router logs the retry (at info) right before it sleeps: abort once the sleep has begun.
        info(message: string) {
          log.sink.info(message);
          if (message.includes("retrying")) {
            setTimeout(() => {
              abortedAt = performance.now();
              controller.abort();
            }, 20);
          }
        },
      };
      // No injected sleep: the client's own abortable sleep is under test. If the abort did not
      // end it, this test would run into its 10 s timeout.
      const client = routerClient(fault, { logger: sink, logLevel: "debug" });
      const error = await rejection(
        client.chat.completions.create({ model: MODELS.openai, messages: hi, fallback_models: [MODELS.groq] }, { signal: controller.signal }),
      );
      // A latency bound the issue sets (the sleep must end at once), not a benchmark.
      const endedAfterAbortMs = performance.now() - abortedAt;
      expect(error).toBeInstanceOf(APIUserAbortError);
      expect(abortedAt).toBeGreaterThan(0);
      expect(endedAfterAbortMs).toBeLessThan(50);
      expect(log.lines.some((line) => line.includes("retrying openai/gpt-4o-mini in 30000 ms"))).toBe(true);
      expect(fault.count(PATHS.openai)).toBe(1);
      expect(fault.count(PATHS.groq)).toBe(0);
    },
    10_000,
  );

  it("cancels a request waiting for headers: APIUserAbortError, not retried, not fallen back", async () => {
    fault.enqueue(PATHS.openai, { kind: "never-respond" });
    fault.enqueue(PATHS.groq, ok("never reached"));
    const controller = new AbortController();
    const clock = recordingSleep();
    const pending = routerClient(fault, { sleep: clock.sleep }).chat.completions.create(
      { model: MODELS.openai, messages: hi, fallback_models: [MODELS.groq] },
      { signal: controller.signal },
    );
    await until(() => fault.count(PATHS.openai) === 1, "the request to arrive");
    controller.abort();
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as APIUserAbortError).provider).toBe("openai");
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(0);
    expect(clock.delays).toEqual([]);
  });

  it("sends nothing when the signal is already aborted", async () => {
    fault.enqueue(PATHS.openai, ok("never reached"));
    const error = await rejection(
      routerClient(fault).chat.completions.create({ model: MODELS.openai, messages: hi }, { signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(fault.requests()).toHaveLength(0);
  });

  it("cancels a non-streamed body that is still arriving", async () => {
    fault.enqueue(PATHS.openai, { kind: "stall-after-headers", status: 200, bodyPrefix: '{"id":"chatcmpl-partial",' });
    const controller = new AbortController();
    const pending = routerClient(fault, { sleep: recordingSleep().sleep }).chat.completions.create(
      { model: MODELS.openai, messages: hi },
      { signal: controller.signal },
    );
    await until(() => fault.count(PATHS.openai) === 1, "the request to arrive");
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();
    expect(await rejection(pending)).toBeInstanceOf(APIUserAbortError);
    expect(fault.count(PATHS.openai)).toBe(1);
  });

  it("ends a stream mid-way with APIUserAbortError (not StreamInterruptedError) and closes the socket", async () => {
    const server = await startScriptedServer((response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(chunkEvent("Hello"));
      response.write(chunkEvent(" there"));
      // then silence: only the client can end this
    });
    try {
      const controller = new AbortController();
      const client = routerClient(fault, { providers: { openai: { apiKey: "sk-abort-000001", baseURL: `${server.url}/v1` } } });
      const stream = await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true }, { signal: controller.signal });
      const seen: string[] = [];
      const error = await (async () => {
        for await (const chunk of stream) {
          seen.push(chunk.choices[0]?.delta.content ?? "");
          if (seen.length === 2) controller.abort();
        }
      })().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(APIUserAbortError);
      expect(seen.join("")).toBe("Hello there");
      await server.closed(0);
      expect(server.requests()).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it("ends a stream with APIUserAbortError even when the provider had already sent everything", async () => {
    // The whole response is in the client's buffers before the caller aborts: the abort must still
    // surface (not a hang, not a silent end, not the rest of the text).
    fault.enqueue(PATHS.openai, sseOk("one", " two", " three", " four"));
    const controller = new AbortController();
    const stream = await routerClient(fault).chat.completions.create(
      { model: MODELS.openai, messages: hi, stream: true, retries: 0 },
      { signal: controller.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) {
        seen.push(chunk.choices[0]?.delta.content ?? "");
        if (seen.length === 1) {
          controller.abort();
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    })().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(seen.join("")).not.toBe("one two three four");
    expect(fault.count(PATHS.openai)).toBe(1);
  }, 10_000);

  it("stream.controller.abort() ends the iteration quietly (as in openai) and closes the socket", async () => {
    const server = await startScriptedServer((response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(chunkEvent("one"));
      response.write(chunkEvent("two"));
      // then silence: only the client can end this
    });
    try {
      const client = routerClient(fault, { providers: { openai: { apiKey: "sk-ctrl-000001", baseURL: `${server.url}/v1` } } });
      const stream = await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true });
      const seen: string[] = [];
      for await (const chunk of stream) {
        seen.push(chunk.choices[0]?.delta.content ?? "");
        if (seen.length === 2) stream.controller.abort();
      }
      expect(seen).toEqual(["one", "two"]);
      await server.closed(0);
    } finally {
      await server.stop();
    }
  });

  it("`break` out of a stream closes the socket", async () => {
    const server = await startScriptedServer((response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(chunkEvent("one"));
      response.write(chunkEvent("two"));
      response.write(chunkEvent("three"));
    });
    try {
      const client = routerClient(fault, { providers: { openai: { apiKey: "sk-break-000001", baseURL: `${server.url}/v1` } } });
      const stream = await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true });
      const seen: string[] = [];
      for await (const chunk of stream) {
        seen.push(chunk.choices[0]?.delta.content ?? "");
        if (seen.length === 2) break;
      }
      expect(seen).toEqual(["one", "two"]);
      // Resolves only when the server sees the connection close; the test times out otherwise.
      await server.closed(0);
      expect(server.requests()).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it("aborting before a stream's first chunk is not retried", async () => {
    fault.enqueue(PATHS.openai, { kind: "sse", events: [], then: "hang" });
    const controller = new AbortController();
    const clock = recordingSleep();
    const pending = routerClient(fault, { sleep: clock.sleep }).chat.completions.create(
      { model: MODELS.openai, messages: hi, stream: true, fallback_models: [MODELS.groq] },
      { signal: controller.signal },
    );
    await until(() => fault.count(PATHS.openai) === 1, "the request to arrive");
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();
    expect(await rejection(pending)).toBeInstanceOf(APIUserAbortError);
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(0);
    expect(clock.delays).toEqual([]);
  });

  it("leaves no listener on a long-lived signal after calls that succeeded, retried, fell back, failed or streamed", async () => {
    const controller = new AbortController();
    const signal = controller.signal;
    const client = routerClient(fault, { sleep: recordingSleep().sleep });
    for (let round = 0; round < 6; round++) {
      fault.reset();
      fault.enqueue(PATHS.openai, failure(500, "boom"), ok("retried"));
      await client.chat.completions.create({ model: MODELS.openai, messages: hi }, { signal });
      fault.enqueue(PATHS.openai, failure(401, "bad key"));
      fault.enqueue(PATHS.groq, sseOk("streamed"));
      const stream = await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, fallback_models: [MODELS.groq] }, { signal });
      for await (const _chunk of stream) {
        // read it all
      }
      fault.enqueue(PATHS.deepseek, failure(400, "bad"));
      await rejection(client.chat.completions.create({ model: MODELS.deepseek, messages: hi }, { signal }));
    }
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("leaves no listener on the signal after `break` at any chunk", async () => {
    const controller = new AbortController();
    const client = routerClient(fault);
    for (const breakAt of [1, 2, 3]) {
      fault.enqueue(PATHS.openai, sseOk("a", "b", "c", "d"));
      const stream = await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true }, { signal: controller.signal });
      let seen = 0;
      for await (const _chunk of stream) {
        if (++seen === breakAt) break;
      }
      expect(seen).toBe(breakAt);
    }
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
