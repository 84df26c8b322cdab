// Contract: what the Gemini translator sends must satisfy spec/providers/gemini.yaml. Prism validates
// every request against the spec and answers 422 (or the spec's 4XX) to one that breaks it.
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import { UnprocessableEntityError } from "../../src/errors.js";
import type { ChatCompletionCreateParamsNonStreaming } from "../../src/types.js";
import { PNG_BASE64, WAV_BASE64 } from "../fixtures/gemini/fixtures.js";
import { prismUrl } from "../helpers/prism-urls.js";

function client(fetchImpl?: (request: Request) => Promise<Response>): OpenAI {
  return new OpenAI({
    providers: { google: { apiKey: "test-key", baseURL: prismUrl("gemini") } },
    env: {},
    maxRetries: 0,
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
}

/** A request that exercises every field the Gemini translator maps. */
const everything: ChatCompletionCreateParamsNonStreaming = {
  model: "google/gemini-2.5-flash",
  messages: [
    { role: "system", content: "You are a careful travel assistant." },
    { role: "developer", content: [{ type: "text", text: "Answer as JSON." }] },
    {
      role: "user",
      content: [
        { type: "text", text: "Here is a photo and a voice note. What's the weather where this was taken?" },
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: "high" } },
        { type: "input_audio", input_audio: { data: WAV_BASE64, format: "wav" } },
        { type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0xLjQK", filename: "itinerary.pdf" } },
      ],
    },
    {
      role: "assistant",
      content: "Let me check the weather in Paris.",
      tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"location":{"city":"Paris","country":"FR"},"days":2}' } }],
    },
    { role: "tool", tool_call_id: "call_1", content: '{"forecast":[{"day":1,"high":21},{"day":2,"high":19}]}' },
    { role: "user", content: "Summarise it." },
  ],
  tools: [
    {
      type: "function",
      function: {
        name: "get_weather",
        description: "Forecast for a place",
        parameters: {
          type: "object",
          properties: {
            location: {
              type: "object",
              properties: { city: { type: "string" }, country: { type: "string", description: "ISO 3166 code" } },
              required: ["city"],
            },
            days: { type: "integer", minimum: 1, maximum: 7 },
            unit: { type: ["string", "null"], enum: ["celsius", "fahrenheit", null] },
            hours: { type: "array", items: { type: "object", properties: { at: { type: "string", format: "date-time" } } }, maxItems: 24 },
          },
          required: ["location"],
          additionalProperties: false,
        },
      },
    },
  ],
  tool_choice: { type: "function", function: { name: "get_weather" } },
  temperature: 0.4,
  top_p: 0.9,
  max_tokens: 256,
  stop: ["END"],
  n: 2,
  seed: 7,
  logprobs: true,
  top_logprobs: 3,
  presence_penalty: 0.1,
  frequency_penalty: 0.2,
  response_format: {
    type: "json_schema",
    json_schema: { name: "summary", schema: { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] } },
  },
};

describe("Gemini contract (Prism on spec/providers/gemini.yaml)", () => {
  it("accepts a request using every mapped field and returns a parsed ChatCompletion", async () => {
    const completion = await client().chat.completions.create(everything);
    expect(completion.object).toBe("chat.completion");
    expect(typeof completion.id).toBe("string");
    expect(typeof completion.model).toBe("string");
    expect(completion.choices.length).toBeGreaterThan(0);
    for (const choice of completion.choices) {
      expect(choice.message.role).toBe("assistant");
      expect(["stop", "length", "tool_calls", "content_filter"]).toContain(choice.finish_reason);
    }
    expect(completion.onellm?.provider).toBe("google");
  });

  it("accepts a Gemini 3 replay of another provider's tool calls (ids echoed, signature bypass in the spec's byte format)", async () => {
    const completion = await client().chat.completions.create({
      model: "google/gemini-3-flash-preview",
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: null, tool_calls: [{ id: "toolu_01A", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
        { role: "tool", tool_call_id: "toolu_01A", content: "sunny" },
      ],
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "array" } } } } }],
    });
    expect(completion.object).toBe("chat.completion");
  });

  it("gets Prism's 422 for a body that breaks the spec (a translator bug would look like this)", async () => {
    const corrupting = async (request: Request): Promise<Response> => {
      const body = (await request.json()) as Record<string, unknown>;
      body["contents"] = 5;
      return fetch(new Request(request.url, { method: request.method, headers: request.headers, body: JSON.stringify(body), redirect: "manual" }));
    };
    const act = client(corrupting).chat.completions.create({ model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }] });
    await expect(act).rejects.toBeInstanceOf(UnprocessableEntityError);
  });
});

describe("Gemini contract: Prism really checks what the converter produces", () => {
  it("rejects an unconverted JSON Schema in a function declaration (lowercase type)", async () => {
    const unconverted = async (request: Request): Promise<Response> => {
      const body = (await request.json()) as { tools: { functionDeclarations: { parameters: Record<string, unknown> }[] }[] };
      const declaration = body.tools[0]?.functionDeclarations[0];
      if (declaration) declaration.parameters = { type: "object", properties: { city: { type: "string" } } };
      return fetch(new Request(request.url, { method: request.method, headers: request.headers, body: JSON.stringify(body), redirect: "manual" }));
    };
    const act = client(unconverted).chat.completions.create(everything);
    await expect(act).rejects.toBeInstanceOf(UnprocessableEntityError);
  });
});
