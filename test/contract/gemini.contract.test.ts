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

/** A request that exercises every field the Gemini translator maps (on 2.0, which takes penalties and Gemini's Schema). */
const everything: ChatCompletionCreateParamsNonStreaming = {
  model: "google/gemini-2.0-flash",
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

describe("Gemini contract: the second pass's native fields", () => {
  function recording(sent: Record<string, unknown>[], corrupt?: (body: Record<string, unknown>) => void) {
    return async (request: Request): Promise<Response> => {
      const body = (await request.json()) as Record<string, unknown>;
      sent.push(structuredClone(body));
      corrupt?.(body);
      return fetch(new Request(request.url, { method: request.method, headers: request.headers, body: JSON.stringify(body), redirect: "manual" }));
    };
  }

  /** includeThoughts, parametersJsonSchema, googleSearch, responseJsonSchema and replayed thought signatures, on a Gemini 3 model. */
  const secondPass: ChatCompletionCreateParamsNonStreaming = {
    model: "google/gemini-3-flash-preview",
    messages: [
      { role: "user", content: "Weather in Zürich, and the news there?" },
      {
        role: "assistant",
        content: "Checking Zürich.",
        reasoning_details: [{ type: "reasoning.text", text: "Plan: weather first.", signature: "EtoBCtcBAdHtim9X", format: "google-gemini-v1", index: 0 }],
        tool_calls: [{ id: "k2m9rq4t", type: "function", function: { name: "get_weather", arguments: '{"city":"Zürich"}' }, extra_content: { google: { thought_signature: "EqsFCqgFH76gdxWv" } } }],
      },
      { role: "tool", tool_call_id: "k2m9rq4t", content: '{"temp":3}' },
    ],
    tools: [
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Weather for a city",
          parameters: { type: "object", properties: { city: { type: "string" }, when: { anyOf: [{ type: "string", format: "date" }, { type: "null" }] }, extra: {} }, required: ["city"], additionalProperties: false },
        },
      },
    ],
    reasoning_effort: "low",
    web_search_options: {},
    response_format: { type: "json_schema", json_schema: { name: "report", schema: { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] } } },
  };

  it("a request with includeThoughts, parametersJsonSchema, googleSearch and thought signatures is accepted", async () => {
    const sent: Record<string, unknown>[] = [];
    const completion = await client(recording(sent)).chat.completions.create(secondPass);
    expect(completion.object).toBe("chat.completion");
    expect(sent[0]).toMatchObject({
      generationConfig: { thinkingConfig: { thinkingLevel: "LOW", includeThoughts: true }, responseJsonSchema: { type: "object" } },
      tools: [{ functionDeclarations: [{ name: "get_weather", parametersJsonSchema: { type: "object", required: ["city"] } }] }, { googleSearch: {} }],
    });
    expect((sent[0]?.["contents"] as { parts: Record<string, unknown>[] }[])[1]?.parts).toEqual([
      { text: "Plan: weather first.", thought: true, thoughtSignature: "EtoBCtcBAdHtim9X" },
      { text: "Checking Zürich." },
      { functionCall: { name: "get_weather", args: { city: "Zürich" }, id: "k2m9rq4t" }, thoughtSignature: "EqsFCqgFH76gdxWv" },
    ]);
  });

  it("the Schema conversion for older models (no TYPE_UNSPECIFIED, anyOf without a type) is accepted", async () => {
    const sent: Record<string, unknown>[] = [];
    await client(recording(sent)).chat.completions.create({ ...secondPass, model: "google/gemini-2.0-flash", reasoning_effort: null, messages: [{ role: "user", content: "Weather?" }] });
    const declaration = (sent[0]?.["tools"] as { functionDeclarations: { parameters: unknown }[] }[])[0]?.functionDeclarations[0];
    expect(JSON.stringify(declaration)).not.toContain("TYPE_UNSPECIFIED");
    expect(declaration?.parameters).toMatchObject({ type: "OBJECT", properties: { extra: { type: "STRING" } } });
  });

  it.each([
    ["includeThoughts", (body: Record<string, unknown>): void => {
      (body["generationConfig"] as { thinkingConfig: Record<string, unknown> }).thinkingConfig["includeThoughts"] = "yes";
    }],
    ["googleSearch", (body: Record<string, unknown>): void => {
      (body["tools"] as Record<string, unknown>[])[1] = { googleSearch: { timeRangeFilter: "last week" } };
    }],
    ["a thought signature", (body: Record<string, unknown>): void => {
      const part = (body["contents"] as { parts: Record<string, unknown>[] }[])[1]?.parts[2];
      if (part !== undefined) part["thoughtSignature"] = 42;
    }],
  ] as const)("Prism refuses a broken %s with 422 (these fields are really validated)", async (_name, corrupt) => {
    await expect(client(recording([], corrupt)).chat.completions.create(secondPass)).rejects.toBeInstanceOf(UnprocessableEntityError);
  });
});
