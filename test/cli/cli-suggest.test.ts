import { describe, expect, it } from "vitest";
import { closestMatch, didYouMean, editDistance } from "../../src/cli/cli-suggest.js";
import { knownProviderNames } from "../../src/providers/registry.js";

describe("did you mean", () => {
  it("counts a swap of neighbouring letters as one edit", () => {
    expect(editDistance("openia", "openai")).toBe(1);
    expect(editDistance("antropic", "anthropic")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it.each([
    ["antropic", "anthropic"],
    ["openia", "openai"],
    ["gemeni", "gemini"],
    ["mistrall", "mistral"],
    ["anth", "anthropic"],
    ["Groq", "groq"],
  ])("suggests the provider %s was meant to be (%s)", (typed, meant) => {
    expect(closestMatch(typed, knownProviderNames())).toBe(meant);
  });

  it("suggests nothing when nothing is close", () => {
    expect(closestMatch("zzzzzz", knownProviderNames())).toBeUndefined();
    expect(didYouMean("x", ["chat", "models"])).toBe("");
    expect(didYouMean("modles", ["chat", "models"])).toBe(' Did you mean "models"?');
  });
});
