// Contract: the SDK's Anthropic requests, sent to a Prism mock of spec/providers/anthropic.yaml.
// Prism answers 422 to a body that breaks the spec, so a translator bug fails here, and the
// corrupting-fetch case proves that this test can fail.
import { describe, expect, it } from "vitest";
import { OpenAI, type Fetch } from "../../src/client.js";
import { UnprocessableEntityError } from "../../src/errors.js";
import type { ChatCompletionCreateParamsNonStreaming } from "../../src/types.js";
import { prismUrl } from "../helpers/prism-urls.js";

// A 1x1 transparent PNG.
const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

function client(fetch?: Fetch): OpenAI {
  return new OpenAI({
    providers: { anthropic: { apiKey: "test-key", baseURL: prismUrl("anthropic") } },
    maxRetries: 0,
    env: {},
    ...(fetch === undefined ? {} : { fetch }),
  });
}

/** Every field the Anthropic translator maps, in one request. */
const everyMappedField: ChatCompletionCreateParamsNonStreaming = {
  model: "anthropic/claude-sonnet-4-5",
  messages: [
    { role: "system", content: "You are a meteorologist." },
    { role: "user", content: [
      { type: "text", text: "Compare the weather in these two places." },
      { type: "image_url", image_url: { url: "https://upload.wikimedia.org/wikipedia/commons/3/3f/Fronalpstock_big.jpg" } },
      { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
    ] },
    { role: "developer", content: "Use metric units." },
    {
      role: "assistant",
      content: "Let me look up both.",
      tool_calls: [
        { id: "toolu_01A09q90qw90lq917835lq9", type: "function", function: { name: "get_weather", arguments: '{"location":"Glarus, CH"}' } },
        { id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", type: "function", function: { name: "get_weather", arguments: '{"location":"Paris, FR"}' } },
      ],
    },
    { role: "tool", tool_call_id: "toolu_01A09q90qw90lq917835lq9", content: "4°C, snow" },
    { role: "tool", tool_call_id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", content: [{ type: "text", text: "12°C, clouds" }] },
  ],
  tools: [
    {
      type: "function",
      function: {
        name: "get_weather",
        description: "Current weather for a location",
        parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] },
      },
    },
    { type: "function", function: { name: "get_time" } },
  ],
  tool_choice: { type: "function", function: { name: "get_weather" } },
  parallel_tool_calls: false,
  stop: ["\n\nHuman:"],
  // top_p is exercised in the JSON-mode request: Anthropic takes temperature or top_p, not both.
  temperature: 0.5,
  max_completion_tokens: 512,
  user: "user-1234",
  service_tier: "auto",
};

describe("Anthropic contract (Prism on spec/providers/anthropic.yaml)", () => {
  it("a request using every mapped field is accepted and the answer parses into a ChatCompletion", async () => {
    const sent: unknown[] = [];
    const recording: Fetch = async (request) => {
      sent.push(await request.clone().json());
      return fetch(request);
    };
    const { data: completion, response } = await client(recording).chat.completions.create(everyMappedField).withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(completion.object).toBe("chat.completion");
    expect(typeof completion.id).toBe("string");
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]?.message.role).toBe("assistant");
    expect(["stop", "length", "tool_calls", "content_filter"]).toContain(completion.choices[0]?.finish_reason);
    expect(completion.usage?.total_tokens).toBe((completion.usage?.prompt_tokens ?? NaN) + (completion.usage?.completion_tokens ?? NaN));
    expect(completion.onellm?.attempts.map((attempt) => attempt.status)).toEqual([200]);
    // The request really exercised the mapped fields (so the 200 means something).
    expect(sent[0]).toMatchObject({
      system: [{ type: "text", text: "You are a meteorologist." }, { type: "text", text: "Use metric units." }],
      tool_choice: { type: "tool", name: "get_weather", disable_parallel_tool_use: true },
      stop_sequences: ["\n\nHuman:"],
      temperature: 0.5,
      max_tokens: 512,
      metadata: { user_id: "user-1234" },
      service_tier: "auto",
    });
  });

  it("JSON mode (the forced tool, on a model without structured outputs) and top_p are accepted too", async () => {
    const sent: unknown[] = [];
    const recording: Fetch = async (request) => {
      sent.push(await request.clone().json());
      return fetch(request);
    };
    const { data: completion, response } = await client(recording)
      .chat.completions.create({
        model: "anthropic/claude-3-5-haiku-20241022",
      messages: [{ role: "user", content: "Facts about Paris as JSON" }],
      top_p: 0.9,
      response_format: {
        type: "json_schema",
        json_schema: { name: "city_facts", schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
      },
    })
      .withResponse();
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(sent[0]).toMatchObject({ top_p: 0.9, tool_choice: { type: "tool", name: "city_facts" } });
    expect(completion.object).toBe("chat.completion");
    expect(completion.onellm?.warnings).toEqual([
      'response_format is emulated for anthropic: json_schema through a forced tool "city_facts"; its input is returned as message.content',
    ]);
  });

  it("a body that breaks the spec gets Prism's 422 as UnprocessableEntityError (the test can fail)", async () => {
    const corrupting: Fetch = async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      body["max_tokens"] = "many";
      return fetch(new Request(request, { body: JSON.stringify(body) }));
    };
    const error = await client(corrupting)
      .chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).status).toBe(422);
    // Prism names each violation in its sl-violations header; the only one is the corrupted field.
    const violations = JSON.parse((error as UnprocessableEntityError).headers?.get("sl-violations") ?? "[]") as { location: string[] }[];
    expect(violations.map((violation) => violation.location.join("."))).toEqual(["request.body.max_tokens"]);
  });
});

