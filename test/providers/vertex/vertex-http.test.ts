// Vertex AI through the real client over real HTTP: Gemini (vertex/) and Claude (vertex-anthropic/)
// on the replay server, with recordings in Vertex's documented wire format, and the access token
// from a local token endpoint. Checks the Vertex paths, the OAuth header and the body shaping.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OpenAI, type ClientOptions } from "../../../src/client.js";
import { PermissionDeniedError, RateLimitError } from "../../../src/errors.js";
import { clearTokenCache } from "../../../src/providers/vertex/vertex-auth.js";
import type { ChatCompletionChunk, ChatCompletionMessageParam } from "../../../src/types.js";
import { serviceAccountKeys, startTokenServer, type TokenServer } from "../../helpers/google-token-server.js";
import { startReplayServer, type ReplayServer } from "../../helpers/replay-server.js";

const PROJECT = "acme-ml-prod";
let server: ReplayServer;
let tokens: TokenServer;
let credentialsFile: string;

function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/vertex/${name}`, import.meta.url));
}

function client(options: Partial<ClientOptions> = {}, vertex: Record<string, unknown> = {}): OpenAI {
  return new OpenAI({
    providers: { vertex: { baseURL: server.url, location: "us-east5", ...vertex } },
    env: { GOOGLE_APPLICATION_CREDENTIALS: credentialsFile, VERTEX_PROJECT: PROJECT },
    maxRetries: 0,
    sleep: () => Promise.resolve(),
    ...options,
  });
}

async function collect(chunks: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const received: ChatCompletionChunk[] = [];
  for await (const chunk of chunks) received.push(chunk);
  return received;
}

function sentBody(index = 0): Record<string, unknown> {
  return server.requests[index]?.body as Record<string, unknown>;
}

const weatherTool = {
  type: "function" as const,
  function: { name: "get_weather", description: "Current weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};
const GEMINI = `/v1/projects/${PROJECT}/locations/us-east5/publishers/google/models`;
const CLAUDE = `/v1/projects/${PROJECT}/locations/us-east5/publishers/anthropic/models`;

beforeAll(async () => {
  server = await startReplayServer();
  const keys = serviceAccountKeys();
  tokens = await startTokenServer(keys.publicKey);
  credentialsFile = path.join(mkdtempSync(path.join(tmpdir(), "onellm-vertex-http-")), "sa.json");
  writeFileSync(credentialsFile, JSON.stringify({ type: "service_account", project_id: "from-file", private_key: keys.privateKey, client_email: "ci@acme-ml-prod.iam.gserviceaccount.com", token_uri: tokens.url }));
});
afterAll(async () => {
  await server.stop();
  await tokens.stop();
});
afterEach(() => {
  server.reset();
  clearTokenCache();
  tokens.exchanges.length = 0;
});

describe("vertex/ (Gemini on Vertex AI)", () => {
  it("posts to publishers/google/models/{model}:generateContent with the exchanged token, and maps the answer", async () => {
    server.route(() => true, { file: fixture("gemini-text.json") });
    const completion = await client().chat.completions.create({ model: "vertex/gemini-2.5-flash", messages: [{ role: "user", content: "Capital of France?" }], temperature: 0.2 });
    const request = server.requests[0]!;
    expect(request.path).toBe(`${GEMINI}/gemini-2.5-flash:generateContent`);
    expect(request.headers["authorization"]).toBe("Bearer ya29.test-token-1");
    expect(request.headers["x-goog-api-key"]).toBeUndefined();
    expect(sentBody()).toMatchObject({ contents: [{ role: "user", parts: [{ text: "Capital of France?" }] }], generationConfig: { temperature: 0.2 } });
    expect(completion.choices[0]?.message.content).toBe("Paris is the capital of France.");
    expect(completion.onellm?.provider).toBe("vertex");
    expect(completion.usage?.prompt_tokens).toBe(8);
  });

  it("streams from :streamGenerateContent?alt=sse, reusing one cached token", async () => {
    server.route(() => true, { file: fixture("gemini-text.sse") });
    const openai = client();
    for (let round = 0; round < 2; round++) {
      const chunks = await collect(await openai.chat.completions.create({ model: "vertex/gemini-2.5-flash", messages: [{ role: "user", content: "Capital?" }], stream: true }));
      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Paris is the capital of France.");
      expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    }
    expect(server.requests.map((request) => request.url)).toEqual([
      `${GEMINI}/gemini-2.5-flash:streamGenerateContent?alt=sse`,
      `${GEMINI}/gemini-2.5-flash:streamGenerateContent?alt=sse`,
    ]);
    expect(tokens.exchanges).toHaveLength(1);
  });

  it("runs a tool loop: functionCall -> tool_calls, results back as functionResponse", async () => {
    server.route(() => server.requests.length === 1, { file: fixture("gemini-function-call.json") });
    server.route(() => server.requests.length === 2, { file: fixture("gemini-answer.json") });
    const openai = client();
    const messages: ChatCompletionMessageParam[] = [{ role: "user", content: "Weather in Paris?" }];
    const first = await openai.chat.completions.create({ model: "vertex/gemini-2.5-flash", messages, tools: [weatherTool] });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === "function" ? [call.function.name, JSON.parse(call.function.arguments)] : []).toEqual(["get_weather", { city: "Paris" }]);
    messages.push(first.choices[0]!.message, { role: "tool", tool_call_id: call!.id, content: '{"temp":24}' });
    const second = await openai.chat.completions.create({ model: "vertex/gemini-2.5-flash", messages, tools: [weatherTool] });
    const contents = sentBody(1)["contents"] as { role: string; parts: Record<string, unknown>[] }[];
    expect(contents.map((content) => content.role)).toEqual(["user", "model", "user"]);
    expect(contents[2]?.parts[0]?.["functionResponse"]).toMatchObject({ name: "get_weather" });
    expect(second.choices[0]?.message.content).toBe("It is 24°C and sunny in Paris.");
  });

  it("asks Gemini 3 on Vertex to stream function-call arguments in pieces (partialArgs), only when streaming with tools", async () => {
    server.route(() => true, { file: fixture("gemini-text.sse") });
    await collect(await client().chat.completions.create({ model: "vertex/gemini-3-pro-preview", messages: [{ role: "user", content: "Weather?" }], tools: [weatherTool], stream: true }));
    expect((sentBody(0)["toolConfig"] as { functionCallingConfig: Record<string, unknown> }).functionCallingConfig["streamFunctionCallArguments"]).toBe(true);
    server.route(() => true, { file: fixture("gemini-text.json") });
    await client().chat.completions.create({ model: "vertex/gemini-3-pro-preview", messages: [{ role: "user", content: "Weather?" }], tools: [weatherTool] });
    expect(JSON.stringify(sentBody(1))).not.toContain("streamFunctionCallArguments");
  });

  it("assembles function-call arguments that Vertex streams in partialArgs pieces into whole tool calls", async () => {
    // Vertex's wire format for streamFunctionCallArguments; the recording is shared with the Gemini tests.
    server.route(() => true, { file: fileURLToPath(new URL("../../fixtures/gemini/function-call-partial-args.sse", import.meta.url)), chunking: { bytes: 11 } });
    const calendarTools = [
      { type: "function" as const, function: { name: "create_event", parameters: { type: "object", properties: { title: { type: "string" } } } } },
      weatherTool,
      { type: "function" as const, function: { name: "list_calendars" } },
    ];
    const chunks = await collect(await client().chat.completions.create({ model: "vertex/gemini-3-pro-preview", messages: [{ role: "user", content: "Book the sync and check Zürich." }], tools: calendarTools, stream: true }));
    expect((sentBody()["toolConfig"] as { functionCallingConfig: Record<string, unknown> }).functionCallingConfig["streamFunctionCallArguments"]).toBe(true);
    const pieces = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    const argumentsOf = (index: number) => JSON.parse(pieces.filter((piece) => piece.index === index).map((piece) => piece.function?.arguments ?? "").join("")) as unknown;
    expect(pieces.filter((piece) => piece.id !== undefined).map((piece) => piece.function?.name)).toEqual(["create_event", "get_weather", "list_calendars"]);
    expect(argumentsOf(1)).toEqual({ city: "Zürich", days: 2 });
    expect(argumentsOf(2)).toEqual({});
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("sends structured output and images as on Gemini, and maps thoughts to reasoning_content", async () => {
    server.route(() => server.requests.length === 1, { file: fixture("gemini-json.json") });
    server.route(() => server.requests.length === 2, { file: fixture("gemini-thoughts.json") });
    const schema = { type: "object", properties: { name: { type: "string" }, born: { type: "integer" } } };
    const json = await client().chat.completions.create({
      model: "vertex/gemini-2.5-flash",
      messages: [{ role: "user", content: [{ type: "text", text: "Who is this, as JSON?" }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }] }],
      response_format: { type: "json_schema", json_schema: { name: "person", schema } },
    });
    expect(JSON.stringify(sentBody(0))).toContain('"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}');
    expect((sentBody(0)["generationConfig"] as Record<string, unknown>)["responseMimeType"]).toBe("application/json");
    expect(JSON.parse(json.choices[0]?.message.content ?? "")).toEqual({ name: "Marie Curie", born: 1867 });
    const thoughts = await client().chat.completions.create({ model: "vertex/gemini-2.5-pro", messages: [{ role: "user", content: "Is 17 prime?" }] });
    expect(thoughts.choices[0]?.message.reasoning_content).toBe("17 has no divisors other than 1 and itself.");
    expect(thoughts.choices[0]?.message.content).toBe("Yes, 17 is prime.");
  });

  it("reads Vertex's RESOURCE_EXHAUSTED 429 as RateLimitError (retried) and PERMISSION_DENIED as 403", async () => {
    server.route(() => server.requests.length <= 2, { file: fixture("error-429.json"), status: 429 });
    server.route(() => server.requests.length > 2, { file: fixture("error-403.json"), status: 403 });
    const limited = await client({ maxRetries: 1 }).chat.completions.create({ model: "vertex/gemini-2.5-flash", messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(2);
    const denied = await client().chat.completions.create({ model: "vertex/gemini-2.5-flash", messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect((denied as Error).message).toMatch(/aiplatform\.endpoints\.predict/);
  });

  it("takes the token from providers.vertex.accessToken without any exchange", async () => {
    server.route(() => true, { file: fixture("gemini-text.json") });
    await client({ env: { VERTEX_PROJECT: PROJECT } }, { accessToken: () => Promise.resolve("ya29.from-function") }).chat.completions.create({ model: "vertex/gemini-2.5-flash", messages: [{ role: "user", content: "hi" }] });
    expect(server.requests[0]?.headers["authorization"]).toBe("Bearer ya29.from-function");
    expect(tokens.exchanges).toHaveLength(0);
  });
});

describe("vertex-anthropic/ (Claude on Vertex AI)", () => {
  it("posts to :rawPredict with anthropic_version vertex-2023-10-16 in the body and no model field", async () => {
    server.route(() => true, { file: fixture("claude-text.json") });
    const completion = await client().chat.completions.create({ model: "vertex-anthropic/claude-sonnet-4-5@20250929", messages: [{ role: "user", content: "Capital of France?" }], max_tokens: 100 });
    const request = server.requests[0]!;
    // The path parameter is percent-encoded (`@` -> %40), which Google's front end decodes.
    expect(request.path).toBe(`${CLAUDE}/claude-sonnet-4-5%4020250929:rawPredict`);
    expect(request.headers["authorization"]).toBe("Bearer ya29.test-token-1");
    expect(request.headers["x-api-key"]).toBeUndefined();
    expect(sentBody()).toEqual({ anthropic_version: "vertex-2023-10-16", max_tokens: 100, messages: [{ role: "user", content: [{ type: "text", text: "Capital of France?" }] }] });
    expect(completion.choices[0]?.message.content).toBe("Paris is the capital of France.");
    expect(completion.onellm?.provider).toBe("vertex-anthropic");
  });

  it("streams from :streamRawPredict", async () => {
    server.route(() => true, { file: fixture("claude-text.sse") });
    const chunks = await collect(await client().chat.completions.create({ model: "vertex-anthropic/claude-sonnet-4-5@20250929", messages: [{ role: "user", content: "Capital?" }], stream: true }));
    expect(server.requests[0]?.path).toBe(`${CLAUDE}/claude-sonnet-4-5%4020250929:streamRawPredict`);
    expect(sentBody()["stream"]).toBe(true);
    expect(sentBody()["model"]).toBeUndefined();
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Paris is the capital of France.");
  });

  it("runs tool calls and thinking through the Anthropic translator", async () => {
    server.route(() => server.requests.length === 1, { file: fixture("claude-tool-use.json") });
    server.route(() => server.requests.length === 2, { file: fixture("claude-thinking.json") });
    const tool = await client().chat.completions.create({ model: "vertex-anthropic/claude-sonnet-4-5@20250929", messages: [{ role: "user", content: "Weather in Paris?" }], tools: [weatherTool] });
    expect(tool.choices[0]?.finish_reason).toBe("tool_calls");
    expect(tool.choices[0]?.message.tool_calls?.[0]?.id).toBe("toolu_vrtx_01A09q90qw90lq917835lq9");
    expect((sentBody(0)["tools"] as { name: string }[])[0]?.name).toBe("get_weather");
    const thinking = await client().chat.completions.create({ model: "vertex-anthropic/claude-sonnet-4-5@20250929", messages: [{ role: "user", content: "Is 17 prime?" }] });
    expect(thinking.choices[0]?.message.reasoning_content).toBe("17 is not divisible by 2, 3 or 4.");
  });

  const productSchema = {
    type: "object",
    properties: { name: { type: "string" }, price_eur: { type: "number" }, in_stock: { type: "boolean" }, tags: { type: "array", items: { type: "string" } } },
    required: ["name", "price_eur", "in_stock", "tags"],
    additionalProperties: false,
  };
  const product = { name: "Aeropress Go", price_eur: 39.9, in_stock: true, tags: ["coffee", "travel"] };
  const extract = [{ role: "user" as const, content: "Extract the product: Aeropress Go, 39.90 EUR, in stock, coffee/travel." }];

  it("sends json_schema as native output_config.format on Sonnet 4.5, and parse() returns the object", async () => {
    server.route(() => true, { file: fixture("claude-structured-output.json") });
    const completion = await client().chat.completions.parse({
      model: "vertex-anthropic/claude-sonnet-4-5@20250929",
      messages: extract,
      max_tokens: 400,
      response_format: { type: "json_schema", json_schema: { name: "product", schema: productSchema, strict: true } },
    });
    expect(server.requests[0]?.path).toBe(`${CLAUDE}/claude-sonnet-4-5%4020250929:rawPredict`);
    expect(sentBody()).toEqual({
      anthropic_version: "vertex-2023-10-16",
      max_tokens: 400,
      messages: [{ role: "user", content: [{ type: "text", text: extract[0]!.content }] }],
      output_config: { format: { type: "json_schema", schema: productSchema } },
    });
    expect(completion.choices[0]?.message.parsed).toEqual(product);
    expect(completion.choices[0]?.message.content).toBe(JSON.stringify(product));
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.onellm?.warnings).toEqual([]);
  });

  it("sends json_schema through a forced tool on Sonnet 4 (claude-sonnet-4@20250514), and parse() returns the tool's input", async () => {
    server.route(() => true, { file: fixture("claude-json-tool.json") });
    const completion = await client().chat.completions.parse({
      model: "vertex-anthropic/claude-sonnet-4@20250514",
      messages: extract,
      max_tokens: 400,
      response_format: { type: "json_schema", json_schema: { name: "product", schema: productSchema, strict: true } },
    });
    const sent = sentBody();
    expect(sent["output_config"]).toBeUndefined();
    // The caller's `strict` passes on to the tool, as on anthropic/.
    expect(sent["tools"]).toEqual([{ name: "product", description: expect.any(String) as string, input_schema: productSchema, strict: true }]);
    expect(sent["tool_choice"]).toEqual({ type: "tool", name: "product", disable_parallel_tool_use: true });
    expect(completion.choices[0]?.message.parsed).toEqual(product);
    expect(completion.choices[0]?.message.tool_calls ?? []).toEqual([]);
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.onellm?.warnings).toEqual([
      'response_format is emulated for vertex-anthropic: json_schema through a forced tool "product"; its input is returned as message.content',
      expect.stringContaining("parse(): message.parsed was validated against the \"product\" schema"),
    ]);
  });

  it("shares providers.vertex settings but never provider_options.vertex (a Gemini field would break Claude)", async () => {
    server.route(() => true, { file: fixture("claude-text.json") });
    await client().chat.completions.create({
      model: "vertex-anthropic/claude-sonnet-4-5@20250929",
      messages: [{ role: "user", content: "hi" }],
      provider_options: { vertex: { safetySettings: [] }, "vertex-anthropic": { top_k: 5 } },
    });
    expect(sentBody()["safetySettings"]).toBeUndefined();
    expect(sentBody()["top_k"]).toBe(5);
  });
});
