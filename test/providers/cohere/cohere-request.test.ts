// Cohere request translation without the network: what each unified field becomes, and what is
// refused (before any request) under the default policy or reported under "drop".
import { describe, expect, it } from "vitest";
import { UnsupportedParameterError, InvalidRequestError } from "../../../src/errors.js";
import type { UnifiedRequest } from "../../../src/providers/contract.js";
import { toCohereRequest } from "../../../src/providers/cohere/cohere-request.js";
import { createTranslateContext } from "../../../src/router/translate-context.js";

function translate(request: Partial<UnifiedRequest>, policy: "error" | "drop" = "error") {
  const context = createTranslateContext("cohere", "command-a-03-2025", policy, undefined);
  const body = toCohereRequest({ model: "cohere/command-a-03-2025", messages: [{ role: "user", content: "hi" }], ...request } as UnifiedRequest, context);
  return { body, warnings: context.warnings };
}

describe("toCohereRequest", () => {
  it.each([
    ["parallel_tool_calls false", { parallel_tool_calls: false }, "parallel_tool_calls"],
    ["top_logprobs", { logprobs: true, top_logprobs: 3 }, "top_logprobs"],
    ["temperature above 1", { temperature: 1.5 }, "temperature"],
    ["top_p outside 0.01–0.99", { top_p: 0.001 }, "top_p"],
    ["six stop sequences", { stop: ["a", "b", "c", "d", "e", "f"] }, "stop"],
    ["a negative penalty", { presence_penalty: -0.5 }, "presence_penalty"],
    ["user", { user: "u-1" }, "user"],
    ["an audio part", { messages: [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "AAAA", format: "wav" } }] }] }, "messages[0].content[0] (input_audio)"],
    ["a reasoning level", { reasoning_effort: "high" }, "reasoning_effort"],
    ["an unknown field", { frobnicate: true } as Partial<UnifiedRequest>, "frobnicate"],
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

  it("under drop, leaves them out and says so in the warnings", () => {
    const { body, warnings } = translate({ temperature: 1.5, user: "u-1" }, "drop");
    expect(body.temperature).toBeUndefined();
    expect(warnings.join("\n")).toMatch(/cohere does not support `temperature`.*0–1, got 1.5/);
    expect(warnings.join("\n")).toMatch(/`user`/);
  });

  it("keeps neutral values without complaint: top_p 1, zero penalties, parallel_tool_calls true", () => {
    const { body, warnings } = translate({ top_p: 1, presence_penalty: 0, frequency_penalty: 0, parallel_tool_calls: true, logprobs: false });
    expect(body).toEqual({ model: "command-a-03-2025", messages: [{ role: "user", content: "hi" }] });
    expect(warnings).toEqual([]);
  });

  it("turns reasoning_effort none into thinking disabled and marks strict tools", () => {
    const { body } = translate({
      reasoning_effort: "none",
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" }, strict: true } }],
      tool_choice: "none",
    });
    expect(body.thinking).toEqual({ type: "disabled" });
    expect(body.strict_tools).toBe(true);
    expect(body.tool_choice).toBe("NONE");
  });

  it("replays Cohere's own earlier thinking and drops another producer's", () => {
    const { body } = translate({
      messages: [
        { role: "user", content: "Is 17 prime?" },
        {
          role: "assistant",
          content: "Yes.",
          reasoning_details: [
            { type: "reasoning.text", text: "17 is prime.", format: "cohere-v1" },
            { type: "reasoning.text", text: "secret", signature: "sig", format: "anthropic-claude-v1" },
          ],
          reasoning_content: "17 is prime.",
        } as never,
        { role: "user", content: "And 19?" },
      ],
    });
    expect(body.messages[1]).toEqual({ role: "assistant", content: [{ type: "thinking", thinking: "17 is prime." }, { type: "text", text: "Yes." }] });
  });

  it("needs a user message", () => {
    expect(() => translate({ messages: [{ role: "system", content: "Be brief." }] })).toThrow(InvalidRequestError);
  });
});
