import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../../src/errors.js";
import { findProvider, knownProviderNames, parseModelId } from "../../src/providers/registry.js";

describe("parseModelId", () => {
  it.each([
    ["gpt-4o-mini", "openai", "gpt-4o-mini"],
    ["openai/gpt-4o-mini", "openai", "gpt-4o-mini"],
    ["anthropic/claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5"],
    ["google/gemini-2.5-flash", "google", "gemini-2.5-flash"],
    ["gemini/gemini-2.5-flash", "google", "gemini-2.5-flash"],
    ["together/meta-llama/Llama-3-70b", "together", "meta-llama/Llama-3-70b"],
    ["openai/meta-llama/Llama-3-70b", "openai", "meta-llama/Llama-3-70b"],
    ["ft:gpt-4o-mini:org:custom:abc123", "openai", "ft:gpt-4o-mini:org:custom:abc123"],
  ])("%s -> provider %s, model %s (split at the first slash)", (id, provider, model) => {
    const target = parseModelId(id);
    expect(target.provider.name).toBe(provider);
    expect(target.model).toBe(model);
    expect(target.id).toBe(id);
  });

  it("names the known providers and the field when the provider is unknown", () => {
    let error: unknown;
    try {
      parseModelId("acme/model-1", "fallback_models[2]");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).param).toBe("fallback_models[2]");
    for (const name of ["anthropic", "google", "gemini", "openai", "groq", "mistral"]) {
      expect((error as Error).message).toContain(name);
    }
  });

  it("refuses a provider prefix with no model after it", () => {
    expect(() => parseModelId("anthropic/")).toThrow(/names no model after "anthropic\/"/);
  });

  it("finds providers by name and alias, and lists every name", () => {
    expect(findProvider("gemini")).toBe(findProvider("google"));
    expect(findProvider("nope")).toBeUndefined();
    expect(knownProviderNames()).toEqual([...knownProviderNames()].sort());
  });
});
