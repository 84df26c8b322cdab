import { describe, expect, it } from "vitest";
import { mapUsage, partKind, readParts } from "../../../src/providers/gemini/gemini-candidate.js";
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

describe("readParts", () => {
  it("shows code execution (enabled through provider_options) as Markdown in the content", () => {
    const output = readParts(
      [
        { text: "Let me compute." },
        { executableCode: { language: "PYTHON", code: "print(6*7)" } },
        { codeExecutionResult: { outcome: "OUTCOME_OK", output: "42\n" } },
      ],
      { responseId: "r", candidateIndex: 0, next: 0 },
      makeContext(),
    );
    expect(output.text.join("")).toBe("Let me compute.\n```python\nprint(6*7)\n```\n\n```output\n42\n\n```\n");
  });

  it("warns about a part kind newer than the spec instead of dropping it unnoticed, and stays quiet for a bare signature", () => {
    const context = makeContext();
    const parts = [{ text: "Searching." }, { toolCall: { toolType: "GOOGLE_SEARCH_WEB", args: { query: "x" }, id: "t1" } }, { text: "", thoughtSignature: "AA==" }, { thoughtSignature: "AA==" }];
    const output = readParts(parts as Parameters<typeof readParts>[0], { responseId: "r", candidateIndex: 0, next: 0 }, context);
    expect(output).toEqual({ text: ["Searching."], reasoning: [], toolCalls: [] });
    expect(context.warnings).toEqual(["google: candidate 0 contained a part of a kind onellm does not know (toolCall); it was left out."]);
  });

  it("continues tool-call ordinals across calls (a stream reads parts event by event)", () => {
    const counter = { responseId: "r", candidateIndex: 0, next: 0 };
    const first = readParts([{ functionCall: { name: "a" } }], counter, makeContext());
    const second = readParts([{ functionCall: { name: "b", args: { x: 1 } } }], counter, makeContext());
    expect(counter.next).toBe(2);
    expect(first.toolCalls[0]?.id).not.toBe(second.toolCalls[0]?.id);
    expect(second.toolCalls[0]?.function).toEqual({ name: "b", arguments: '{"x":1}' });
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
