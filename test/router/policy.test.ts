// The pure parts of the router: retry planning, backoff, Retry-After parsing, the fallback table.
import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../src/core/retry-after.js";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  IncompleteStreamError,
  InvalidRequestError,
  StreamInterruptedError,
  UnsupportedParameterError,
} from "../../src/errors.js";
import { decideFallback, isContextLengthError } from "../../src/router/fallback.js";
import { abortableSleep, backoffDelay, isRetryableFailure, MAX_SERVER_WAIT_MS, planRetry } from "../../src/router/retry.js";
import { MissingAPIKeyError } from "../../src/router/router.js";

const httpError = (status: number, headers: Record<string, string> = {}, body?: string) =>
  APIError.fromResponse(status, body, new Headers(headers), "openai", { model: "gpt-4o-mini" });

describe("backoffDelay", () => {
  it("is min(0.5 * 2^n, 8) s with no jitter when random() is 0", () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((retry) => backoffDelay(retry, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it("takes off at most 25% when random() is (almost) 1", () => {
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, () => 1))).toEqual([375, 750, 1500, 3000, 6000, 6000]);
    expect(backoffDelay(2, () => 0.999999)).toBe(1500);
  });

  it("stays within [75%, 100%] of the base with the real Math.random", () => {
    for (let retry = 0; retry < 8; retry++) {
      const base = Math.min(500 * 2 ** retry, 8000);
      for (let sample = 0; sample < 50; sample++) {
        const delay = backoffDelay(retry);
        expect(delay).toBeGreaterThanOrEqual(base * 0.75);
        expect(delay).toBeLessThanOrEqual(base);
      }
    }
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-11-27T12:00:00Z");
  const parse = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), now);

  it("reads Retry-After in seconds, fractions included", () => {
    expect(parse({ "retry-after": "2" })).toBe(2000);
    expect(parse({ "retry-after": "0" })).toBe(0);
    expect(parse({ "retry-after": " 1.5 " })).toBe(1500);
    expect(parse({ "retry-after": "120" })).toBe(120_000);
  });

  it("reads Retry-After as an HTTP date, relative to now, never negative", () => {
    expect(parse({ "retry-after": "Thu, 27 Nov 2025 12:00:07 GMT" })).toBe(7000);
    expect(parse({ "retry-after": "Thu, 27 Nov 2025 11:59:00 GMT" })).toBe(0);
    // RFC 9110's obsolete forms too: RFC 850 and asctime.
    expect(parse({ "retry-after": "Thursday, 27-Nov-25 12:00:07 GMT" })).toBe(7000);
    expect(parse({ "retry-after": "Thu Nov 27 12:00:07 2025" })).toBe(7000);
  });

  it("prefers retry-after-ms over Retry-After", () => {
    expect(parse({ "retry-after-ms": "250", "retry-after": "30" })).toBe(250);
    expect(parse({ "retry-after-ms": "0", "retry-after": "30" })).toBe(0);
  });

  it("falls back to Retry-After when retry-after-ms is nonsense, and ignores nonsense", () => {
    expect(parse({ "retry-after-ms": "soon", "retry-after": "3" })).toBe(3000);
    expect(parse({ "retry-after-ms": "-5", "retry-after": "3" })).toBe(3000);
    expect(parse({ "retry-after": "whenever" })).toBeUndefined();
    // Date.parse alone would read these as dates in 2001 (a wait of 0): they are not HTTP dates.
    expect(parse({ "retry-after": "-1" })).toBeUndefined();
    expect(parse({ "retry-after": "Nov 2" })).toBeUndefined();
    expect(parse({ "retry-after-ms": "", "retry-after": "3" })).toBe(3000);
    expect(parse({})).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe("isRetryableFailure", () => {
  it.each([408, 409, 429, 500, 502, 503, 504, 529])("retries HTTP %i", (status) => {
    expect(isRetryableFailure(httpError(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 422])("never retries HTTP %i", (status) => {
    expect(isRetryableFailure(httpError(status))).toBe(false);
  });

  it("retries connection errors and timeouts, and a stream that ended before its first chunk", () => {
    expect(isRetryableFailure(new APIConnectionError("refused"))).toBe(true);
    expect(isRetryableFailure(new APIConnectionTimeoutError("slow"))).toBe(true);
    expect(isRetryableFailure(new IncompleteStreamError("no [DONE]", "openai", ""))).toBe(true);
  });

  it("never retries a user abort, our validation errors, an interrupted stream or a plain Error", () => {
    expect(isRetryableFailure(new APIUserAbortError())).toBe(false);
    expect(isRetryableFailure(new InvalidRequestError("bad", "messages"))).toBe(false);
    expect(isRetryableFailure(new UnsupportedParameterError("logit_bias", "groq"))).toBe(false);
    expect(isRetryableFailure(new StreamInterruptedError("cut", "openai", "Hel", undefined))).toBe(false);
    expect(isRetryableFailure(new Error("bug"))).toBe(false);
  });

  it("honours x-should-retry both ways", () => {
    expect(isRetryableFailure(httpError(500, { "x-should-retry": "false" }))).toBe(false);
    expect(isRetryableFailure(httpError(429, { "x-should-retry": "false" }))).toBe(false);
    expect(isRetryableFailure(httpError(400, { "x-should-retry": "true" }))).toBe(true);
  });
});

describe("planRetry", () => {
  const state = (retriesDone: number, extra: { maxRetries?: number; remainingMs?: number } = {}) => ({
    retriesDone,
    maxRetries: extra.maxRetries ?? 2,
    remainingMs: extra.remainingMs,
    random: () => 0,
  });

  it("backs off exponentially while retries remain, then gives up", () => {
    const error = httpError(500);
    expect(planRetry(error, state(0))).toEqual({ action: "retry", delayMs: 500, fromServer: false });
    expect(planRetry(error, state(1))).toEqual({ action: "retry", delayMs: 1000, fromServer: false });
    expect(planRetry(error, state(2))).toEqual({ action: "give-up", reason: "retries-exhausted" });
    expect(planRetry(error, state(0, { maxRetries: 0 }))).toEqual({ action: "give-up", reason: "retries-exhausted" });
  });

  it("gives up at once on what is not retryable", () => {
    expect(planRetry(httpError(400), state(0))).toEqual({ action: "give-up", reason: "not-retryable" });
    expect(planRetry(new APIUserAbortError(), state(0))).toEqual({ action: "give-up", reason: "not-retryable" });
  });

  it("sleeps exactly what the server asked, up to 60 s", () => {
    expect(planRetry(httpError(429, { "retry-after": "2" }), state(0))).toEqual({ action: "retry", delayMs: 2000, fromServer: true });
    expect(planRetry(httpError(503, { "retry-after-ms": "150", "retry-after": "9" }), state(1))).toEqual({
      action: "retry",
      delayMs: 150,
      fromServer: true,
    });
    expect(planRetry(httpError(429, { "retry-after": "60" }), state(0))).toEqual({ action: "retry", delayMs: MAX_SERVER_WAIT_MS, fromServer: true });
  });

  it("moves on instead of sleeping a server wait above 60 s", () => {
    expect(planRetry(httpError(429, { "retry-after": "61" }), state(0))).toEqual({
      action: "move-on",
      reason: "server-wait-too-long",
      retryAfterMs: 61_000,
    });
  });

  it("moves on when the wait (server's or backoff) would pass the overall deadline", () => {
    expect(planRetry(httpError(429, { "retry-after": "5" }), state(0, { remainingMs: 1000 }))).toEqual({
      action: "move-on",
      reason: "past-deadline",
      retryAfterMs: 5000,
    });
    expect(planRetry(httpError(500), state(0, { remainingMs: 100 }))).toEqual({ action: "move-on", reason: "past-deadline", retryAfterMs: 500 });
    expect(planRetry(httpError(500), state(0, { remainingMs: 10_000 }))).toEqual({ action: "retry", delayMs: 500, fromServer: false });
  });

  it("checks the retry budget before the server's wait", () => {
    expect(planRetry(httpError(429, { "retry-after": "120" }), state(2))).toEqual({ action: "give-up", reason: "retries-exhausted" });
  });

  it("uses a body-level delay (Gemini retryDelay) like a header", () => {
    const error = new APIError("quota", { status: 429, provider: "google", retryAfterMs: 7000 });
    expect(planRetry(error, state(0))).toEqual({ action: "retry", delayMs: 7000, fromServer: true });
  });
});

describe("decideFallback", () => {
  const table: [string, "next-target" | "stop", unknown][] = [
    ["400", "stop", httpError(400)],
    ["422", "stop", httpError(422)],
    ["400 context length (code)", "next-target", APIError.fromResponse(400, undefined, undefined, "openai", { code: "context_length_exceeded" })],
    ["400 context length (message)", "next-target", httpError(400, {}, '{"error":{"message":"This model\'s maximum context length is 128000 tokens."}}')],
    ["401", "next-target", httpError(401)],
    ["403", "next-target", httpError(403)],
    ["404", "next-target", httpError(404)],
    ["408", "next-target", httpError(408)],
    ["409", "next-target", httpError(409)],
    ["429", "next-target", httpError(429)],
    ["500", "next-target", httpError(500)],
    ["500 with x-should-retry: false", "next-target", httpError(500, { "x-should-retry": "false" })],
    ["529", "next-target", httpError(529)],
    ["302 (redirect refused)", "next-target", httpError(302)],
    ["connection error", "next-target", new APIConnectionError("refused")],
    ["timeout", "next-target", new APIConnectionTimeoutError("slow")],
    ["missing key", "next-target", new MissingAPIKeyError("groq", "GROQ_API_KEY")],
    ["unsupported parameter", "next-target", new UnsupportedParameterError("logit_bias", "groq")],
    ["stream closed before its first chunk", "next-target", new IncompleteStreamError("no [DONE]", "openai", "")],
    ["user abort", "stop", new APIUserAbortError()],
    ["our validation", "stop", new InvalidRequestError("bad", "messages")],
    ["a plain Error (a bug)", "stop", new Error("bug")],
  ];
  it.each(table)("%s -> %s", (_name, decision, error) => {
    expect(decideFallback(error)).toBe(decision);
  });

  it("recognises context-length errors by code, message or body", () => {
    expect(isContextLengthError(httpError(400, {}, "prompt is too long: 210000 tokens > 200000 maximum"))).toBe(true);
    expect(isContextLengthError(httpError(400, {}, '{"error":{"message":"temperature must be <= 2"}}'))).toBe(false);
  });
});

describe("abortableSleep", () => {
  it("resolves after a real (short) wait", async () => {
    await expect(abortableSleep(20, new AbortController().signal)).resolves.toBeUndefined();
  });

  it("rejects at once with APIUserAbortError when the signal is already aborted or aborts during the wait", async () => {
    await expect(abortableSleep(10, AbortSignal.abort())).rejects.toBeInstanceOf(APIUserAbortError);
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toBeInstanceOf(APIUserAbortError);
  });
});
