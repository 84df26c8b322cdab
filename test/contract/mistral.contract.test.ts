// Contract: what the Mistral dialect sends must satisfy spec/providers/mistral.yaml, whose schemas are
// strict (additionalProperties: false, on the request and on every message): Prism answers 422 to a
// field or message field the spec does not declare, so a leak of an OpenAI-only field fails here.
import { describe, expect, it } from "vitest";
import type { ChatCompletionCreateParamsNonStreaming } from "../../src/types.js";
import { contractClient, CONVERSATION, corruptingFetch, PNG_DATA_URI, recordingFetch, TOOLS, unprocessable, violations } from "./dialect-contract-helpers.js";

/** Every field and part the Mistral dialect maps, renames or takes as it is. */
const everyMappedField: ChatCompletionCreateParamsNonStreaming = {
  model: "mistral/mistral-medium-latest",
  messages: [
    { role: "developer", content: "Answer in metric units." },
    { role: "system", content: [{ type: "text", text: "You are a weather assistant." }] },
    {
      role: "user",
      content: [
        { type: "text", text: "What is on this photo, this recording and this page?" },
        { type: "image_url", image_url: { url: "https://example.com/sky.png", detail: "low" } },
        { type: "image_url", image_url: { url: PNG_DATA_URI } },
        { type: "input_audio", input_audio: { data: "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=", format: "wav" } },
        { type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0xLjQK", filename: "forecast.pdf" } },
      ],
    },
    {
      role: "assistant",
      content: null,
      tool_calls: [{ id: "D681PevKs", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
    },
    { role: "tool", tool_call_id: "D681PevKs", content: '{"temperature":21}' },
  ],
  tools: TOOLS,
  tool_choice: "required",
  parallel_tool_calls: false,
  response_format: {
    type: "json_schema",
    json_schema: { name: "weather", schema: { type: "object", properties: { summary: { type: "string" } } }, strict: true },
  },
  temperature: 0.3,
  top_p: 0.9,
  max_completion_tokens: 256,
  stop: ["END"],
  seed: 42,
  presence_penalty: 0.2,
  frequency_penalty: 0.1,
  n: 2,
  prediction: { type: "content", content: "The weather in Paris" },
  reasoning_effort: "high",
  metadata: { purpose: "contract" },
  prompt_cache_key: "weather",
};

describe("Mistral contract (Prism on spec/providers/mistral.yaml)", () => {
  it("accepts a request using every mapped field, renamed where Mistral spells it its own way", async () => {
    const recording = recordingFetch();
    const { data, response } = await contractClient("mistral", "mistral", recording.fetch).chat.completions.create(everyMappedField).withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(data.object).toBe("chat.completion");
    expect(data.choices[0]?.message.content).toBe("Hello! How can I help?");
    expect(recording.urls[0]).toMatch(/\/v1\/chat\/completions$/);
    const sent = recording.bodies[0]!;
    expect(sent).toMatchObject({ random_seed: 42, max_tokens: 256, tool_choice: "any", n: 2 });
    for (const field of ["seed", "max_completion_tokens"]) expect(sent).not.toHaveProperty(field);
    const messages = sent["messages"] as Record<string, unknown>[];
    expect(messages.map((message) => message["role"])).toEqual(["system", "system", "user", "assistant", "tool"]);
    expect((messages[2]!["content"] as Record<string, unknown>[]).slice(3)).toEqual([
      { type: "input_audio", input_audio: "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=" },
      { type: "document_url", document_url: "data:application/pdf;base64,JVBERi0xLjQK", document_name: "forecast.pdf" },
    ]);
    expect((sent["tools"] as { function: Record<string, unknown> }[])[1]!.function["parameters"]).toEqual({ type: "object", properties: {} });
  });

  it("gets a 422 for a top-level field the spec does not declare (the test can fail)", async () => {
    const fetchImpl = corruptingFetch((body) => {
      body["seed"] = 42;
    });
    const error = await unprocessable(
      contractClient("mistral", "mistral", fetchImpl).chat.completions.create({ model: "mistral/mistral-small-latest", messages: [{ role: "user", content: "Hi" }] }),
    );
    expect(violations(error)).toEqual(["request.body"]);
  });

  it("gets a 422 for an assistant message with a field the spec forbids (the strict message schema is enforced)", async () => {
    const fetchImpl = corruptingFetch((body) => {
      const messages = body["messages"] as Record<string, unknown>[];
      messages[1]!["reasoning_content"] = "I thought about it.";
    });
    const error = await unprocessable(
      contractClient("mistral", "mistral", fetchImpl).chat.completions.create({ model: "mistral/mistral-small-latest", messages: CONVERSATION }),
    );
    expect(violations(error).some((location) => location.startsWith("request.body.messages.1"))).toBe(true);
  });
});
