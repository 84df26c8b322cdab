// Contract: what the native Ollama translator sends must satisfy spec/providers/ollama.yaml
// (ChatRequest on /api/chat). Its message schema wants `content` as a string, so the message-level
// proof is a content array left unflattened.
import { describe, expect, it } from "vitest";
import type { ChatCompletionCreateParamsNonStreaming } from "../../src/types.js";
import { contractClient, corruptingFetch, PNG_DATA_URI, recordingFetch, TOOLS, unprocessable, violations } from "./dialect-contract-helpers.js";

const everyMappedField: ChatCompletionCreateParamsNonStreaming = {
  model: "ollama/qwen3",
  messages: [
    { role: "developer", content: "Answer in metric units." },
    { role: "system", content: [{ type: "text", text: "You are a weather assistant." }] },
    {
      role: "user",
      content: [
        { type: "text", text: "What is on this photo?" },
        { type: "image_url", image_url: { url: PNG_DATA_URI } },
      ],
    },
    {
      role: "assistant",
      content: null,
      reasoning_content: "The user wants the weather.",
      tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
    } as ChatCompletionCreateParamsNonStreaming["messages"][number],
    { role: "tool", tool_call_id: "call_1", content: '{"temperature":21}' },
  ],
  tools: TOOLS,
  tool_choice: "auto",
  response_format: { type: "json_schema", json_schema: { name: "weather", schema: { type: "object", properties: { summary: { type: "string" } } } } },
  reasoning_effort: "high",
  temperature: 0.3,
  top_p: 0.9,
  seed: 42,
  stop: ["END"],
  max_completion_tokens: 256,
  presence_penalty: 0.2,
  frequency_penalty: 0.1,
  logprobs: true,
  top_logprobs: 2,
  provider_options: { ollama: { options: { num_ctx: 8192 }, keep_alive: "5m" } },
};

describe("Ollama contract (Prism on spec/providers/ollama.yaml)", () => {
  it("accepts a request using every mapped field, in Ollama's own shape", async () => {
    const recording = recordingFetch();
    const { data, response } = await contractClient("ollama", "ollama", recording.fetch).chat.completions.create(everyMappedField).withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(data.choices[0]?.message.content).toBe("Hello! How can I help?");
    expect(data.usage).toEqual({ prompt_tokens: 26, completion_tokens: 8, total_tokens: 34 });
    expect(recording.urls[0]).toMatch(/\/api\/chat$/);
    const sent = recording.bodies[0]!;
    expect(sent).toMatchObject({
      stream: false,
      think: "high",
      keep_alive: "5m",
      logprobs: true,
      top_logprobs: 2,
      format: { type: "object", properties: { summary: { type: "string" } } },
      options: { temperature: 0.3, top_p: 0.9, seed: 42, stop: ["END"], num_predict: 256, presence_penalty: 0.2, frequency_penalty: 0.1, num_ctx: 8192 },
    });
    expect(sent["messages"]).toEqual([
      { role: "system", content: "Answer in metric units." },
      { role: "system", content: "You are a weather assistant." },
      { role: "user", content: "What is on this photo?", images: [PNG_DATA_URI.slice("data:image/png;base64,".length)] },
      {
        role: "assistant",
        content: "",
        thinking: "The user wants the weather.",
        tool_calls: [{ type: "function", function: { index: 0, name: "get_weather", arguments: { city: "Paris" } } }],
      },
      { role: "tool", content: '{"temperature":21}', tool_name: "get_weather" },
    ]);
  });

  it("gets a 422 for a body that breaks the spec (the test can fail)", async () => {
    const fetchImpl = corruptingFetch((body) => {
      body["think"] = "extreme";
    });
    const error = await unprocessable(
      contractClient("ollama", "ollama", fetchImpl).chat.completions.create({ model: "ollama/qwen3", messages: [{ role: "user", content: "Hi" }] }),
    );
    expect(violations(error)).toContain("request.body.think");
  });

  it("gets a 422 for a message the spec forbids (content parts where Ollama takes a string)", async () => {
    const fetchImpl = corruptingFetch((body) => {
      (body["messages"] as Record<string, unknown>[])[0]!["content"] = [{ type: "text", text: "Hi" }];
    });
    const error = await unprocessable(
      contractClient("ollama", "ollama", fetchImpl).chat.completions.create({ model: "ollama/qwen3", messages: [{ role: "user", content: "Hi" }] }),
    );
    expect(violations(error)).toEqual(["request.body.messages.0.content"]);
  });
});
