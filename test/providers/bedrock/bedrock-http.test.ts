// The Bedrock provider through the real client over real HTTP: the replay server serves recordings
// written from AWS's documented Converse JSON and ConverseStream events (encoded into binary AWS
// event-stream frames), and checks each request's SigV4 signature independently.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OpenAI, type ClientOptions } from "../../../src/client.js";
import { BadRequestError, EventStreamError, IncompleteStreamError, PermissionDeniedError, RateLimitError, StreamInterruptedError } from "../../../src/errors.js";
import type { ChatCompletionChunk, ChatCompletionMessageParam } from "../../../src/types.js";
import { encodeRecording } from "../../helpers/event-stream-encoder.js";
import { startReplayServer, type ReplayScenario, type ReplayServer } from "../../helpers/replay-server.js";
import { verifySigV4 } from "../../helpers/sigv4-verify.js";

const MODEL_ID = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
const MODEL = `bedrock/${MODEL_ID}`;
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE" };
let server: ReplayServer;

function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/bedrock/${name}`, import.meta.url));
}

function stream(name: string, extra: Partial<ReplayScenario> = {}): ReplayScenario {
  return { body: encodeRecording(readFileSync(fixture(name), "utf8")), headers: { "content-type": "application/vnd.amazon.eventstream" }, chunking: { bytes: 17 }, ...extra };
}

function client(options: Partial<ClientOptions> = {}, bedrock: Record<string, unknown> = { credentials: CREDENTIALS }): OpenAI {
  return new OpenAI({ providers: { bedrock: { region: "us-east-1", baseURL: server.url, ...bedrock } }, env: {}, maxRetries: 0, sleep: () => Promise.resolve(), ...options });
}

async function collect(chunks: AsyncIterable<ChatCompletionChunk>): Promise<{ chunks: ChatCompletionChunk[]; error: unknown }> {
  const received: ChatCompletionChunk[] = [];
  try {
    for await (const chunk of chunks) received.push(chunk);
  } catch (error) {
    return { chunks: received, error };
  }
  return { chunks: received, error: undefined };
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

describe("Bedrock over HTTP, non-streamed (Converse)", () => {
  it("signs POST /model/{modelId}/converse with SigV4 (checked by the server) and maps text and usage", async () => {
    server.route(() => true, { file: fixture("text.json") });
    const completion = await client().chat.completions.create({
      model: MODEL,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Capital of France?" },
      ],
      max_tokens: 200,
      temperature: 0.3,
      top_p: 0.9,
      stop: ["END"],
      metadata: { team: "search" },
    });
    const request = server.requests[0]!;
    expect(request.path).toBe("/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse");
    const verification = verifySigV4(request, CREDENTIALS.secretAccessKey);
    expect(verification.valid).toBe(true);
    expect(verification.credentialScope).toMatch(/^\d{8}\/us-east-1\/bedrock\/aws4_request$/);
    expect(request.headers["x-amz-security-token"]).toBe(CREDENTIALS.sessionToken);
    expect(sentBody()).toEqual({
      messages: [{ role: "user", content: [{ text: "Capital of France?" }] }],
      system: [{ text: "Be brief." }],
      inferenceConfig: { maxTokens: 200, temperature: 0.3, topP: 0.9, stopSequences: ["END"] },
      requestMetadata: { team: "search" },
    });
    expect(completion.choices[0]?.message.content).toBe("Paris is the capital of France.");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.model).toBe(MODEL_ID);
    expect(completion.usage).toEqual({ prompt_tokens: 12, completion_tokens: 8, total_tokens: 20, prompt_tokens_details: { cached_tokens: 0 } });
  });

  it("sends a Bedrock API key as a bearer token instead of signing", async () => {
    server.route(() => true, { file: fixture("text.json") });
    await client({ env: { AWS_BEARER_TOKEN_BEDROCK: "bedrock-api-key-abc123" } }, {}).chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }] });
    expect(server.requests[0]?.headers["authorization"]).toBe("Bearer bedrock-api-key-abc123");
    expect(server.requests[0]?.headers["x-amz-date"]).toBeUndefined();
  });

  it("calls a credentials-provider function per request (the AWS SDK's provider chain plugs in here)", async () => {
    server.route(() => true, { file: fixture("text.json") });
    let calls = 0;
    const provider = () => {
      calls++;
      return Promise.resolve({ accessKeyId: "AKIDROTATED", secretAccessKey: "rotated-secret" });
    };
    const openai = client({}, { credentials: provider });
    await openai.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }] });
    await openai.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }] });
    expect(calls).toBe(2);
    expect(verifySigV4(server.requests[1]!, "rotated-secret").valid).toBe(true);
  });

  it("reports cache reads and writes, and sends prompt_cache_breakpoint as a cachePoint block", async () => {
    server.route(() => true, { file: fixture("cache.json") });
    const completion = await client().chat.completions.create({
      model: MODEL,
      messages: [
        { role: "system", content: [{ type: "text", text: "A long policy document...", prompt_cache_breakpoint: {} } as never] },
        { role: "user", content: [{ type: "text", text: "What does section 2 cover?" }] },
      ],
    });
    expect(sentBody()["system"]).toEqual([{ text: "A long policy document..." }, { cachePoint: { type: "default" } }]);
    expect(completion.usage).toEqual({ prompt_tokens: 1839, completion_tokens: 9, total_tokens: 1848, prompt_tokens_details: { cached_tokens: 1825 } });
  });

  it("runs a tool loop: toolUse blocks become tool_calls, results go back as toolResult blocks in one user message", async () => {
    server.route(() => server.requests.length === 1, { file: fixture("tool-use.json") });
    server.route(() => server.requests.length === 2, { file: fixture("tool-answer.json") });
    const openai = client();
    const messages: ChatCompletionMessageParam[] = [{ role: "user", content: "Weather in Paris and Tokyo?" }];
    const first = await openai.chat.completions.create({ model: MODEL, messages, tools: [weatherTool], tool_choice: "required" });
    expect(sentBody(0)["toolConfig"]).toEqual({
      tools: [{ toolSpec: { name: "get_weather", description: "Current weather", inputSchema: { json: weatherTool.function.parameters } } }],
      toolChoice: { any: {} },
    });
    const message = first.choices[0]!.message;
    expect(first.choices[0]?.finish_reason).toBe("tool_calls");
    expect(message.content).toBe("I'll check the weather in both cities.");
    expect(message.tool_calls).toEqual([
      { id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
      { id: "tooluse_2nRZ8mBbTc-uJq4KpQ1Xyw", type: "function", function: { name: "get_weather", arguments: '{"city":"Tokyo"}' } },
    ]);
    messages.push(
      message,
      { role: "tool", tool_call_id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", content: '{"temp":24,"sky":"sunny"}' },
      { role: "tool", tool_call_id: "tooluse_2nRZ8mBbTc-uJq4KpQ1Xyw", content: '{"temp":18,"sky":"rain"}' },
    );
    const second = await openai.chat.completions.create({ model: MODEL, messages, tools: [weatherTool] });
    expect(sentBody(1)["messages"]).toEqual([
      { role: "user", content: [{ text: "Weather in Paris and Tokyo?" }] },
      {
        role: "assistant",
        content: [
          { text: "I'll check the weather in both cities." },
          { toolUse: { toolUseId: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather", input: { city: "Paris" } } },
          { toolUse: { toolUseId: "tooluse_2nRZ8mBbTc-uJq4KpQ1Xyw", name: "get_weather", input: { city: "Tokyo" } } },
        ],
      },
      {
        role: "user",
        content: [
          { toolResult: { toolUseId: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", content: [{ text: '{"temp":24,"sky":"sunny"}' }] } },
          { toolResult: { toolUseId: "tooluse_2nRZ8mBbTc-uJq4KpQ1Xyw", content: [{ text: '{"temp":18,"sky":"rain"}' }] } },
        ],
      },
    ]);
    expect(second.choices[0]?.message.content).toBe("Paris: 24°C and sunny. Tokyo: 18°C with light rain.");
  });

  it("rewrites tool-call ids Bedrock refuses, the same way in the call and its result", async () => {
    server.route(() => true, { file: fixture("tool-answer.json") });
    await client().chat.completions.create({
      model: MODEL,
      messages: [
        { role: "user", content: "Weather?" },
        { role: "assistant", content: null, tool_calls: [{ id: "call.abc:1/x", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
        { role: "tool", tool_call_id: "call.abc:1/x", content: "sunny" },
      ],
      tools: [weatherTool],
    });
    const [, assistant, results] = sentBody()["messages"] as { content: Record<string, { toolUseId: string }>[] }[];
    const useId = assistant?.content[0]?.["toolUse"]?.toolUseId;
    expect(useId).toMatch(/^call_abc_1_x_[A-Za-z0-9]{10}$/);
    expect(results?.content[0]?.["toolResult"]?.toolUseId).toBe(useId);
  });

  it("emulates response_format json_schema with a forced tool and returns its input as content", async () => {
    server.route(() => true, { file: fixture("json-mode.json") });
    const schema = { type: "object", properties: { name: { type: "string" }, born: { type: "integer" } }, required: ["name", "born"] };
    const completion = await client().chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "A scientist as JSON" }],
      response_format: { type: "json_schema", json_schema: { name: "scientist", schema } },
    });
    expect(sentBody()["toolConfig"]).toEqual({
      tools: [{ toolSpec: { name: "scientist", description: "Respond with your complete answer as JSON matching this schema.", inputSchema: { json: schema } } }],
      toolChoice: { tool: { name: "scientist" } },
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({ name: "Marie Curie", born: 1867 });
    expect(completion.choices[0]?.message.tool_calls).toBeUndefined();
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.onellm?.warnings.join("\n")).toMatch(/response_format is emulated for bedrock/);
  });

  it("sends images and documents as bytes (data URIs, with format and a valid document name)", async () => {
    server.route(() => true, { file: fixture("text.json") });
    await client().chat.completions.create({
      model: MODEL,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Compare the chart with the report" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
            { type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0xLjQK", filename: "Q3 report (final).v2.pdf" } },
          ],
        },
      ],
    });
    expect(sentBody()["messages"]).toEqual([
      {
        role: "user",
        content: [
          { text: "Compare the chart with the report" },
          { image: { format: "png", source: { bytes: "iVBORw0KGgo=" } } },
          { document: { format: "pdf", name: "Q3 report (final)-v2", source: { bytes: "JVBERi0xLjQK" } } },
        ],
      },
    ]);
  });

  it("returns reasoning as reasoning_content and signed reasoning_details, and replays them to Bedrock", async () => {
    server.route(() => true, { file: fixture("reasoning.json") });
    const openai = client();
    const completion = await openai.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Is 17 prime?" }] });
    const message = completion.choices[0]!.message as typeof completion.choices[0]["message"] & { reasoning_details?: unknown[] };
    expect(message.content).toBe("Yes, 17 is prime.");
    expect(message.reasoning_content).toBe("17 has no divisors between 2 and 4, so it is prime.");
    expect(message.reasoning_details).toEqual([
      { type: "reasoning.text", text: "17 has no divisors between 2 and 4, so it is prime.", signature: "ErUBCkgIAxABGAIiQHmZ3K8Qd4cQ0wYyV2bRz1Zx2hJ6s0v4f3p1m8Q==", format: "amazon-bedrock-v1", index: 0 },
      { type: "reasoning.encrypted", data: "RXhhbXBsZSByZWRhY3RlZCB0aGlua2luZw==", format: "amazon-bedrock-v1", index: 1 },
    ]);
    await openai.chat.completions.create({
      model: MODEL,
      messages: [
        { role: "user", content: "Is 17 prime?" },
        // Another producer's block is left out; Bedrock's own come back first, in order.
        { ...message, reasoning_details: [...(message.reasoning_details ?? []), { type: "reasoning.text", text: "other", format: "anthropic-claude-v1" }] } as ChatCompletionMessageParam,
        { role: "user", content: "And 19?" },
      ],
    });
    expect((sentBody(1)["messages"] as unknown[])[1]).toEqual({
      role: "assistant",
      content: [
        { reasoningContent: { reasoningText: { text: "17 has no divisors between 2 and 4, so it is prime.", signature: "ErUBCkgIAxABGAIiQHmZ3K8Qd4cQ0wYyV2bRz1Zx2hJ6s0v4f3p1m8Q==" } } },
        { reasoningContent: { redactedContent: "RXhhbXBsZSByZWRhY3RlZCB0aGlua2luZw==" } },
        { text: "Yes, 17 is prime." },
      ],
    });
  });

  it("maps a guardrail intervention to content_filter and max_tokens to length", async () => {
    server.route(() => server.requests.length === 1, { file: fixture("guardrail.json") });
    server.route(() => server.requests.length === 2, { file: fixture("max-tokens.json") });
    const guarded = await client().chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "something blocked" }],
      provider_options: { bedrock: { guardrailConfig: { guardrailIdentifier: "gr4xmpl3", guardrailVersion: "1" } } },
    });
    expect(sentBody(0)["guardrailConfig"]).toEqual({ guardrailIdentifier: "gr4xmpl3", guardrailVersion: "1" });
    expect(guarded.choices[0]?.finish_reason).toBe("content_filter");
    expect(guarded.onellm?.native_finish_reasons).toEqual(["guardrail_intervened"]);
    const cut = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "A story" }], max_tokens: 4 });
    expect(cut.choices[0]?.finish_reason).toBe("length");
  });

  it("a stopReason newer than the Smithy model is a good answer: finish_reason stop, the raw reason in native_finish_reasons, one request", async () => {
    server.route(() => true, { file: fixture("unlisted-stop-reason.json") });
    const answer = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Hi" }] });
    expect(answer.choices[0]?.finish_reason).toBe("stop");
    expect(answer.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(answer.onellm?.native_finish_reasons).toEqual(["a_future_stop_reason"]);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a ThrottlingException 429 and throws RateLimitError with AWS's message and type", async () => {
    server.route(() => true, { file: fixture("error-throttling.json"), status: 429, headers: { "x-amzn-errortype": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/", "x-amzn-requestid": "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c" } });
    const error = await client({ maxRetries: 1 }).chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(2);
    expect((error as RateLimitError).message).toMatch(/Too many requests.*ThrottlingException/);
    expect((error as RateLimitError).requestId).toBe("5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c");
    expect(JSON.stringify(error)).not.toContain(CREDENTIALS.secretAccessKey);
  });

  it("reads a ValidationException 400 (not retried) and an AccessDenied 403 with a capitalised Message", async () => {
    server.route(() => server.requests.length === 1, { file: fixture("error-validation.json"), status: 400, headers: { "x-amzn-errortype": "ValidationException" } });
    server.route(() => server.requests.length > 1, { file: fixture("error-access-denied.json"), status: 403, headers: { "x-amzn-errortype": "AccessDeniedException" } });
    const invalid = await client({ maxRetries: 2 }).chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(invalid).toBeInstanceOf(BadRequestError);
    expect((invalid as BadRequestError).message).toMatch(/model identifier is invalid/);
    expect(server.requests).toHaveLength(1);
    const denied = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect((denied as PermissionDeniedError).message).toMatch(/not authorized to perform: bedrock:InvokeModel/);
  });
});

describe("Bedrock over HTTP, streamed (ConverseStream, binary event stream)", () => {
  it("streams text split across frames, the finish, then usage from the metadata event", async () => {
    server.route(() => true, stream("text.events.jsonl"));
    const response = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Capital?" }], stream: true, stream_options: { include_usage: true } });
    const { chunks, error } = await collect(response);
    expect(error).toBeUndefined();
    const request = server.requests[0]!;
    expect(request.path).toBe("/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse-stream");
    expect(request.headers["accept"]).toBe("application/vnd.amazon.eventstream");
    expect(verifySigV4(request, CREDENTIALS.secretAccessKey).valid).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "" });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Paris is the capital of France.");
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 12, completion_tokens: 8, total_tokens: 20, prompt_tokens_details: { cached_tokens: 0 } });
  });

  it("streams tool calls: id and name first, argument fragments after, {} for a call without input", async () => {
    server.route(() => true, stream("tool-use.events.jsonl", { chunking: "every-byte" }));
    const response = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Weather?" }], tools: [weatherTool, { type: "function", function: { name: "get_time" } }], stream: true });
    const { chunks, error } = await collect(response);
    expect(error).toBeUndefined();
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("I'll check the weather.");
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls.filter((call) => call.id !== undefined)).toEqual([
      { index: 0, id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", type: "function", function: { name: "get_weather", arguments: "" } },
      { index: 1, id: "tooluse_Q0vJ8l0bTg2x1oYkY5b9aA", type: "function", function: { name: "get_time", arguments: "" } },
    ]);
    const argumentsOf = (index: number) => calls.filter((call) => call.index === index).map((call) => call.function?.arguments ?? "").join("");
    expect(JSON.parse(argumentsOf(0))).toEqual({ city: "Paris" });
    expect(argumentsOf(1)).toBe("{}");
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("streams reasoning text and its signature in reasoning_details", async () => {
    server.route(() => true, stream("reasoning.events.jsonl"));
    const response = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Is 17 prime?" }], stream: true });
    const { chunks } = await collect(response);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? "").join("")).toBe("17 has no divisors between 2 and 4.");
    const details = chunks.flatMap((chunk) => (chunk.choices[0]?.delta as { reasoning_details?: { signature?: string; format: string }[] }).reasoning_details ?? []);
    expect(details.every((detail) => detail.format === "amazon-bedrock-v1")).toBe(true);
    expect(details.map((detail) => detail.signature).filter(Boolean)).toEqual(["ErUBCkgIAxABGAIiQHmZ3K8Qd4cQ0wYyV2bRz1Zx2hJ6s0v4f3p1m8Q=="]);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Yes, 17 is prime.");
  });

  it("streams the JSON-mode tool's input as content", async () => {
    server.route(() => true, stream("json-mode.events.jsonl"));
    const response = await client().chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "A scientist as JSON" }],
      response_format: { type: "json_schema", json_schema: { name: "scientist", schema: { type: "object" } } },
      stream: true,
    });
    const { chunks } = await collect(response);
    expect(JSON.parse(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join(""))).toEqual({ name: "Marie Curie", born: 1867 });
    expect(chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])).toEqual([]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("maps a guardrail stop in a stream to content_filter", async () => {
    server.route(() => true, stream("guardrail.events.jsonl"));
    const response = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "blocked" }], stream: true });
    const { chunks } = await collect(response);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("content_filter");
  });

  it("retries a throttlingException that opens the stream (nothing reached the caller), then succeeds", async () => {
    server.route(() => server.requests.length === 1, stream("throttled-at-start.events.jsonl"));
    server.route(() => server.requests.length === 2, stream("text.events.jsonl"));
    const response = await client({ maxRetries: 1 }).chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Capital?" }], stream: true });
    const { chunks, error } = await collect(response);
    expect(error).toBeUndefined();
    expect(server.requests).toHaveLength(2);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Paris is the capital of France.");
  });

  it("turns a throttlingException after output into StreamInterruptedError caused by a RateLimitError", async () => {
    server.route(() => true, stream("throttled-mid-stream.events.jsonl"));
    const response = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Capital?" }], stream: true });
    const { error } = await collect(response);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe("Paris is");
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(RateLimitError);
  });

  it("raises IncompleteStreamError for a stream that ends without messageStop", async () => {
    server.route(() => true, stream("truncated.events.jsonl"));
    const response = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Capital?" }], stream: true });
    const { error } = await collect(response);
    expect(error).toBeInstanceOf(IncompleteStreamError);
  });

  it("raises EventStreamError for a corrupted frame before any output, after retrying", async () => {
    const body = Buffer.from(encodeRecording(readFileSync(fixture("text.events.jsonl"), "utf8")));
    body.writeUInt8(body.readUInt8(20) ^ 0xff, 20);
    server.route(() => true, { body, headers: { "content-type": "application/vnd.amazon.eventstream" } });
    const act = client({ maxRetries: 1 }).chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Capital?" }], stream: true });
    await expect(act).rejects.toBeInstanceOf(EventStreamError);
    expect(server.requests).toHaveLength(2);
  });
});
