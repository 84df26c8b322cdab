// Contract: what the xAI dialect sends must satisfy spec/providers/xai.yaml. xAI's schemas do not
// refuse unknown fields, so the message-level proof is a value the spec forbids: `developer` is not
// one of its roles (onellm sends it as `system`).
import { describe, expect, it } from "vitest";
import type { ChatCompletionCreateParamsNonStreaming } from "../../src/types.js";
import { contractClient, corruptingFetch, PNG_DATA_URI, recordingFetch, TOOLS, unprocessable, violations } from "./dialect-contract-helpers.js";

const everyMappedField: ChatCompletionCreateParamsNonStreaming = {
  model: "xai/grok-4",
  messages: [
    { role: "developer", content: "Answer in metric units." },
    { role: "system", content: "You are a weather assistant." },
    {
      role: "user",
      name: "ada",
      content: [
        { type: "text", text: "What is on this photo?" },
        { type: "image_url", image_url: { url: PNG_DATA_URI, detail: "high" } },
      ],
    },
    {
      role: "assistant",
      content: null,
      reasoning_content: "The user wants the weather; call the tool.",
      tool_calls: [{ id: "call_9b2f", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
    } as ChatCompletionCreateParamsNonStreaming["messages"][number],
    { role: "tool", tool_call_id: "call_9b2f", content: '{"temperature":21}' },
  ],
  tools: TOOLS,
  tool_choice: "auto",
  parallel_tool_calls: true,
  response_format: { type: "json_object" },
  temperature: 0.3,
  top_p: 0.9,
  n: 2,
  max_completion_tokens: 256,
  stop: ["END"],
  seed: 42,
  presence_penalty: 0.2,
  frequency_penalty: 0.1,
  logit_bias: { "1000": -5 },
  user: "user-1234",
  reasoning_effort: "low",
};

describe("xAI contract (Prism on spec/providers/xai.yaml)", () => {
  it("accepts a request using every mapped field", async () => {
    const recording = recordingFetch();
    const { data, response } = await contractClient("xai", "xai", recording.fetch).chat.completions.create(everyMappedField).withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(data.choices[0]?.message.content).toBe("Hello! How can I help?");
    const sent = recording.bodies[0]!;
    expect(sent).toMatchObject({ max_tokens: 256, n: 2 });
    expect(sent).not.toHaveProperty("max_completion_tokens");
    const messages = sent["messages"] as Record<string, unknown>[];
    expect(messages[0]!["role"]).toBe("system");
    expect(messages[3]!["reasoning_content"]).toBe("The user wants the weather; call the tool.");
  });

  it("gets a 422 for a body that breaks the spec (the test can fail)", async () => {
    const fetchImpl = corruptingFetch((body) => {
      body["temperature"] = "hot";
    });
    const error = await unprocessable(
      contractClient("xai", "xai", fetchImpl).chat.completions.create({ model: "xai/grok-4", messages: [{ role: "user", content: "Hi" }] }),
    );
    expect(violations(error)).toEqual(["request.body.temperature"]);
  });

  it("gets a 422 for a message the spec forbids (a `developer` role, which onellm renames)", async () => {
    const fetchImpl = corruptingFetch((body) => {
      (body["messages"] as Record<string, unknown>[])[0]!["role"] = "developer";
    });
    const error = await unprocessable(
      contractClient("xai", "xai", fetchImpl).chat.completions.create({ model: "xai/grok-4", messages: [{ role: "developer", content: "Be brief." }, { role: "user", content: "Hi" }] }),
    );
    expect(violations(error)).toEqual(["request.body.messages.0.role"]);
  });
});
