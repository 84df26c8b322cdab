// The Gemini provider end to end: the real client, the real transport and SSE decoder, against the
// replay server over HTTP on 127.0.0.1.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import { IncompleteStreamError, RateLimitError, AuthenticationError, UnsupportedParameterError } from "../../../src/errors.js";
import { geminiProvider } from "../../../src/providers/gemini/index.js";
import { findProvider, parseModelId } from "../../../src/providers/registry.js";
import type { ChatCompletionChunk } from "../../../src/types.js";
import { startReplayServer, type RecordedRequest, type ReplayServer } from "../../helpers/replay-server.js";
import { FIXTURES, PNG_BASE64 } from "../../fixtures/gemini/fixtures.js";

const GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
const STREAM = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";

let replay: ReplayServer;

beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(async () => {
  await replay.stop();
});
beforeEach(() => {
  replay.reset();
});

function client(options: ConstructorParameters<typeof OpenAI>[0] = {}): OpenAI {
  return new OpenAI({ providers: { google: { apiKey: "test-key", baseURL: replay.url } }, env: {}, maxRetries: 0, ...options });
}

function file(name: string): string {
  return `${FIXTURES}/${name}`;
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function only(requests: RecordedRequest[]): RecordedRequest {
  expect(requests).toHaveLength(1);
  return requests[0] as RecordedRequest;
}

function expectKeyOnlyInHeader(recorded: RecordedRequest): void {
  expect(recorded.headers["x-goog-api-key"]).toBe("test-key");
  expect(recorded.url).not.toMatch(/key=/);
  expect(recorded.headers["authorization"]).toBeUndefined();
}

describe("geminiProvider", () => {
  it("is registered as google with the gemini alias", () => {
    expect(findProvider("google")).toBe(geminiProvider);
    expect(findProvider("gemini")).toBe(geminiProvider);
    expect(parseModelId("gemini/gemini-2.5-flash")).toMatchObject({ provider: geminiProvider, model: "gemini-2.5-flash" });
    expect(geminiProvider.capabilities).toEqual({ nativeN: true });
    expect(geminiProvider.envPrefixes).toEqual(["GEMINI", "GOOGLE"]);
    expect(geminiProvider.defaultBaseURL).toBe("https://generativelanguage.googleapis.com");
  });

  it("sends generateContent with the key only in x-goog-api-key and translates the answer", async () => {
    replay.route(GENERATE, { file: file("text.json") });
    const completion = await client().chat.completions.create({
      model: "google/gemini-2.5-flash",
      messages: [{ role: "user", content: "Hello" }],
      provider_options: { google: { safetySettings: [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_ONLY_HIGH" }] } },
    });
    const recorded = only(replay.requests);
    expect(recorded.method).toBe("POST");
    expect(recorded.url).toBe(GENERATE);
    expectKeyOnlyInHeader(recorded);
    expect(recorded.body).toEqual({
      contents: [{ role: "user", parts: [{ text: "Hello" }] }],
      safetySettings: [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_ONLY_HIGH" }],
    });
    expect(completion.choices[0]?.message.content).toBe("Hello! How can I help you today?");
    expect(completion.onellm).toMatchObject({ provider: "google", model: "gemini-2.5-flash", native_finish_reasons: ["STOP"], warnings: [] });
  });

  it("accepts the gemini/ alias with settings under either name, and the key from GEMINI_API_KEY or GOOGLE_API_KEY", async () => {
    replay.route(GENERATE, { file: file("text.json") });
    const body = { model: "gemini/gemini-2.5-flash", messages: [{ role: "user" as const, content: "Hi" }] };
    await new OpenAI({ providers: { gemini: { apiKey: "test-key", baseURL: replay.url } }, env: {}, maxRetries: 0 }).chat.completions.create(body);
    await new OpenAI({ env: { GEMINI_API_KEY: "test-key", GEMINI_BASE_URL: replay.url }, maxRetries: 0 }).chat.completions.create(body);
    await new OpenAI({ env: { GOOGLE_API_KEY: "test-key", GOOGLE_BASE_URL: replay.url }, maxRetries: 0 }).chat.completions.create({ ...body, model: "google/gemini-2.5-flash" });
    expect(replay.requests).toHaveLength(3);
    for (const recorded of replay.requests) {
      expect(recorded.path).toBe(GENERATE);
      expectKeyOnlyInHeader(recorded);
    }
  });

  it("streams text split at every byte, from :streamGenerateContent?alt=sse", async () => {
    replay.route(STREAM, { file: file("text.sse"), chunking: "every-byte" });
    const stream = await client().chat.completions.create({
      model: "google/gemini-2.5-flash",
      messages: [{ role: "user", content: "What is café au lait?" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    const recorded = only(replay.requests);
    expect(recorded.path).toBe(STREAM);
    expect(recorded.url).toBe(`${STREAM}?alt=sse`);
    expectKeyOnlyInHeader(recorded);
    expect(recorded.body).toEqual({ contents: [{ role: "user", parts: [{ text: "What is café au lait?" }] }] });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: "assistant", content: "" },
      { content: "Café au lait" },
      { content: " is coffee with hot milk — délicieux ☕" },
      { content: " 😀" },
      {},
      undefined,
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason ?? null)).toEqual([null, null, null, null, "stop", null]);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 8, completion_tokens: 53, total_tokens: 61 } });
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(["7b3ZaK6VLey51MkP4rGSoQs"]));
  });

  it("streams whole function calls as tool-call chunks", async () => {
    replay.route(STREAM, { file: file("function-call.sse") });
    const stream = await client().chat.completions.create({
      model: "google/gemini-2.5-flash",
      messages: [{ role: "user", content: "Weather in Paris and London?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, required: ["location"] } } }],
      stream: true,
    });
    const chunks = await collect(stream);
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls.map((call) => [call.index, call.function?.name, call.function?.arguments])).toEqual([
      [0, "get_weather", '{"location":"Paris, France","unit":"celsius"}'],
      [1, "get_weather", '{"location":"London, UK","unit":"celsius"}'],
    ]);
    expect(calls[0]?.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(calls[0]?.extra_content?.google?.thought_signature).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(calls[1]?.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
    expect(only(replay.requests).body).toEqual({
      contents: [{ role: "user", parts: [{ text: "Weather in Paris and London?" }] }],
      tools: [
        {
          functionDeclarations: [
            {
              name: "get_weather",
              description: "",
              parametersJsonSchema: { type: "object", properties: { location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, required: ["location"] },
            },
          ],
        },
      ],
    });
  });

  it("streams n=2 natively (candidateCount) with both indexes", async () => {
    replay.route(STREAM, { file: file("n2.sse"), chunking: { bytes: 7 } });
    const stream = await client().chat.completions.create({ model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Colours?" }], n: 2, stream: true });
    const chunks = await collect(stream);
    const text = (index: number) => chunks.filter((chunk) => chunk.choices[0]?.index === index).map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text(0)).toBe("Red is my favourite.");
    expect(text(1)).toBe("Blue and green are my favourites.");
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason === "stop").map((chunk) => chunk.choices[0]?.index)).toEqual([0, 1]);
    expect(only(replay.requests).body).toEqual({ contents: [{ role: "user", parts: [{ text: "Colours?" }] }], generationConfig: { candidateCount: 2 } });
  });

  it("fails a stream that ends without a finishReason with IncompleteStreamError carrying the partial text", async () => {
    replay.route(STREAM, { file: file("truncated.sse") });
    const stream = await client().chat.completions.create({ model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }], stream: true });
    const seen: string[] = [];
    let caught: unknown;
    try {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? "");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IncompleteStreamError);
    expect((caught as IncompleteStreamError).partialText).toBe("Café au lait is coffee with hot milk");
    expect(seen.join("")).toBe("Café au lait is coffee with hot milk");
  });

  it("maps a 429 with RetryInfo to RateLimitError with retryAfterMs", async () => {
    replay.route(GENERATE, { file: file("error-429-retry.json"), status: 429 });
    const act = client().chat.completions.create({ model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }] });
    const error = await act.then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(13_000);
    expect((error as RateLimitError).type).toBe("RESOURCE_EXHAUSTED");
    expect(replay.requests).toHaveLength(1);
  });

  it("maps an invalid key to AuthenticationError", async () => {
    replay.route(GENERATE, { file: file("error-400-api-key.json"), status: 400 });
    await expect(client().chat.completions.create({ model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }] })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("refuses an unsupported parameter before any network call", async () => {
    const act = client().chat.completions.create({ model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }], logit_bias: { "1": 5 } });
    await expect(act).rejects.toBeInstanceOf(UnsupportedParameterError);
    expect(replay.requests).toHaveLength(0);
  });

  it("puts dropped parameters and lossy schema conversions into the response warnings", async () => {
    replay.route("/v1beta/models/gemini-2.0-flash:generateContent", { file: file("text.json") });
    const completion = await client({ unsupportedParams: "drop" }).chat.completions.create({
      model: "google/gemini-2.0-flash",
      messages: [{ role: "user", content: "Hi" }],
      user: "u-1",
      tools: [{ type: "function", function: { name: "tag", parameters: { type: "object", properties: { labels: { type: "object", additionalProperties: { type: "string" } } } } } }],
    });
    expect(completion.onellm?.warnings).toEqual([
      'google does not support `user`; it was not sent (unsupportedParams: "drop").',
      "google: tools[0].function.parameters (tag): Gemini 2.0 takes Gemini's Schema, which cannot express `additionalProperties` at /properties/labels; it was left out.",
    ]);
  });

  describe("media from URLs", () => {
    let media: http.Server;
    let mediaUrl: string;
    beforeAll(async () => {
      media = http.createServer((_incoming, response) => response.writeHead(200, { "content-type": "image/png" }).end(Buffer.from(PNG_BASE64, "base64")));
      await new Promise<void>((resolve) => media.listen(0, "127.0.0.1", resolve));
      mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}/cat.png`;
    });
    afterAll(async () => {
      media.closeAllConnections();
      await new Promise((resolve) => media.close(resolve));
    });

    it("downloads an image URL and inlines it, with the download options from providers.google.mediaDownload", async () => {
      replay.route(GENERATE, { file: file("text.json") });
      await client({
        providers: {
          google: { apiKey: "test-key", baseURL: replay.url, mediaDownload: { allowPrivateNetwork: true, allowedProtocols: ["http:", "https:"] } },
        },
      }).chat.completions.create({
        model: "google/gemini-2.5-flash",
        messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: mediaUrl } }] }],
      });
      expect(only(replay.requests).body).toEqual({
        contents: [{ role: "user", parts: [{ text: "What is this?" }, { inlineData: { mimeType: "image/png", data: PNG_BASE64 } }] }],
      });
    });

    it("refuses a loopback media URL without the opt-in, before calling Gemini", async () => {
      const act = client().chat.completions.create({
        model: "google/gemini-2.5-flash",
        messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: mediaUrl } }] }],
      });
      await expect(act).rejects.toThrow(/messages\[0\]\.content\[0\]\.image_url\.url/);
      expect(replay.requests).toHaveLength(0);
    });
  });
});

describe("gemini model ids", () => {
  it("refuses a model id with a slash after models/ before sending anything", async () => {
    const { OpenAI: Client } = await import("../../../src/client.js");
    let calls = 0;
    const client = new Client({
      env: {},
      providers: { google: { apiKey: "gemini-test-key-0001" } },
      fetch: async () => {
        calls++;
        return new Response("{}");
      },
    });
    const error = await client.chat.completions
      .create({ model: "google/tunedModels/my-model", messages: [{ role: "user", content: "hi" }] })
      .catch((caught: unknown) => caught);
    expect((error as Error).name).toBe("InvalidRequestError");
    expect((error as Error).message).toMatch(/contains a "\/".*tunedModels/);
    expect(calls).toBe(0);
  });
});
