// Hooks see a call as it travels: start, every HTTP request and response, retries, fallbacks, and
// one completion or one error at the end (a stream's at its end), with credentials masked.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import { InvalidRequestError, RateLimitError, StreamInterruptedError } from "../../src/errors.js";
import type { Hooks } from "../../src/observability/hooks.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { captureLog, chunkEvent, collect, completion as completionBody, DONE, failure, hi, KEYS, MODELS, ok, PATHS, recordingSleep, rejection, routerClient, sseOk } from "../router/harness.js";

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterEach(() => fault.reset());
afterAll(async () => {
  await fault.stop();
});

interface Seen {
  name: string;
  event: Record<string, unknown>;
}

function recordingHooks(): { seen: Seen[]; hooks: Hooks; names: () => string[] } {
  const seen: Seen[] = [];
  const record = (name: string) => (event: object) => {
    seen.push({ name, event: event as Record<string, unknown> });
  };
  const hooks: Hooks = {
    onStart: record("start"),
    onRequest: record("request"),
    onResponse: record("response"),
    onRetry: record("retry"),
    onFallback: record("fallback"),
    onComplete: record("complete"),
    onError: record("error"),
  };
  return { seen, hooks, names: () => seen.map((entry) => entry.name) };
}

function eventNamed(seen: Seen[], name: string, occurrence = 0): Record<string, unknown> {
  const found = seen.filter((entry) => entry.name === name)[occurrence];
  if (!found) throw new Error(`no ${name} event #${occurrence} (saw ${seen.map((entry) => entry.name).join(", ")})`);
  return found.event;
}

