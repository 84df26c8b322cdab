// OpenTelemetry through `openTelemetryHooks`, recorded by the SDK's in-memory exporter: one span per
// create() and one per HTTP attempt under it, GenAI semantic-convention attributes, content only on
// opt-in, and a stream's spans ending at the stream's end with the time to first chunk.
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openTelemetryHooks, type OpenTelemetryOptions } from "../../src/observability/otel.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { chunkEvent, collect, DONE, failure, hi, KEYS, MODELS, ok, PATHS, recordingSleep, rejection, routerClient } from "../router/harness.js";

let fault: FaultServer;
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

beforeAll(async () => {
  fault = await startFaultServer();
});
afterEach(() => {
  fault.reset();
  exporter.reset();
});
afterAll(async () => {
  await fault.stop();
  await provider.shutdown();
});

function tracedClient(options: OpenTelemetryOptions = {}, extra: Parameters<typeof routerClient>[1] = {}) {
  return routerClient(fault, { hooks: openTelemetryHooks({ tracerProvider: provider, ...options }), ...extra });
}

function spans(): { call: ReadableSpan; attempts: ReadableSpan[] } {
  const finished = exporter.getFinishedSpans();
  const calls = finished.filter((span) => span.kind === SpanKind.INTERNAL);
  expect(calls).toHaveLength(1);
  const call = calls[0]!;
  const attempts = finished
    .filter((span) => span.kind === SpanKind.CLIENT)
    .sort((a, b) => Number(a.attributes["onellm.attempt"]) - Number(b.attributes["onellm.attempt"]));
  for (const attempt of attempts) {
    expect(attempt.spanContext().traceId).toBe(call.spanContext().traceId);
    expect(attempt.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
  }
  return { call, attempts };
}

const usageEvent = (prompt: number, completion: number) =>
  `data: ${JSON.stringify({ id: "chatcmpl-otel", object: "chat.completion.chunk", created: 1764254580, model: "gpt-4o-mini-2024-07-18", choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } })}\n\n`;

describe("OpenTelemetry spans", () => {
  it("a plain call: one call span and one attempt span with the GenAI attributes, no content by default", async () => {
    fault.enqueue(PATHS.openai, ok("traced answer", "gpt-4o-mini-2024-07-18"));
    const client = tracedClient();
    await client.chat.completions.create({ model: MODELS.openai, messages: hi, max_tokens: 64, temperature: 0.5, stop: ["END"] });
    const { call, attempts } = spans();

    expect(call.name).toBe("chat gpt-4o-mini");
    expect(call.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(call.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.request.max_tokens": 64,
      "gen_ai.request.temperature": 0.5,
      "gen_ai.request.stop_sequences": ["END"],
      "gen_ai.request.stream": false,
      "gen_ai.output.type": "text",
      "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
      "gen_ai.response.id": "chatcmpl-fault-traced-answer",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 8,
      "gen_ai.usage.output_tokens": 2,
      "onellm.attempts": 1,
    });
    expect(call.attributes["gen_ai.input.messages"]).toBeUndefined();
    expect(call.attributes["gen_ai.output.messages"]).toBeUndefined();
    expect(call.attributes["error.type"]).toBeUndefined();

    expect(attempts).toHaveLength(1);
    const attempt = attempts[0]!;
    expect(attempt.name).toBe("chat gpt-4o-mini");
    expect(attempt.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
      "gen_ai.usage.input_tokens": 8,
      "gen_ai.usage.output_tokens": 2,
      "http.request.method": "POST",
      "http.response.status_code": 200,
      "server.address": "127.0.0.1",
      "server.port": fault.port,
      "onellm.attempt": 1,
    });
    expect(JSON.stringify([call.attributes, attempt.attributes])).not.toContain(KEYS.openai);
  });

  it("records prompts and answers only when recordContent is on, keys redacted", async () => {
    fault.enqueue(PATHS.openai, ok("the answer"));
    const client = tracedClient({ recordContent: true });
    await client.chat.completions.create({
      model: MODELS.openai,
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: `my key is ${KEYS.openai}` },
      ],
    });
    const { call } = spans();
    const input = JSON.parse(String(call.attributes["gen_ai.input.messages"]));
    expect(input).toEqual([
      { role: "system", parts: [{ type: "text", content: "be brief" }] },
      { role: "user", parts: [{ type: "text", content: "my key is [REDACTED]" }] },
    ]);
    const output = JSON.parse(String(call.attributes["gen_ai.output.messages"]));
    expect(output).toEqual([{ role: "assistant", parts: [{ type: "text", content: "the answer" }], finish_reason: "stop" }]);
  });

  it("a stream: spans stay open while it is read and end at its end, with usage and time to first chunk", async () => {
    fault.enqueue(PATHS.openai, {
      kind: "sse",
      events: [chunkEvent("Stre"), chunkEvent("amed"), chunkEvent(undefined, "stop"), usageEvent(11, 4), DONE],
      then: "end",
    });
    const client = tracedClient({ recordContent: true });
    const stream = await client.chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, stream_options: { include_usage: true } });
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    const { text } = await collect(stream);
    expect(text).toBe("Streamed");
    const { call, attempts } = spans();
    expect(attempts).toHaveLength(1);
    expect(call.attributes).toMatchObject({
      "gen_ai.request.stream": true,
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 11,
      "gen_ai.usage.output_tokens": 4,
      "gen_ai.response.model": "gpt-4o-mini",
      "onellm.stream.cancelled": false,
    });
    const firstChunk = call.attributes["gen_ai.response.time_to_first_chunk"];
    expect(typeof firstChunk).toBe("number");
    const durationSeconds = call.duration[0] + call.duration[1] / 1e9;
    expect(firstChunk as number).toBeGreaterThan(0);
    expect(firstChunk as number).toBeLessThanOrEqual(durationSeconds);
    expect(JSON.parse(String(call.attributes["gen_ai.output.messages"]))).toEqual([
      { role: "assistant", parts: [{ type: "text", content: "Streamed" }], finish_reason: "stop" },
    ]);
    expect(attempts[0]!.attributes["gen_ai.usage.output_tokens"]).toBe(4);
  });

  it("retry then fallback: three attempt spans, two failed with error.type, the call span served by the fallback", async () => {
    fault.enqueue(PATHS.openai, failure(500, "boom"), failure(503, "overloaded"));
    fault.enqueue(PATHS.groq, ok("groq saved the day", "llama-3.3-70b-versatile"));
    const client = tracedClient({}, { sleep: recordingSleep().sleep });
    const completion = await client.chat.completions.create({ model: MODELS.openai, messages: hi, retries: 1, fallback_models: [MODELS.groq] });
    expect(completion.choices[0]?.message.content).toBe("groq saved the day");
    const { call, attempts } = spans();
    expect(attempts.map((span) => [span.attributes["gen_ai.provider.name"], span.attributes["http.response.status_code"], span.attributes["error.type"], span.status.code])).toEqual([
      ["openai", 500, "InternalServerError", SpanStatusCode.ERROR],
      ["openai", 503, "InternalServerError", SpanStatusCode.ERROR],
      ["groq", 200, undefined, SpanStatusCode.UNSET],
    ]);
    expect(attempts[2]!.attributes["gen_ai.response.model"]).toBe("llama-3.3-70b-versatile");
    expect(call.attributes).toMatchObject({
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.provider.name": "groq",
      "gen_ai.response.model": "llama-3.3-70b-versatile",
      "onellm.provider": "groq",
      "onellm.attempts": 3,
      "onellm.fallback_models": [MODELS.groq],
    });
    expect(call.attributes["error.type"]).toBeUndefined();
    expect(call.events.map((event) => event.name)).toEqual(["onellm.retry", "onellm.fallback"]);
    expect(call.events[1]!.attributes).toMatchObject({ "onellm.fallback.from": "openai/gpt-4o-mini", "onellm.fallback.to": "groq/llama-3.3-70b-versatile" });
  });

  it("a failed call: the call span ends with error.type and an ERROR status", async () => {
    fault.enqueue(PATHS.openai, failure(429, "slow down"));
    const client = tracedClient({}, { maxRetries: 0 });
    await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi }));
    const { call, attempts } = spans();
    expect(call.attributes["error.type"]).toBe("RateLimitError");
    expect(call.status).toMatchObject({ code: SpanStatusCode.ERROR });
    expect(call.status.message).toContain("slow down");
    expect(attempts[0]!.attributes["error.type"]).toBe("RateLimitError");
  });

  it("maps provider names to the conventions' well-known values", async () => {
    fault.enqueue("/gemini/v1beta/models/gemini-2.5-flash:generateContent", {
      status: 200,
      body: { candidates: [{ content: { role: "model", parts: [{ text: "hi" }] }, finishReason: "STOP", index: 0 }], modelVersion: "gemini-2.5-flash", responseId: "resp-1" },
    });
    const client = tracedClient({}, { providers: { google: { apiKey: "AIza-test-key-for-otel", baseURL: `${fault.url}/gemini` } } });
    await client.chat.completions.create({ model: "google/gemini-2.5-flash", messages: hi });
    const { call, attempts } = spans();
    expect(call.attributes["gen_ai.provider.name"]).toBe("gcp.gemini");
    expect(attempts[0]!.attributes["gen_ai.provider.name"]).toBe("gcp.gemini");
  });
});
