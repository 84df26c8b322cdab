import { describe, expect, it } from "vitest";
import { CAPABILITY_TABLE } from "../../src/models/capability-table.js";
import { capabilitiesOf } from "../../src/models/model-capabilities.js";

describe("the capability table", () => {
  it("cites a source on every row and ends each provider with a catch-all", () => {
    for (const row of CAPABILITY_TABLE) expect(row.source).toMatch(/https:\/\//);
    for (const provider of ["anthropic", "google"] as const) {
      const rows = CAPABILITY_TABLE.filter((row) => row.provider === provider);
      expect(rows.at(-1)?.match.test("some-future-model")).toBe(true);
    }
  });

  it.each([
    ["anthropic", "claude-sonnet-4-5-20250929", "Claude Sonnet/Haiku 4.5"],
    ["anthropic", "claude-haiku-4-5", "Claude Sonnet/Haiku 4.5"],
    ["anthropic", "claude-sonnet-4-20250514", "Claude Sonnet 4"],
    ["anthropic", "claude-opus-4-20250514", "Claude Opus 4 / 4.1"],
    ["anthropic", "claude-opus-4-1-20250805", "Claude Opus 4 / 4.1"],
    ["anthropic", "claude-opus-4-5-20251101", "Claude Opus 4.5"],
    ["anthropic", "claude-opus-4-6", "Claude Opus 4.6"],
    ["anthropic", "claude-3-7-sonnet-latest", "Claude Sonnet 3.7"],
    ["anthropic", "claude-3-5-haiku-20241022", "Claude 3.5"],
    ["anthropic", "claude-3-haiku-20240307", "Claude 3"],
    // Vertex AI's spelling of the same dated ids.
    ["anthropic", "claude-sonnet-4@20250514", "Claude Sonnet 4"],
    ["anthropic", "claude-opus-4@20250514", "Claude Opus 4 / 4.1"],
    ["anthropic", "claude-opus-4-1@20250805", "Claude Opus 4 / 4.1"],
    ["anthropic", "claude-3-7-sonnet@20250219", "Claude Sonnet 3.7"],
    ["anthropic", "claude-sonnet-4-5@20250929", "Claude Sonnet/Haiku 4.5"],
    ["anthropic", "claude-3-5-sonnet-v2@20241022", "Claude 3.5"],
    ["google", "gemini-2.5-flash-lite", "Gemini 2.5 Flash"],
    ["google", "models/gemini-2.5-pro", "Gemini 2.5 Pro"],
    ["google", "gemini-3-pro-preview", "Gemini 3 Pro"],
    ["google", "gemini-3.1-pro-preview", "Gemini 3"],
    ["google", "gemini-3-flash-preview", "Gemini 3"],
    ["google", "gemini-2.0-flash-001", "Gemini 2.0"],
    ["google", "gemma-3-27b-it", "Gemma"],
  ] as const)("%s %s is %s", (provider, model, family) => {
    expect(capabilitiesOf(provider, model).family).toBe(family);
  });

  it("says what the translators read", () => {
    expect(capabilitiesOf("google", "gemini-2.5-flash")).toMatchObject({ penalties: false, fullJsonSchema: true, thinking: "budget", thinkingOff: true });
    expect(capabilitiesOf("google", "gemini-2.0-flash")).toMatchObject({ penalties: true, fullJsonSchema: false, thinking: "none" });
    expect(capabilitiesOf("anthropic", "claude-sonnet-4-5")).toMatchObject({ structuredOutputs: "native", thinking: "budget", audio: false });
    expect(capabilitiesOf("anthropic", "claude-sonnet-4")).toMatchObject({ structuredOutputs: "tool" });
  });
});
