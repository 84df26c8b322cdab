// Drop-in details that used to differ from `openai`: a blank OPENAI_BASE_URL, one Response object
// from asResponse()/withResponse() (awaited first or not, across module copies), withOptions(),
// Stream.fromSSEResponse, and parse() sharing its request's response.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { OpenAI } from "../../src/client.js";
import { Stream } from "../../src/core/stream.js";
import { APIError } from "../../src/errors.js";
import { zodResponseFormat } from "../../src/helpers/zod.js";
import type { ChatCompletionChunk } from "../../src/types.js";
import { useReplayServer } from "../helpers/use-replay-server.js";

const replay = useReplayServer();

const hi = [{ role: "user" as const, content: "hi" }];
const key = "sk-dropin-0000000000001";

describe("OPENAI_BASE_URL", () => {
  it.each(["", "   ", "\n"])("a blank value (%j) is treated as unset", (blank) => {
    expect(new OpenAI({ apiKey: key, env: { OPENAI_BASE_URL: blank } }).baseURL).toBe("https://api.openai.com/v1");
  });

  it("is trimmed, as openai reads the environment", () => {
    expect(new OpenAI({ apiKey: key, env: { OPENAI_BASE_URL: " https://proxy.example/v1 \n" } }).baseURL).toBe("https://proxy.example/v1");
  });
});

describe("asResponse() and withResponse()", () => {
  it("give the same Response object every time, also after the promise was awaited", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/openai/text.json", headers: { "x-request-id": "req_same" } });
    const client = new OpenAI({ apiKey: key, baseURL: `${replay().url}/v1`, env: {} });
    const promise = client.chat.completions.create({ model: "gpt-4o-mini", messages: hi });
    const early = await promise.asResponse();
    const completion = await promise;
    const { data, response, request_id } = await promise.withResponse();
    expect(response).toBe(early);
    expect(await promise.asResponse()).toBe(early);
    expect(data).toBe(completion);
    expect(request_id).toBe("req_same");
    expect(replay().requests).toHaveLength(1);
    expect((await early.json()).id).toBe(completion.id);
  });

  it("give one Response for a stream too, which the stream data and the body share", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/openai/text-usage.sse" });
    const client = new OpenAI({ apiKey: key, baseURL: `${replay().url}/v1`, env: {} });
    const promise = client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, stream: true });
    const { response } = await promise.withResponse();
    expect(await promise.asResponse()).toBe(response);
    // Building the response did not take the chunks: the data is still readable.
    const stream = await promise;
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it("parse() shares its request's response", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/helpers/openai/parse.json" });
    const client = new OpenAI({ apiKey: key, baseURL: `${replay().url}/v1`, env: {} });
    const promise = client.chat.completions.parse({
      model: "gpt-4o",
      messages: hi,
      response_format: zodResponseFormat(z.object({ city: z.string(), temperature_c: z.number(), conditions: z.string() }), "weather"),
    });
    const raw = await promise.asResponse();
    const { data, response } = await promise.withResponse();
    expect(response).toBe(raw);
    expect(data.choices[0]?.message.parsed?.city).toBe("Paris");
    expect(replay().requests).toHaveLength(1);
  });

  it("recognise a stream from another copy of the module (a test runner's isolated realm)", async () => {
    vi.resetModules();
    const other = await import("../../src/core/stream.js");
    expect(other.Stream).not.toBe(Stream);
    const foreign = new other.Stream<number>(async function* () {
      yield 1;
    }, new AbortController());
    expect(Stream.isStream(foreign)).toBe(true);
    const { APIPromise } = await import("../../src/api-promise.js");
    const promise = new APIPromise(Promise.resolve({ data: foreign, response: () => new Response("", { status: 200 }), headers: new Headers() }));
    const response = await promise.asResponse();
    expect(response).toBe(await promise.asResponse());
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(await response.text()).toBe("data: 1\n\ndata: [DONE]\n\n");
  });
});

describe("withOptions()", () => {
  it("makes a client with these options over this one's", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/openai/text.json" });
    const base = new OpenAI({ apiKey: key, baseURL: "https://unused.example/v1", env: {}, maxRetries: 5, defaultHeaders: { "x-team": "a" } });
    const derived = base.withOptions({ baseURL: `${replay().url}/v1`, timeout: 1234 });
    expect(derived).toBeInstanceOf(OpenAI);
    expect(derived.maxRetries).toBe(5);
    expect(derived.timeout).toBe(1234);
    expect(base.baseURL).toBe("https://unused.example/v1");
    await derived.chat.completions.create({ model: "gpt-4o-mini", messages: hi });
    expect(replay().requests[0]?.headers["x-team"]).toBe("a");
    expect(replay().requests[0]?.headers["authorization"]).toBe(`Bearer ${key}`);
  });
});

describe("Stream.fromSSEResponse", () => {
  it("reads an OpenAI-format SSE body, asResponse() output included, chunk for chunk", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/openai/text-usage.sse" });
    const client = new OpenAI({ apiKey: key, baseURL: `${replay().url}/v1`, env: {} });
    const response = await client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, stream: true }).asResponse();
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of Stream.fromSSEResponse<ChatCompletionChunk>(response, new AbortController())) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Hello! How can I help you today?");
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
  });

  it("throws an in-band error payload as an APIError", async () => {
    const body = 'data: {"id":"x","object":"chat.completion.chunk","created":1,"model":"m","choices":[]}\n\ndata: {"error":{"message":"replay() had an error","type":"server_error"}}\n\n';
    const stream = Stream.fromSSEResponse<unknown>(new Response(body, { headers: { "content-type": "text/event-stream" } }), new AbortController());
    const seen: unknown[] = [];
    const failure = await (async () => {
      for await (const item of stream) seen.push(item);
    })().catch((error: unknown) => error);
    expect(seen).toHaveLength(1);
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as Error).message).toContain("replay() had an error");
  });

  it("ends quietly when its controller aborts, and cancels the body", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: {"n":1}\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    const seen: unknown[] = [];
    for await (const item of Stream.fromSSEResponse<unknown>(new Response(body), controller)) {
      seen.push(item);
      controller.abort();
    }
    expect(seen).toEqual([{ n: 1 }]);
    expect(cancelled).toBe(true);
  });
});
