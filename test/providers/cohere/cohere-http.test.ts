// The Cohere provider through the real client over real HTTP: the replay server serves recordings
// written from Cohere's documented wire format (v2 chat JSON and its SSE events) on 127.0.0.1.
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import { BadRequestError, IncompleteStreamError, RateLimitError, StreamInterruptedError } from "../../../src/errors.js";
import type { ChatCompletionChunk, ChatCompletionMessageParam } from "../../../src/types.js";
import { startReplayServer, type ReplayServer } from "../../helpers/replay-server.js";

const MODEL = "cohere/command-a-03-2025";
const KEY = "co-test-key-3f9a1c7e";
let server: ReplayServer;

function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/cohere/${name}`, import.meta.url));
}

function client(maxRetries = 0): OpenAI {
  return new OpenAI({ providers: { cohere: { apiKey: KEY, baseURL: server.url } }, env: {}, maxRetries, sleep: () => Promise.resolve() });
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<{ chunks: ChatCompletionChunk[]; error: unknown }> {
  const chunks: ChatCompletionChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
  } catch (error) {
    return { chunks, error };
  }
  return { chunks, error: undefined };
}

function sentBody(index = 0): Record<string, unknown> {
  return server.requests[index]?.body as Record<string, unknown>;
}

const weatherTool = {
  type: "function" as const,
  function: { name: "get_weather", description: "Current weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.stop();
});
afterEach(() => server.reset());

describe("Cohere over HTTP, non-streamed", () => {
  it("sends POST /v2/chat with a bearer key and maps text and usage (tokens, cached_tokens)", async () => {
    server.route("/v2/chat", { file: fixture("text.json") });
    const completion = await client().chat.completions.create({
      model: MODEL,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Capital of France?" },
      ],
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 100,
      stop: ["END"],
      seed: 7,
    });
    const request = server.requests[0];
    expect(request?.path).toBe("/v2/chat");
    expect(request?.headers["authorization"]).toBe(`Bearer ${KEY}`);
    expect(sentBody()).toEqual({
      model: "command-a-03-2025",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Capital of France?" },
      ],
      max_tokens: 100,
      temperature: 0.2,
      p: 0.9,
      seed: 7,
      stop_sequences: ["END"],
    });
    expect(completion.id).toBe("c14c80c3-18eb-4519-9460-6c92edd8cfb4");
    expect(completion.model).toBe("command-a-03-2025");
    expect(completion.choices[0]?.message.content).toBe("Paris is the capital of France. It sits on the Seine.");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage).toEqual({ prompt_tokens: 215, completion_tokens: 14, total_tokens: 229, prompt_tokens_details: { cached_tokens: 128 } });
    expect(completion.onellm?.native_finish_reasons).toEqual(["COMPLETE"]);
  });

  it("runs a tool loop: tool_plan becomes content, calls keep their ids, results go back as tool messages", async () => {
    server.route((request) => server.requests.length === 1 && request.path === "/v2/chat", { file: fixture("tool-call.json") });
    server.route((request) => server.requests.length === 2 && request.path === "/v2/chat", { file: fixture("tool-answer.json") });
    const openai = client();
    const messages: ChatCompletionMessageParam[] = [{ role: "user", content: "Weather in Paris and Tokyo?" }];
    const first = await openai.chat.completions.create({ model: MODEL, messages, tools: [weatherTool], tool_choice: "required" });
    const message = first.choices[0]?.message;
    expect(first.choices[0]?.finish_reason).toBe("tool_calls");
    expect(message?.content).toBe("I will look up the weather in Paris and in Tokyo.");
    expect(message?.tool_calls?.map((call) => (call.type === "function" ? [call.id, call.function.name, call.function.arguments] : []))).toEqual([
      ["get_weather_1byjy32y4hvq", "get_weather", '{"city":"Paris"}'],
      ["get_weather_qr2z7m8n5k4p", "get_weather", '{"city":"Tokyo"}'],
    ]);
    expect(sentBody(0)["tools"]).toEqual([{ type: "function", function: { name: "get_weather", description: "Current weather", parameters: weatherTool.function.parameters } }]);
    expect(sentBody(0)["tool_choice"]).toBe("REQUIRED");

    // The assistant message goes back as the client returned it (annotations, refusal and all).
    messages.push(message!, { role: "tool", tool_call_id: "get_weather_1byjy32y4hvq", content: '{"temperature":"24C","sky":"sunny"}' }, {
      role: "tool",
      tool_call_id: "get_weather_qr2z7m8n5k4p",
      content: [{ type: "text", text: '{"temperature":"18C","sky":"rain"}' }],
    });
    const second = await openai.chat.completions.create({ model: MODEL, messages, tools: [weatherTool] });
    expect(sentBody(1)["messages"]).toEqual([
      { role: "user", content: "Weather in Paris and Tokyo?" },
      {
        role: "assistant",
        tool_plan: "I will look up the weather in Paris and in Tokyo.",
        tool_calls: [
          { id: "get_weather_1byjy32y4hvq", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "get_weather_qr2z7m8n5k4p", type: "function", function: { name: "get_weather", arguments: '{"city":"Tokyo"}' } },
        ],
      },
      { role: "tool", tool_call_id: "get_weather_1byjy32y4hvq", content: '{"temperature":"24C","sky":"sunny"}' },
      { role: "tool", tool_call_id: "get_weather_qr2z7m8n5k4p", content: [{ type: "text", text: '{"temperature":"18C","sky":"rain"}' }] },
    ]);
    expect(second.choices[0]?.message.content).toBe("It is 24°C and sunny in Paris, and 18°C with rain in Tokyo.");
    expect(second.choices[0]?.message.annotations).toEqual([
      { type: "url_citation", url_citation: { start_index: 6, end_index: 20, url: "tool:get_weather_1byjy32y4hvq:0", title: "get_weather_1byjy32y4hvq:0" } },
    ]);
  });

  it("emulates a named tool_choice by offering only that tool, with REQUIRED, and says so", async () => {
    server.route("/v2/chat", { file: fixture("tool-call.json") });
    const other = { type: "function" as const, function: { name: "get_time", parameters: { type: "object", properties: {} } } };
    const completion = await client().chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "Weather?" }],
      tools: [other, weatherTool],
      tool_choice: { type: "function", function: { name: "get_weather" } },
    });
    expect((sentBody()["tools"] as { function: { name: string } }[]).map((tool) => tool.function.name)).toEqual(["get_weather"]);
    expect(sentBody()["tool_choice"]).toBe("REQUIRED");
    expect(completion.onellm?.warnings.join("\n")).toMatch(/tool_choice is emulated for cohere/);
  });

  it("sends response_format json_schema as json_object with the schema, and returns the JSON text", async () => {
    server.route("/v2/chat", { file: fixture("json-schema.json") });
    const schema = { type: "object", properties: { name: { type: "string" }, born: { type: "integer" } }, required: ["name", "born"] };
    const completion = await client().chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "A scientist as JSON" }],
      response_format: { type: "json_schema", json_schema: { name: "scientist", schema } },
    });
    expect(sentBody()["response_format"]).toEqual({ type: "json_object", json_schema: schema });
    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({ name: "Marie Curie", born: 1867 });
  });

  it("sends images as image_url content (data URI and https URL, with detail)", async () => {
    server.route("/v2/chat", { file: fixture("text.json") });
    await client().chat.completions.create({
      model: "cohere/command-a-vision-07-2025",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Compare these" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "low" } },
            { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
          ],
        },
      ],
    });
    expect(sentBody()["messages"]).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Compare these" },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "low" } },
          { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
        ],
      },
    ]);
  });

  it("maps thinking content to reasoning_content, never into content", async () => {
    server.route("/v2/chat", { file: fixture("thinking.json") });
    const completion = await client().chat.completions.create({ model: "cohere/command-a-reasoning-08-2025", messages: [{ role: "user", content: "Is 17 prime?" }] });
    expect(completion.choices[0]?.message.content).toBe("Yes, 17 is a prime number.");
    expect(completion.choices[0]?.message.reasoning_content).toBe("17 is only divisible by 1 and itself, so it is prime.");
    expect((completion.choices[0]?.message as { reasoning_details?: unknown }).reasoning_details).toEqual([
      { type: "reasoning.text", text: "17 is only divisible by 1 and itself, so it is prime.", format: "cohere-v1", index: 0 },
    ]);
  });

  it("passes documents through provider_options and maps document citations to url_citation annotations", async () => {
    server.route("/v2/chat", { file: fixture("documents.json") });
    const documents = [
      { id: "doc:0", data: { title: "Tall penguins", snippet: "Emperor penguins are the tallest.", url: "https://example.com/penguins/tall" } },
      { id: "doc:1", data: { snippet: "Emperor penguins only live in Antarctica." } },
    ];
    const completion = await client().chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "Where do the tallest penguins live?" }],
      provider_options: { cohere: { documents, citation_options: { mode: "ACCURATE" } } },
    });
    expect(sentBody()["documents"]).toEqual(documents);
    expect(completion.choices[0]?.message.annotations).toEqual([
      { type: "url_citation", url_citation: { start_index: 25, end_index: 41, url: "https://example.com/penguins/tall", title: "Tall penguins" } },
      { type: "url_citation", url_citation: { start_index: 58, end_index: 68, url: "document:doc:1", title: "doc:1" } },
    ]);
  });

  it("maps MAX_TOKENS to length", async () => {
    server.route("/v2/chat", { file: fixture("max-tokens.json") });
    const completion = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "A story" }], max_completion_tokens: 8 });
    expect(sentBody()["max_tokens"]).toBe(8);
    expect(completion.choices[0]?.finish_reason).toBe("length");
  });

  it("retries a 429 and then reads Cohere's error body into RateLimitError, without the key", async () => {
    server.route("/v2/chat", { file: fixture("error-429.json"), status: 429 });
    const error = await client(1).chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(2);
    expect((error as RateLimitError).message).toMatch(/Trial key, which is limited to 10 API calls/);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it("reads a 400 into BadRequestError and does not retry it", async () => {
    server.route("/v2/chat", { file: fixture("error-400.json"), status: 400 });
    const error = await client(2).chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toMatch(/message must be at least 1 token long/);
    expect(server.requests).toHaveLength(1);
  });
});

describe("Cohere over HTTP, streamed", () => {
  it("streams text deltas, the finish and (on include_usage) the usage chunk", async () => {
    server.route("/v2/chat", { file: fixture("text.sse") });
    const stream = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Capital?" }], stream: true, stream_options: { include_usage: true } });
    const { chunks, error } = await collect(stream);
    expect(error).toBeUndefined();
    expect(sentBody()["stream"]).toBe(true);
    expect(chunks[0]?.id).toBe("29f14a5a-11de-4cae-9800-25e4747408ea");
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "" });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Paris is the capital of France.");
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 215, completion_tokens: 6, total_tokens: 221 });
  });

  it("streams the tool plan as content and a tool call as id + name, then argument fragments, ignoring [DONE]", async () => {
    server.route("/v2/chat", { file: fixture("tool-call.sse"), chunking: { bytes: 7 } });
    const stream = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Weather in Paris?" }], tools: [weatherTool], stream: true });
    const { chunks, error } = await collect(stream);
    expect(error).toBeUndefined();
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("I will look up the weather in Paris.");
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toEqual({ index: 0, id: "get_weather_nsz5zm3w56q3", type: "function", function: { name: "get_weather", arguments: "" } });
    expect(calls.slice(1).every((call) => call.index === 0 && call.id === undefined)).toBe(true);
    expect(JSON.parse(calls.map((call) => call.function?.arguments ?? "").join(""))).toEqual({ city: "Paris" });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("streams thinking as reasoning_content and text as content", async () => {
    server.route("/v2/chat", { file: fixture("thinking.sse") });
    const stream = await client().chat.completions.create({ model: "cohere/command-a-reasoning-08-2025", messages: [{ role: "user", content: "Is 17 prime?" }], stream: true });
    const { chunks } = await collect(stream);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? "").join("")).toBe("17 is only divisible by 1 and itself.");
    const details = chunks.flatMap((chunk) => (chunk.choices[0]?.delta as { reasoning_details?: { text: string; format: string }[] }).reasoning_details ?? []);
    expect(details.map((detail) => [detail.format, detail.text])).toEqual([
      ["cohere-v1", "17 is only divisible"],
      ["cohere-v1", " by 1 and itself."],
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Yes, 17 is prime.");
  });

  it("reads a stream with citation events to its end", async () => {
    server.route("/v2/chat", { file: fixture("citations.sse"), chunking: "every-byte" });
    const stream = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Penguins?" }], stream: true });
    const { chunks, error } = await collect(stream);
    expect(error).toBeUndefined();
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("The tallest penguins are emperor penguins.");
    // citation-start's document citation arrives as delta.annotations, over the same span the
    // non-streamed message.annotations gives (characters 25-41: "emperor penguins").
    const annotations = chunks.flatMap((chunk) => chunk.choices[0]?.delta.annotations ?? []);
    expect(annotations).toEqual([
      { type: "url_citation", url_citation: { start_index: 25, end_index: 41, url: "document:doc:0", title: "Tall penguins" } },
    ]);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text.slice(annotations[0]!.url_citation.start_index, annotations[0]!.url_citation.end_index)).toBe("emperor penguins");
  });

  it("raises IncompleteStreamError when the stream ends without message-end", async () => {
    server.route("/v2/chat", { file: fixture("truncated.sse") });
    const stream = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Capital?" }], stream: true });
    const { error } = await collect(stream);
    expect(error).toBeInstanceOf(IncompleteStreamError);
  });

  it("turns message-end with an error after output into StreamInterruptedError with the partial text", async () => {
    server.route("/v2/chat", { file: fixture("error-mid-stream.sse") });
    const stream = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], stream: true });
    const { error } = await collect(stream);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe("Partial");
    expect((error as Error).message).toMatch(/internal server error/);
  });
});
