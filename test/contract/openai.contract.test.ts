// The SDK against Prism started on spec/providers/openai.yaml: a request using every field must
// validate (200), and a body corrupted on its way out must be refused (422) — proof this test can fail.
import { describe, expect, it } from "vitest";
import { OpenAI, type Fetch } from "../../src/client.js";
import { UnprocessableEntityError } from "../../src/errors.js";
import type { ChatCompletionCreateParamsNonStreaming } from "../../src/types.js";
import { prismUrl } from "../helpers/prism-urls.js";

const everyField: ChatCompletionCreateParamsNonStreaming = {
  model: "gpt-4o-mini",
  messages: [
    { role: "developer", content: "Answer in one word." },
    { role: "system", content: [{ type: "text", text: "You are a weather bot." }] },
    {
      role: "user",
      name: "ada",
      content: [
        { type: "text", text: "What is the weather here?" },
        { type: "image_url", image_url: { url: "https://example.com/sky.png", detail: "low" } },
        { type: "input_audio", input_audio: { data: "UklGRiQAAABXQVZF", format: "wav" } },
        { type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0=", filename: "a.pdf" } },
      ],
    },
    {
      role: "assistant",
      content: null,
      tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
    },
    { role: "tool", tool_call_id: "call_1", content: '{"temp":21}' },
  ],
  tools: [
    {
      type: "function",
      function: {
        name: "get_weather",
        description: "Current weather for a city",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        strict: true,
      },
    },
  ],
  tool_choice: { type: "function", function: { name: "get_weather" } },
  parallel_tool_calls: false,
  response_format: {
    type: "json_schema",
    json_schema: { name: "weather", schema: { type: "object", properties: { summary: { type: "string" } } }, strict: true },
  },
  n: 2,
  stop: ["END", "STOP"],
  seed: 42,
  logprobs: true,
  top_logprobs: 3,
  logit_bias: { "50256": -100 },
  presence_penalty: 0.5,
  frequency_penalty: -0.5,
  user: "user-123",
  max_tokens: 100,
  max_completion_tokens: 200,
  temperature: 0.7,
  top_p: 0.9,
  metadata: { purpose: "contract-test" },
  store: false,
  service_tier: "auto",
  reasoning_effort: "low",
  modalities: ["text"],
  prompt_cache_key: "contract",
  safety_identifier: "user-123-hash",
};

function client(fetchImpl?: Fetch) {
  return new OpenAI({ apiKey: "sk-contract-test", baseURL: prismUrl("openai"), env: {}, maxRetries: 0, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

describe("openai contract (Prism on spec/providers/openai.yaml)", () => {
  it("gets 200 for a request using every chat-completions field", async () => {
    const { data, response } = await client().chat.completions.create(everyField).withResponse();
    expect(response.status).toBe(200);
    expect(data.object).toBe("chat.completion");
    expect(Array.isArray(data.choices)).toBe(true);
    expect(data.onellm?.provider).toBe("openai");
  });

  it("gets 200 for a streamed request with stream_options", async () => {
    const stream = await client().chat.completions.create({ ...everyField, n: 1, stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
  });

  it("gets Prism's 422 when the outgoing body is corrupted (the contract test can fail)", async () => {
    const corrupt: Fetch = async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      body["temperature"] = "hot";
      return fetch(new Request(request.url, { method: request.method, headers: request.headers, body: JSON.stringify(body) }));
    };
    const error = await client(corrupt).chat.completions.create(everyField).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({ status: 422, provider: "openai" });
  });
});
