import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../src/errors.js";
import { validateRequest } from "../src/validation.js";

const ok = { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] };

function problem(body: unknown): InvalidRequestError {
  try {
    validateRequest(body);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
  throw new Error("expected validateRequest to throw");
}

describe("validateRequest", () => {
  it("accepts a minimal and a rich valid request", () => {
    expect(() => validateRequest(ok)).not.toThrow();
    expect(() =>
      validateRequest({
        ...ok,
        messages: [
          { role: "system", content: "s" },
          { role: "user", content: [{ type: "text", text: "a" }, { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] },
          { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }] },
          { role: "tool", tool_call_id: "c1", content: "42" },
        ],
        tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
        tool_choice: { type: "function", function: { name: "f" } },
        stream: true,
        stream_options: { include_usage: true },
        logprobs: true,
        top_logprobs: 2,
        fallback_models: ["anthropic/claude-sonnet-4-5"],
        retries: 3,
        timeout: 30,
      }),
    ).not.toThrow();
  });

  const cases: [string, unknown, string, RegExp][] = [
    ["a non-object body", "hello", "body", /expected an object/],
    ["missing model", { messages: ok.messages }, "model", /is required/],
    ["an empty model", { ...ok, model: "" }, "model", /must not be empty/],
    ["missing messages", { model: "m" }, "messages", /is required/],
    ["messages not an array", { model: "m", messages: "hi" }, "messages", /expected an array/],
    ["no messages", { model: "m", messages: [] }, "messages", /at least one/],
    ["an unknown role", { model: "m", messages: [{ role: "robot", content: "x" }] }, "messages[0].role", /system, developer, user, assistant, tool/],
    ["a numeric content", { model: "m", messages: [{ role: "user", content: 5 }] }, "messages[0].content", /string or an array/],
    ["an unknown part type", { model: "m", messages: [{ role: "user", content: [{ type: "video", video: {} }] }] }, "messages[0].content[0].type", /expected one of/],
    ["an image without url", { model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: {} }] }] }, "messages[0].content[0].image_url.url", /expected a string/],
    ["an image with a file: url", { model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "file:///etc/passwd" } }] }] }, "messages[0].content[0].image_url.url", /http\(s\) URL or a data: URI/],
    ["a bad audio format", { model: "m", messages: [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "AA", format: "flac" } }] }] }, "messages[0].content[0].input_audio.format", /"wav" or "mp3"/],
    ["an image part in a system message", { model: "m", messages: [{ role: "system", content: [{ type: "image_url", image_url: { url: "https://x" } }] }] }, "messages[0].content[0].type", /only "text"/],
    ["a tool message without tool_call_id", { model: "m", messages: [{ role: "tool", content: "x" }] }, "messages[0].tool_call_id", /expected a string/],
    ["an empty assistant message", { model: "m", messages: [{ role: "assistant" }] }, "messages[0].content", /needs `content` or `tool_calls`/],
    ["tool call arguments not a string", { model: "m", messages: [{ role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: {} } }] }] }, "messages[0].tool_calls[0].function.arguments", /expected a string/],
    ["temperature as a string", { ...ok, temperature: "hot" }, "temperature", /expected a number/],
    ["temperature out of range", { ...ok, temperature: 3 }, "temperature", /between 0 and 2/],
    ["a fractional n", { ...ok, n: 1.5 }, "n", /integer/],
    ["top_logprobs without logprobs", { ...ok, top_logprobs: 2 }, "top_logprobs", /logprobs: true/],
    ["five stop sequences", { ...ok, stop: ["a", "b", "c", "d", "e"] }, "stop", /at most 4/],
    ["stream_options without stream", { ...ok, stream_options: { include_usage: true } }, "stream_options", /stream: true/],
    ["tools not an array", { ...ok, tools: {} }, "tools", /expected an array/],
    ["a tool with a bad name", { ...ok, tools: [{ type: "function", function: { name: "bad name!" } }] }, "tools[0].function.name", /must match/],
    ["a tool with array parameters", { ...ok, tools: [{ type: "function", function: { name: "f", parameters: { type: "array" } } }] }, "tools[0].function.parameters.type", /type "object"/],
    ["duplicate tool names", { ...ok, tools: [{ type: "function", function: { name: "f" } }, { type: "function", function: { name: "f" } }] }, "tools[1].function.name", /duplicate/],
    ["tool_choice naming an undefined tool", { ...ok, tools: [{ type: "function", function: { name: "f" } }], tool_choice: { type: "function", function: { name: "g" } } }, "tool_choice.function.name", /not in `tools`/],
    ["tool_choice required without tools", { ...ok, tool_choice: "required" }, "tool_choice", /at least one tool/],
    ["an unknown response_format", { ...ok, response_format: { type: "xml" } }, "response_format.type", /json_schema/],
    ["json_schema without a name", { ...ok, response_format: { type: "json_schema", json_schema: { schema: {} } } }, "response_format.json_schema.name", /expected a string/],
    ["fallback_models not an array", { ...ok, fallback_models: "gpt-4o" }, "fallback_models", /array of model ids/],
    ["negative retries", { ...ok, retries: -1 }, "retries", /between 0 and 10/],
    ["provider_options not objects", { ...ok, provider_options: { anthropic: 1 } }, "provider_options.anthropic", /expected an object/],
    ["a bad logit_bias key", { ...ok, logit_bias: { hello: 1 } }, "logit_bias.hello", /token ids/],
  ];

  for (const [what, body, param, message] of cases) {
    it(`rejects ${what}, naming \`${param}\``, () => {
      const error = problem(body);
      expect(error.param).toBe(param);
      expect(error.message).toContain(`\`${param}\``);
      expect(error.message).toMatch(message);
    });
  }
});
