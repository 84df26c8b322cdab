import { describe, expect, it } from "vitest";
import { CandidateReader, mapUsage, partKind } from "../../../src/providers/gemini/gemini-candidate.js";
import type { GeminiPart } from "../../../src/providers/gemini/gemini-native.js";
import { makeContext } from "../../fixtures/gemini/fixtures.js";

describe("partKind", () => {
  it("names the content a part carries, ignoring modifiers and metadata", () => {
    expect(partKind({ text: "x" })).toBe("text");
    expect(partKind({ text: "x", thought: true })).toBe("text");
    expect(partKind({ functionCall: { name: "f" }, thoughtSignature: "AA==" })).toBe("functionCall");
    expect(partKind({ inlineData: { mimeType: "image/png", data: "" } })).toBe("inlineData");
    expect(partKind({ executableCode: { language: "PYTHON", code: "1" } })).toBe("executableCode");
    expect(partKind({ thoughtSignature: "AA==" })).toBeUndefined();
    expect(partKind({})).toBeUndefined();
  });
});

describe("CandidateReader", () => {
  const read = (parts: unknown[], context = makeContext()) => new CandidateReader(0, "r", context).read({ content: { parts: parts as GeminiPart[], role: "model" } });

  it("shows code execution (enabled through provider_options) as Markdown in the content", () => {
    const delta = read([
      { text: "Let me compute." },
      { executableCode: { language: "PYTHON", code: "print(6*7)" } },
      { codeExecutionResult: { outcome: "OUTCOME_OK", output: "42\n" } },
    ]);
    expect(delta.content).toBe("Let me compute.\n```python\nprint(6*7)\n```\n\n```output\n42\n\n```\n");
  });

  it("warns about a part kind newer than the spec instead of dropping it unnoticed; bare signatures become reasoning_details", () => {
    const context = makeContext();
    const delta = read([{ text: "Searching." }, { toolCall: { toolType: "GOOGLE_SEARCH_WEB", args: { query: "x" }, id: "t1" } }, { text: "", thoughtSignature: "AA==" }, { thoughtSignature: "AQ==" }], context);
    expect(delta).toEqual({
      content: "Searching.",
      reasoning: "",
      reasoningDetails: [
        { type: "reasoning.text", text: "", signature: "AA==", format: "google-gemini-v1", index: 0 },
        { type: "reasoning.text", text: "", signature: "AQ==", format: "google-gemini-v1", index: 1 },
      ],
      toolCalls: [],
      annotations: [],
    });
    expect(context.warnings).toEqual(["google: candidate 0 contained a part of a kind onellm does not know (toolCall); it was left out."]);
  });

  it("puts thoughts in reasoning, with a signed thought's text and signature in reasoning_details", () => {
    const delta = read([{ text: "Plan: add.", thought: true, thoughtSignature: "c2ln" }, { text: "Unsigned thought.", thought: true }, { text: "42" }]);
    expect(delta.reasoning).toBe("Plan: add.Unsigned thought.");
    expect(delta.content).toBe("42");
    expect(delta.reasoningDetails).toEqual([{ type: "reasoning.text", text: "Plan: add.", signature: "c2ln", format: "google-gemini-v1", index: 0 }]);
  });

  it("continues tool-call ordinals across events (a stream reads parts event by event)", () => {
    const reader = new CandidateReader(0, "r", makeContext());
    const first = reader.read({ content: { parts: [{ functionCall: { name: "a" } }] } });
    const second = reader.read({ content: { parts: [{ functionCall: { name: "b", args: { x: 1 } } }] } });
    expect(reader.toolCalls).toBe(2);
    expect(first.toolCalls[0]?.id).not.toBe(second.toolCalls[0]?.id);
    expect(second.toolCalls).toEqual([{ index: 1, id: second.toolCalls[0]?.id, type: "function", function: { name: "b", arguments: '{"x":1}' } }]);
  });
});

describe("mapUsage", () => {
  it("counts thoughts as completion tokens and reports them as reasoning tokens", () => {
    expect(mapUsage({ promptTokenCount: 10, candidatesTokenCount: 5, thoughtsTokenCount: 20, totalTokenCount: 35 })).toEqual({
      prompt_tokens: 10,
      completion_tokens: 25,
      total_tokens: 35,
      completion_tokens_details: { reasoning_tokens: 20 },
    });
  });

  it("adds tool-use prompt tokens to the prompt and reports cached tokens", () => {
    expect(mapUsage({ promptTokenCount: 100, toolUsePromptTokenCount: 7, cachedContentTokenCount: 64, candidatesTokenCount: 3, totalTokenCount: 110 })).toEqual({
      prompt_tokens: 107,
      completion_tokens: 3,
      total_tokens: 110,
      prompt_tokens_details: { cached_tokens: 64 },
    });
  });

  it("computes the total when Gemini leaves it out", () => {
    expect(mapUsage({ promptTokenCount: 2, candidatesTokenCount: 3 })).toEqual({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
  });
});
