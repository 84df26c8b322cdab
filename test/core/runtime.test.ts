// Runtime detection and the environment, read without assuming Node: a browser is recognised as
// `openai` recognises one, and a guarded environment (Deno without --allow-env) reads as unset.
import { afterEach, describe, expect, it, vi } from "vitest";
import { randomHex, randomUUID } from "../../src/core/random-id.js";
import { isRunningInBrowser, processEnvironment } from "../../src/core/runtime.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("processEnvironment", () => {
  it("reads the process environment one variable at a time", () => {
    vi.stubEnv("ONELLM_RUNTIME_TEST", "present");
    expect(processEnvironment()["ONELLM_RUNTIME_TEST"]).toBe("present");
    expect(processEnvironment()["ONELLM_RUNTIME_TEST_ABSENT"]).toBeUndefined();
    vi.unstubAllEnvs();
  });

  it("is empty where there is no process (browsers, edge runtimes)", () => {
    vi.stubGlobal("process", undefined);
    expect(processEnvironment()["PATH"]).toBeUndefined();
  });

  it("reads as unset where reading a variable throws (Deno without --allow-env)", () => {
    const guarded = new Proxy({}, { get: () => { throw new Error("NotCapable: Requires env access"); } });
    vi.stubGlobal("process", { env: guarded });
    expect(processEnvironment()["OPENAI_API_KEY"]).toBeUndefined();
  });
});

describe("runtime detection", () => {
  it("does not take Node for a browser", () => {
    expect(isRunningInBrowser()).toBe(false);
  });

  it("sees a page (window, document, navigator) as a browser", () => {
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0" });
    expect(isRunningInBrowser()).toBe(true);
  });
});

describe("random ids", () => {
  it("makes RFC 4122 version-4 UUIDs, with and without crypto.randomUUID (insecure browser contexts)", () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(randomUUID()).toMatch(v4);
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: (array: Uint8Array) => real.getRandomValues(array) });
    const fallback = randomUUID();
    vi.unstubAllGlobals();
    expect(fallback).toMatch(v4);
    expect(randomHex(24)).toMatch(/^[0-9a-f]{24}$/);
  });
});
