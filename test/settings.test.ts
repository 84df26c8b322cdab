import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findProvider } from "../src/providers/registry.js";
import { VERSION, resolveSettings } from "../src/settings.js";

const google = findProvider("google")!;
const openai = findProvider("openai")!;

describe("resolveSettings", () => {
  it("keeps VERSION (sent in User-Agent) equal to package.json's version", () => {
    expect(VERSION).toBe((JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version);
  });

  it("reads GEMINI_API_KEY before GOOGLE_API_KEY, and the default base URL", () => {
    const { settings } = resolveSettings(google, undefined, {}, { GOOGLE_API_KEY: "google-env-key-1", GEMINI_API_KEY: "gemini-env-key-1" });
    expect(settings.apiKey).toBe("gemini-env-key-1");
    expect(settings.baseURL).toBe("https://generativelanguage.googleapis.com");
    expect(resolveSettings(google, undefined, {}, { GOOGLE_API_KEY: "google-env-key-2" }).settings.apiKey).toBe("google-env-key-2");
  });

  it("takes an aliased provider's settings under either name, options before the environment", () => {
    const { settings } = resolveSettings(
      google,
      { gemini: { apiKey: "gemini-option-key", baseURL: "https://gateway.example.com/google/", headers: { "x-team": "a" } } },
      {},
      { GEMINI_API_KEY: "gemini-env-key-3", GEMINI_BASE_URL: "https://env.example.com" },
    );
    expect(settings).toMatchObject({ apiKey: "gemini-option-key", baseURL: "https://gateway.example.com/google" });
    expect(settings.headers["x-team"]).toBe("a");
  });

  it("falls back to <PROVIDER>_BASE_URL and the openai drop-in options only for openai", () => {
    expect(resolveSettings(openai, undefined, { baseURL: "https://proxy.example.com/v1" }, {}).settings.baseURL).toBe("https://proxy.example.com/v1");
    expect(resolveSettings(google, undefined, { baseURL: "https://proxy.example.com/v1", apiKey: "sk-openai-only-1" }, {}).settings).toMatchObject({
      baseURL: "https://generativelanguage.googleapis.com",
      apiKey: undefined,
    });
    expect(resolveSettings(openai, undefined, {}, { OPENAI_BASE_URL: "http://127.0.0.1:8080/v1" }).settings.baseURL).toBe("http://127.0.0.1:8080/v1");
  });

  it("refuses a base URL that is not an absolute http(s) URL, naming the setting", () => {
    expect(() => resolveSettings(google, { google: { baseURL: "localhost:8080" } }, {}, {})).toThrow(/Invalid baseURL for google/);
  });
});
