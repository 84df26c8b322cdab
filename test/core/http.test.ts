import { describe, expect, it } from "vitest";
import { Attempt, createTransportFetch } from "../../src/core/http.js";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "../../src/errors.js";

describe("createTransportFetch", () => {
  it("refuses a redirect, naming the origin it pointed to, and cancels its body", async () => {
    let cancelled = false;
    const body = new ReadableStream({ cancel: () => void (cancelled = true) });
    const transport = createTransportFetch(
      async () => new Response(body, { status: 302, headers: { location: "https://elsewhere.example.net/steal" } }),
      "openai",
      "gpt-4o-mini",
    );
    const error = await transport(new Request("https://api.openai.com/v1/chat/completions")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 302, provider: "openai" });
    expect((error as Error).message).toContain("https://elsewhere.example.net");
    expect(cancelled).toBe(true);
  });

  it("passes any other response through untouched", async () => {
    const response = new Response("{}", { status: 404 });
    const transport = createTransportFetch(async () => response, "openai", "m");
    expect(await transport(new Request("https://api.openai.com/v1/x"))).toBe(response);
  });
});

describe("Attempt", () => {
  it("maps its own timeout to APIConnectionTimeoutError naming the limit", async () => {
    const attempt = new Attempt({ signal: undefined, timeoutMs: 5, provider: "openai", model: "m" });
    await new Promise<void>((resolve) => attempt.signal.addEventListener("abort", () => resolve()));
    const error = attempt.toError(new Error("aborted"), "connect");
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.message).toContain("5 ms");
    attempt.finish();
  });

  it("maps the caller's abort to APIUserAbortError, and a network failure to APIConnectionError", () => {
    const controller = new AbortController();
    const aborted = new Attempt({ signal: controller.signal, timeoutMs: 60_000, provider: "openai", model: "m" });
    controller.abort();
    expect(aborted.signal.aborted).toBe(true);
    expect(aborted.toError(new Error("aborted"), "connect")).toBeInstanceOf(APIUserAbortError);
    aborted.finish();

    const failed = new Attempt({ signal: undefined, timeoutMs: 60_000, provider: "openai", model: "m" });
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const error = failed.toError(new TypeError("fetch failed", { cause }), "connect");
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toContain("ECONNREFUSED");
    failed.finish();
  });
});
