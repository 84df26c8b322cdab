// Bedrock request translation without the network: Converse's limits and shapes, and what is
// refused before any request.
import { describe, expect, it } from "vitest";
import { InvalidRequestError, UnsupportedParameterError } from "../../../src/errors.js";
import type { UnifiedRequest } from "../../../src/providers/contract.js";
import { toBedrockRequest } from "../../../src/providers/bedrock/bedrock-request.js";
import { createTranslateContext } from "../../../src/router/translate-context.js";

function translate(request: Partial<UnifiedRequest>, policy: "error" | "drop" = "error", model = "amazon.nova-pro-v1:0") {
  const context = createTranslateContext("bedrock", model, policy, undefined);
  const body = toBedrockRequest({ model: `bedrock/${model}`, messages: [{ role: "user", content: "hi" }], ...request } as UnifiedRequest, new Map(), context);
  return { body, warnings: context.warnings };
}

const tool = { type: "function" as const, function: { name: "get_weather", parameters: { type: "object" } } };

describe("toBedrockRequest", () => {
  it.each([
    ["five stop sequences", { stop: ["a", "b", "c", "d", "e"] }, "stop"],
    ["temperature above 1", { temperature: 1.2 }, "temperature"],
    ["seed", { seed: 3 }, "seed"],
    ["tool_choice none with tools", { tools: [tool], tool_choice: "none" }, "tool_choice"],
    ["parallel_tool_calls false", { parallel_tool_calls: false }, "parallel_tool_calls"],
    ["a reasoning level", { reasoning_effort: "medium" }, "reasoning_effort"],
    ["an audio part", { messages: [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "AAAA", format: "mp3" } }] }] }, "messages[0].content[0] (input_audio)"],
    ["an image detail", { messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "high" } }] }] }, "messages[0].content[0].image_url.detail"],
    ["an unsupported image type", { messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/bmp;base64,Qk0=" } }] }] }, "messages[0].content[0] (image image/bmp)"],
  ])("refuses %s before sending, naming it", (_name, request, parameter) => {
    let error: unknown;
    try {
      translate(request as Partial<UnifiedRequest>);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe(parameter);
  });

  it("honours image detail high for Claude, which reads every image at full resolution; low stays refused", () => {
    const image = (detail: "high" | "low") => ({ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail } }] }] }) as Partial<UnifiedRequest>;
    for (const model of ["us.anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-3-haiku-20240307-v1:0", "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0"]) {
      const { body, warnings } = translate(image("high"), "error", model);
      expect(body.messages![0]!.content[0]).toEqual({ image: { format: "png", source: { bytes: "iVBORw0KGgo=" } } });
      expect(warnings).toEqual([]);
      expect(() => translate(image("low"), "error", model)).toThrow(UnsupportedParameterError);
    }
  });

  it("merges same-role turns and moves every system message into system, in order", () => {
    const { body } = translate({
      messages: [
        { role: "system", content: "One." },
        { role: "user", content: "a" },
        { role: "user", content: "b" },
        { role: "developer", content: "Two." },
        { role: "assistant", content: "c" },
      ],
    });
    expect(body.system).toEqual([{ text: "One." }, { text: "Two." }]);
    expect(body.messages).toEqual([
      { role: "user", content: [{ text: "a" }, { text: "b" }] },
      { role: "assistant", content: [{ text: "c" }] },
    ]);
  });

  it("declares the tools of an earlier tool exchange when the request has none (Converse needs a toolConfig)", () => {
    const { body, warnings } = translate({
      messages: [
        { role: "user", content: "Weather?" },
        { role: "assistant", content: null, tool_calls: [{ id: "t1", type: "function", function: { name: "get_weather", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "t1", content: "sunny" },
        { role: "user", content: "Thanks, summarise." },
      ],
    });
    expect(body.toolConfig).toEqual({ tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object" } } } }] });
    expect(warnings.join("\n")).toMatch(/tools is emulated for bedrock/);
  });

  it("refuses a blank user message and invalid tool arguments in the history", () => {
    expect(() => translate({ messages: [{ role: "user", content: "   " }] })).toThrow(InvalidRequestError);
    expect(() =>
      translate({
        messages: [
          { role: "user", content: "x" },
          { role: "assistant", content: null, tool_calls: [{ id: "t1", type: "function", function: { name: "f", arguments: "[1]" } }] },
        ],
        tools: [tool],
      }),
    ).toThrow(/needs a JSON object, got an array/);
  });

  it("refuses a tool name Converse does not allow", () => {
    expect(() => translate({ tools: [{ type: "function", function: { name: "get.weather" } }] })).toThrow(/Bedrock tool names match/);
  });
});