describe("hooks", () => {
  it("report a plain call: start, request, response, complete — with masked credentials and the served usage", async () => {
    const { seen, hooks, names } = recordingHooks();
    fault.enqueue(PATHS.openai, { status: 200, body: completionBody("hello"), headers: { "x-request-id": "req_abc123" } });
    const client = routerClient(fault, { hooks });
    const completion = await client.chat.completions.create({ model: MODELS.openai, messages: hi, temperature: 0.2 });
    expect(completion.choices[0]?.message.content).toBe("hello");
    expect(names()).toEqual(["start", "request", "response", "complete"]);

    const callIds = new Set(seen.map((entry) => entry.event["callId"]));
    expect(callIds.size).toBe(1);
    expect([...callIds][0]).toMatch(/^call_[0-9a-f]{24}$/);

    const start = eventNamed(seen, "start");
    expect(start).toMatchObject({ model: MODELS.openai, target: { provider: "openai", model: "gpt-4o-mini" }, stream: false, fallbackModels: [] });
    expect((start["request"] as { temperature: number }).temperature).toBe(0.2);

    const request = eventNamed(seen, "request");
    expect(request).toMatchObject({ attempt: 1, provider: "openai", model: "gpt-4o-mini", method: "POST", url: `${fault.url}${PATHS.openai}`, stream: false });
    const headers = request["headers"] as Record<string, string>;
    expect(headers["authorization"]).toBe("[REDACTED]");
    expect(JSON.stringify(seen.map((entry) => ({ ...entry.event, error: undefined })))).not.toContain(KEYS.openai);

    expect(eventNamed(seen, "response")).toMatchObject({ attempt: 1, status: 200, requestId: "req_abc123" });
    const complete = eventNamed(seen, "complete");
    expect(complete).toMatchObject({
      provider: "openai",
      model: "gpt-4o-mini",
      stream: false,
      cancelled: false,
      responseModel: "gpt-4o-mini",
      finishReasons: ["stop"],
      usage: { prompt_tokens: 8, completion_tokens: 2, total_tokens: 10 },
      timeToFirstChunkMs: undefined,
    });
    expect((complete["choices"] as { message: { content: string } }[])[0]?.message.content).toBe("hello");
    expect(complete["attempts"]).toHaveLength(1);
  });

  it("report a retry and a fallback, each naming the failed attempt and its error", async () => {
    const { seen, hooks, names } = recordingHooks();
    const sleep = recordingSleep();
    fault.enqueue(PATHS.openai, failure(500, "boom"), failure(503, "still down"));
    fault.enqueue(PATHS.groq, ok("from groq", "llama-3.3-70b-versatile"));
    const client = routerClient(fault, { hooks, sleep: sleep.sleep });
    const completion = await client.chat.completions.create({ model: MODELS.openai, messages: hi, retries: 1, fallback_models: [MODELS.groq] });
    expect(completion.choices[0]?.message.content).toBe("from groq");
    expect(names()).toEqual(["start", "request", "response", "retry", "request", "response", "fallback", "request", "response", "complete"]);

    const retry = eventNamed(seen, "retry");
    expect(retry).toMatchObject({ attempt: 1, provider: "openai", retry: 1, maxRetries: 1, errorType: "InternalServerError" });
    expect(retry["delayMs"]).toBe(sleep.delays[0]);
    const fallback = eventNamed(seen, "fallback");
    expect(fallback).toMatchObject({
      from: { provider: "openai", model: "gpt-4o-mini" },
      to: { provider: "groq", model: "llama-3.3-70b-versatile" },
      errorType: "InternalServerError",
      sentRequest: true,
    });
    expect(eventNamed(seen, "response", 1)).toMatchObject({ attempt: 2, status: 503 });
    expect(eventNamed(seen, "request", 2)).toMatchObject({ attempt: 3, provider: "groq" });
    expect(eventNamed(seen, "complete")).toMatchObject({ provider: "groq", model: "llama-3.3-70b-versatile" });
    expect(eventNamed(seen, "complete")["attempts"]).toHaveLength(3);
  });

  it("report a target skipped before sending as a fallback with sentRequest false", async () => {
    const { seen, hooks } = recordingHooks();
    fault.enqueue(PATHS.groq, ok("groq answered"));
    const client = routerClient(fault, { hooks, providers: { deepseek: { apiKey: undefined, baseURL: `${fault.url}/deepseek` } } });
    await client.chat.completions.create({ model: MODELS.deepseek, messages: hi, fallback_models: [MODELS.groq] });
    expect(eventNamed(seen, "fallback")).toMatchObject({ from: { provider: "deepseek" }, to: { provider: "groq" }, errorType: "MissingAPIKeyError", sentRequest: false });
  });

  it("report a failed call once, with its error, status and every attempt", async () => {
    const { seen, hooks, names } = recordingHooks();
    fault.enqueue(PATHS.openai, failure(429, "slow down"));
    const client = routerClient(fault, { hooks, maxRetries: 0 });
    const error = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(names()).toEqual(["start", "request", "response", "error"]);
    expect(eventNamed(seen, "error")).toMatchObject({ errorType: "RateLimitError", status: 429, stream: false, afterOutput: false });
    expect(eventNamed(seen, "error")["error"]).toBe(error);
    expect(eventNamed(seen, "error")["attempts"]).toHaveLength(1);
  });

  it("report a request that fails validation as start then error, with nothing sent", async () => {
    const { names, seen, hooks } = recordingHooks();
    const client = routerClient(fault, { hooks });
    const error = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: [] }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(names()).toEqual(["start", "error"]);
    expect(eventNamed(seen, "error")).toMatchObject({ errorType: "InvalidRequestError", status: 400 });
    expect(fault.count(PATHS.openai)).toBe(0);
  });

  it("report a stream's completion only when it ends, with the assembled text, usage and time to first chunk", async () => {
    const { seen, hooks, names } = recordingHooks();
    const usage = `data: ${JSON.stringify({ id: "chatcmpl-fault-stream", object: "chat.completion.chunk", created: 1764254580, model: "gpt-4o-mini", choices: [], usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } })}\n\n`;
    fault.enqueue(PATHS.openai, { kind: "sse", events: [chunkEvent("Hel"), chunkEvent("lo"), chunkEvent(undefined, "stop"), usage, DONE], then: "end" });
    const client = routerClient(fault, { hooks });
    const stream = await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, stream_options: { include_usage: true } });
    expect(names()).toEqual(["start", "request", "response"]);
    const { text, error } = await collect(stream);
    expect(error).toBeUndefined();
    expect(text).toBe("Hello");
    expect(names()).toEqual(["start", "request", "response", "complete"]);
    const complete = eventNamed(seen, "complete");
    expect(complete).toMatchObject({ stream: true, cancelled: false, finishReasons: ["stop"], usage: { prompt_tokens: 5, completion_tokens: 3 }, id: "chatcmpl-fault-stream" });
    expect((complete["choices"] as { message: { content: string } }[])[0]?.message.content).toBe("Hello");
    expect(typeof complete["timeToFirstChunkMs"]).toBe("number");
    expect(complete["timeToFirstChunkMs"] as number).toBeLessThanOrEqual(complete["durationMs"] as number);
  });

  it("report a stream the caller stops reading as complete with cancelled true", async () => {
    const { seen, hooks } = recordingHooks();
    fault.enqueue(PATHS.openai, sseOk("one", "two", "three"));
    const client = routerClient(fault, { hooks });
    const stream = await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true });
    for await (const chunk of stream) {
      expect(chunk.choices[0]?.delta.content).toBe("one");
      break;
    }
    expect(eventNamed(seen, "complete")).toMatchObject({ cancelled: true, stream: true });
  });

  it("report a stream that breaks after output as an error with afterOutput true", async () => {
    const { seen, hooks, names } = recordingHooks();
    fault.enqueue(PATHS.openai, { kind: "sse", events: [chunkEvent("partial")], then: "reset" });
    const client = routerClient(fault, { hooks });
    const stream = await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true });
    const { error } = await collect(stream);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(names().at(-1)).toBe("error");
    expect(names()).not.toContain("complete");
    expect(eventNamed(seen, "error")).toMatchObject({ errorType: "StreamInterruptedError", stream: true, afterOutput: true });
  });

  it("never let a throwing or rejecting hook change the call; the failure is logged", async () => {
    const log = captureLog();
    fault.enqueue(PATHS.openai, ok("still fine"));
    const client = routerClient(fault, {
      logger: log.sink,
      hooks: [
        { onRequest: () => { throw new Error("hook bug"); } },
        { onComplete: () => Promise.reject(new Error("async hook bug")) },
      ],
    });
    const completion = await client.chat.completions.create({ model: MODELS.openai, messages: hi });
    expect(completion.choices[0]?.message.content).toBe("still fine");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log.lines.some((line) => line.startsWith("warn") && line.includes("onRequest hook threw (Error: hook bug)"))).toBe(true);
    expect(log.lines.some((line) => line.startsWith("warn") && line.includes("onComplete hook threw (Error: async hook bug)"))).toBe(true);
  });

  it("refuse a misspelt hook or a hook that is not a function when the client is built", () => {
    expect(() => new OpenAI({ env: {}, hooks: { onRequset: () => undefined } as unknown as Hooks })).toThrow(/Unknown hook onRequset.*onRequest/);
    expect(() => new OpenAI({ env: {}, hooks: { onError: "log" } as unknown as Hooks })).toThrow(/hooks\.onError: expected a function, got string/);
    expect(() => new OpenAI({ env: {}, hooks: [null] as unknown as Hooks[] })).toThrow(/hooks\[0\]/);
  });
});
