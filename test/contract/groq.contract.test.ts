// Contract: what the Groq dialect sends must satisfy spec/providers/groq.yaml. Its request and each
// message are strict (additionalProperties: false), and its duplicate-null `service_tier` enum is
// deduplicated by spec:sync, without which Prism would skip validation and answer 200 to anything.
import { describe, expect, it } from "vitest";
import type { ChatCompletionCreateParamsNonStreaming } from "../../src/types.js";
import { contractClient, CONVERSATION, corruptingFetch, PNG_DATA_URI, recordingFetch, TOOLS, unprocessable, violations } from "./dialect-contract-helpers.js";

const everyMappedField: ChatCompletionCreateParamsNonStreaming = {
  model: "groq/llama-3.3-70b-versatile",
  messages: [
    { role: "developer", content: "Answer in metric units." },
    { role: "system", content: [{ type: "text", text: "You are a weather assistant." }] },
    {
      role: "user",
      content: [
        { type: "text", text: "What is on this photo?" },
        { type: "image_url", image_url: { url: "https://example.com/sky.png", detail: "high" } },
        { type: "image_url", image_url: { url: PNG_DATA_URI } },
      ],
    },
    {
      role: "assistant",
      content: null,
      tool_calls: [{ id: "call_d5wg", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
    },
    { role: "tool", tool_call_id: "call_d5wg", content: '{"temperature":21}' },
  ],
  tools: TOOLS,
  tool_choice: { type: "function", function: { name: "get_weather" } },
  parallel_tool_calls: false,
  response_format: { type: "json_schema", json_schema: { name: "weather", schema: { type: "object", properties: { summary: { type: "string" } } } } },
  temperature: 0.3,
  top_p: 0.9,
  max_completion_tokens: 256,
  stop: ["END"],
  seed: 42,
  presence_penalty: 0.2,
  frequency_penalty: 0.1,
  service_tier: "auto",
  reasoning_effort: "low",
  user: "user-1234",
  metadata: { purpose: "contract" },
  store: false,
};

describe("Groq contract (Prism on spec/providers/groq.yaml)", () => {
  it("accepts a request using every mapped field", async () => {
    const recording = recordingFetch();
    const { data, response } = await contractClient("groq", "groq", recording.fetch).chat.completions.create(everyMappedField).withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(data.choices[0]?.message.content).toBe("Hello! How can I help?");
    expect(recording.urls[0]).toMatch(/\/openai\/v1\/chat\/completions$/);
    const messages = recording.bodies[0]!["messages"] as Record<string, unknown>[];
    // Groq's spec maps `developer` to its system message: kept as sent.
    expect(messages[0]).toEqual({ role: "developer", content: "Answer in metric units." });
  });

  it("gets a 422 for a body that breaks the spec (the test can fail)", async () => {
    const fetchImpl = corruptingFetch((body) => {
      body["service_tier"] = "default";
    });
    const error = await unprocessable(
      contractClient("groq", "groq", fetchImpl).chat.completions.create({ model: "groq/llama-3.3-70b-versatile", messages: [{ role: "user", content: "Hi" }] }),
    );
    expect(violations(error)).toEqual(["request.body.service_tier"]);
  });

  it("gets a 422 for an assistant message with a field the spec forbids (onellm's `refusal`, were it sent)", async () => {
    const fetchImpl = corruptingFetch((body) => {
      (body["messages"] as Record<string, unknown>[])[1]!["refusal"] = null;
    });
    const error = await unprocessable(
      contractClient("groq", "groq", fetchImpl).chat.completions.create({ model: "groq/llama-3.3-70b-versatile", messages: CONVERSATION }),
    );
    expect(violations(error).some((location) => location.startsWith("request.body.messages.1"))).toBe(true);
  });
});