describe("Anthropic contract: the second pass's native fields", () => {
  function recording(sent: Record<string, unknown>[], corrupt?: (body: Record<string, unknown>) => void): Fetch {
    return async (request) => {
      const body = (await request.clone().json()) as Record<string, unknown>;
      sent.push(body);
      if (corrupt === undefined) return fetch(request);
      corrupt(body);
      return fetch(new Request(request, { body: JSON.stringify(body) }));
    };
  }

  /** output_config (format + effort), thinking, cache_control with the 1-hour TTL, the web search tool and a replayed signed thinking block. */
  const secondPass: ChatCompletionCreateParamsNonStreaming = {
    model: "anthropic/claude-opus-4-5",
    messages: [
      { role: "system", content: [{ type: "text", text: "You are a careful assistant.", cache_control: { type: "ephemeral", ttl: "1h" } }] },
      { role: "user", content: [{ type: "text", text: "Weather in Paris?", cache_control: { type: "ephemeral" } }] },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "toolu_01D7FLrfh4GYq7yT1ULFeyMV", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
        reasoning_details: [
          { type: "reasoning.text", text: "I should call get_weather.", signature: "EuYBCkQYAiJAqkB0cQm2VXk9vJ", format: "anthropic-claude-v1", index: 0 },
          { type: "reasoning.encrypted", data: "EmwKAhgBEgy3va3pzix", format: "anthropic-claude-v1", index: 1 },
        ],
      },
      { role: "tool", tool_call_id: "toolu_01D7FLrfh4GYq7yT1ULFeyMV", content: "18°C" },
    ],
    tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } }, cache_control: { type: "ephemeral", ttl: "1h" } }],
    reasoning_effort: "medium",
    web_search_options: { user_location: { type: "approximate", approximate: { city: "Paris", country: "FR" } } },
    response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] } } },
  };

  it("a request with output_config, thinking, cache_control, web search and replayed thinking is accepted", async () => {
    const sent: Record<string, unknown>[] = [];
    const { response } = await client(recording(sent)).chat.completions.create(secondPass).withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    // The fields under test really went out (so the 200 means something).
    expect(sent[0]).toMatchObject({
      output_config: { effort: "medium", format: { type: "json_schema", schema: { type: "object", additionalProperties: false } } },
      thinking: { type: "enabled", budget_tokens: 8192 },
      system: [{ type: "text", cache_control: { type: "ephemeral", ttl: "1h" } }],
      tools: [{ name: "get_weather", cache_control: { type: "ephemeral", ttl: "1h" } }, { type: "web_search_20250305", name: "web_search", user_location: { type: "approximate", city: "Paris", country: "FR" } }],
    });
    expect((sent[0]?.["messages"] as { content: { type: string }[] }[])[1]?.content.map((block) => block.type)).toEqual(["thinking", "redacted_thinking", "tool_use"]);
  });

  it("adaptive thinking with output_config.effort (4.6 and later) is accepted", async () => {
    const sent: Record<string, unknown>[] = [];
    const { response } = await client(recording(sent))
      .chat.completions.create({ model: "anthropic/claude-opus-4-6", messages: [{ role: "user", content: "Plan a trip." }], reasoning_effort: "max", max_completion_tokens: 32000 })
      .withResponse();
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(sent[0]).toMatchObject({ thinking: { type: "adaptive" }, output_config: { effort: "max" } });
  });

  it.each([
    ["output_config.effort", (body: Record<string, unknown>): void => {
      body["output_config"] = { effort: "extreme" };
    }, "request.body.output_config.effort"],
    ["cache_control ttl", (body: Record<string, unknown>): void => {
      const block = (body["system"] as { cache_control: unknown }[])[0];
      if (block !== undefined) block.cache_control = { type: "ephemeral", ttl: "2h" };
    }, "request.body.system"],
  ] as const)("Prism refuses a broken %s with 422 (these fields are really validated)", async (_name, corrupt, location) => {
    const error = await client(recording([], corrupt))
      .chat.completions.create(secondPass)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    const violations = JSON.parse((error as UnprocessableEntityError).headers?.get("sl-violations") ?? "[]") as { location: string[] }[];
    expect(violations.some((violation) => violation.location.join(".").startsWith(location))).toBe(true);
  });
});
