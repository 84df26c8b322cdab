import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidRequestError,
  MAX_ERROR_BODY_CHARS,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  UnsupportedParameterError,
} from "../src/errors.js";

describe("APIError.fromResponse", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [529, InternalServerError],
  ])("picks the class for %i", (status, ErrorClass) => {
    const error = APIError.fromResponse(status, '{"error":{"message":"x"}}', new Headers({ "x-request-id": "req_1" }), "openai");
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, provider: "openai", requestId: "req_1", requestID: "req_1" });
  });

  it("marks 408, 409, 429 and 5xx retryable, honours x-should-retry, and never retries 400/401/404", () => {
    const retryable = (status: number, headers: Record<string, string> = {}) =>
      APIError.fromResponse(status, "", new Headers(headers), "openai").isRetryable;
    expect([408, 409, 429, 500, 502, 529].map((status) => retryable(status))).toEqual([true, true, true, true, true, true]);
    expect([400, 401, 403, 404, 422].map((status) => retryable(status))).toEqual([false, false, false, false, false]);
    expect(retryable(500, { "x-should-retry": "false" })).toBe(false);
  });

  it("caps a huge body and reads Retry-After into retryAfterMs", () => {
    const error = APIError.fromResponse(429, "x".repeat(50_000), new Headers({ "retry-after": "3" }), "anthropic");
    expect(error.body!.length).toBeLessThan(MAX_ERROR_BODY_CHARS + 100);
    expect(error.message.length).toBeLessThan(700);
    expect(error.retryAfterMs).toBe(3000);
  });

  it("keeps connection and abort errors apart: the first retryable, the second never", () => {
    expect(new APIConnectionError({ message: "refused" }).isRetryable).toBe(true);
    expect(new APIUserAbortError().isRetryable).toBe(false);
  });

  it("makes our own validation errors BadRequestErrors naming the field, with nothing in them to leak", () => {
    const invalid = new InvalidRequestError("Invalid `temperature`: expected a number.", "temperature");
    expect(invalid).toBeInstanceOf(BadRequestError);
    expect(invalid.param).toBe("temperature");
    const unsupported = new UnsupportedParameterError("logit_bias", "anthropic");
    expect(unsupported).toBeInstanceOf(InvalidRequestError);
    expect(unsupported.message).toMatch(/anthropic does not support `logit_bias`.*unsupportedParams: "drop"/);
    expect(inspect(unsupported)).toContain("UnsupportedParameterError");
  });
});
