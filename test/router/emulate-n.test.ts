// n > 1 on a provider without native n: parallel requests, each with its own retries, merged; a
// failure cancels the siblings and the router falls back (or stops) as for one request.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { APIUserAbortError, BadRequestError } from "../../src/errors.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { chunkEvent, collect, failure, hi, MODELS, ok, PATHS, recordingSleep, rejection, routerClient, sseOk, startScriptedServer, until } from "./harness.js";

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterEach(() => fault.reset());
afterAll(async () => {
  await fault.stop();
});

describe("emulated n through the router", () => {
  it("retries one of the parallel requests on its own and merges the choices", async () => {
    fault.enqueue(PATHS.groq, failure(500, "boom"), ok("same answer"));
    const clock = recordingSleep();
    const completion = await routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.groq, messages: hi, n: 2 });
    expect(completion.choices.map((choice) => [choice.index, choice.message.content])).toEqual([
      [0, "same answer"],
      [1, "same answer"],
    ]);
    expect(fault.count(PATHS.groq)).toBe(3);
    expect(clock.delays).toHaveLength(1);
    expect(fault.requests(PATHS.groq).map((request) => (request.body as { n?: number }).n)).toEqual([1, 1, 1]);
    expect(completion.onellm?.attempts.map((attempt) => attempt.status).sort()).toEqual([200, 200, 500]);
    expect(completion.onellm?.warnings.some((warning) => warning.startsWith("n is emulated for groq"))).toBe(true);
    expect(completion.usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 4, total_tokens: 20 });
  });

  it("gives each emulated request its own seed (seed + i) and says so in the warnings", async () => {
    fault.enqueue(PATHS.groq, ok("a"), ok("b"), ok("c"));
    const completion = await routerClient(fault).chat.completions.create({ model: MODELS.groq, messages: hi, n: 3, seed: 42 });
    const seeds = fault.requests(PATHS.groq).map((request) => (request.body as { seed?: number }).seed);
    expect([...seeds].sort()).toEqual([42, 43, 44]);
    expect(completion.choices).toHaveLength(3);
    expect(completion.onellm?.warnings).toContain("n is emulated for groq: 3 parallel requests merged into choices, usage summed, each with its own seed (seed + i: 42, 43, 44)");
  });

  it("falls back to a target with native n when the emulating target rejects the key", async () => {
    fault.enqueue(PATHS.groq, failure(401, "bad key"));
    fault.enqueue(PATHS.openai, ok("native n"));
    const completion = await routerClient(fault).chat.completions.create({ model: MODELS.groq, messages: hi, n: 2, fallback_models: [MODELS.openai] });
    expect(completion.onellm?.provider).toBe("openai");
    expect(fault.count(PATHS.openai)).toBe(1);
    expect((fault.requests(PATHS.openai)[0]?.body as { n?: number }).n).toBe(2);
    expect(fault.count(PATHS.groq)).toBeGreaterThanOrEqual(1);
    expect(fault.count(PATHS.groq)).toBeLessThanOrEqual(2);
  });

  it("a 400 on one parallel request cancels the other and stops (no fallback)", async () => {
    fault.enqueue(PATHS.groq, failure(400, "bad request"), { kind: "never-respond" });
    fault.enqueue(PATHS.openai, ok("never reached"));
    const error = await rejection(
      routerClient(fault, { timeout: 10_000 }).chat.completions.create({ model: MODELS.groq, messages: hi, n: 2, fallback_models: [MODELS.openai] }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(fault.count(PATHS.groq)).toBe(2);
    expect(fault.count(PATHS.openai)).toBe(0);
  });

  it("the caller's abort cancels every parallel request", async () => {
    fault.enqueue(PATHS.groq, { kind: "never-respond" });
    const controller = new AbortController();
    const pending = routerClient(fault).chat.completions.create(
      { model: MODELS.groq, messages: hi, n: 2, fallback_models: [MODELS.openai] },
      { signal: controller.signal },
    );
    await until(() => fault.count(PATHS.groq) === 2, "both parallel requests");
    controller.abort();
    expect(await rejection(pending)).toBeInstanceOf(APIUserAbortError);
    expect(fault.count(PATHS.openai)).toBe(0);
  });

  it("streams n choices from parallel streams", async () => {
    fault.enqueue(PATHS.groq, sseOk("x", "y"));
    const { chunks, error } = await collect(await routerClient(fault).chat.completions.create({ model: MODELS.groq, messages: hi, n: 2, stream: true }));
    expect(error).toBeUndefined();
    const byIndex = (index: number) =>
      chunks
        .filter((chunk) => chunk.choices[0]?.index === index)
        .map((chunk) => chunk.choices[0]?.delta.content ?? "")
        .join("");
    expect([byIndex(0), byIndex(1)]).toEqual(["xy", "xy"]);
    expect(fault.count(PATHS.groq)).toBe(2);
  });

  it("every merged chunk carries one stream id and created time, as the chunks of one OpenAI stream do", async () => {
    let served = 0;
    const server = await startScriptedServer((response) => {
      const id = `chatcmpl-parallel-${served++}`;
      response.writeHead(200, { "content-type": "text/event-stream" });
      for (const text of ["a", "b"]) {
        const chunk = { id, object: "chat.completion.chunk", created: 1764254580 + served, model: "m", choices: [{ index: 0, delta: { content: text }, finish_reason: null }] };
        response.write(`data: ${JSON.stringify(chunk)}\n\n`);
      }
      response.end("data: [DONE]\n\n");
    });
    try {
      const client = routerClient(fault, { providers: { groq: { apiKey: "gsk-ids-000000001", baseURL: `${server.url}/v1` } } });
      const { chunks, error } = await collect(await client.chat.completions.create({ model: MODELS.groq, messages: hi, n: 2, stream: true }));
      expect(error).toBeUndefined();
      expect(chunks).toHaveLength(4);
      expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
      expect(new Set(chunks.map((chunk) => chunk.created)).size).toBe(1);
      expect(new Set(chunks.map((chunk) => chunk.choices[0]?.index))).toEqual(new Set([0, 1]));
    } finally {
      await server.stop();
    }
  });

  it("the caller's abort reaches the parallel streams mid-stream: APIUserAbortError at once, sockets closed", async () => {
    const server = await startScriptedServer((response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(chunkEvent("one"));
      // then silence: only the caller can end this
    });
    try {
      const controller = new AbortController();
      const client = routerClient(fault, { streamIdleTimeout: 20_000, providers: { groq: { apiKey: "gsk-abort-000000001", baseURL: `${server.url}/v1` } } });
      const stream = await client.chat.completions.create({ model: MODELS.groq, messages: hi, n: 2, stream: true }, { signal: controller.signal });
      const started = Date.now();
      const { chunks, error } = await collect(
        (async function* () {
          for await (const chunk of stream) {
            yield chunk;
            controller.abort();
          }
        })(),
      );
      expect(error).toBeInstanceOf(APIUserAbortError);
      expect(chunks.length).toBeGreaterThanOrEqual(1);
      expect(Date.now() - started).toBeLessThan(5_000);
      await Promise.all([server.closed(0), server.closed(1)]);
    } finally {
      await server.stop();
    }
  });
});

describe("sumUsage", () => {
  it("sums the counts and every numeric detail the providers reported", async () => {
    const { sumUsage } = await import("../../src/router/emulate-n.js");
    const total = sumUsage([
      { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 4, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 2 } },
      undefined,
      { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19, prompt_tokens_details: { cached_tokens: 1 }, completion_tokens_details: { reasoning_tokens: 3, accepted_prediction_tokens: 1 } },
    ]);
    expect(total).toEqual({
      prompt_tokens: 22,
      completion_tokens: 12,
      total_tokens: 34,
      prompt_tokens_details: { cached_tokens: 5, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 5, accepted_prediction_tokens: 1 },
    });
    expect(sumUsage([undefined])).toBeUndefined();
  });
});
