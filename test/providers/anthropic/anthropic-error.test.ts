import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "../../../src/errors.js";
import { errorFromAnthropicBody, errorFromStreamEvent, statusForErrorType } from "../../../src/providers/anthropic/anthropic-error.js";

const MODEL = "claude-sonnet-4-5";

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/anthropic/${name}`, import.meta.url), "utf8");
}

function body(type: string, message: string): string {
  return JSON.stringify({ type: "error", error: { type, message }, request_id: "req_011CSHoEeqs5C35K2UUqR7Fy" });
}

describe("errorFromAnthropicBody", () => {
  it("turns a 529 overloaded_error into a retryable InternalServerError with type, message and request id", () => {
    const error = errorFromAnthropicBody(529, fixture("error-overloaded.json"), new Headers({ "request-id": "req_011CSHoEeqs5C35K2UUqR7Fy" }), MODEL);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(529);
    expect(error.isRetryable).toBe(true);
    expect(error.type).toBe("overloaded_error");
    expect(error.provider).toBe("anthropic");
    expect(error.model).toBe(MODEL);
    expect(error.requestId).toBe("req_011CSHoEeqs5C35K2UUqR7Fy");
    expect(error.error).toEqual({ type: "overloaded_error", message: "Overloaded" });
    expect(error.message).toBe("529 Overloaded (overloaded_error) [anthropic/claude-sonnet-4-5]");
  });

  it("turns a 400 invalid_request_error into a BadRequestError that is not retried", () => {
    const error = errorFromAnthropicBody(400, fixture("error-invalid-request.json"), new Headers(), MODEL);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.isRetryable).toBe(false);
    expect(error.type).toBe("invalid_request_error");
    expect(error.message).toContain("messages.0.content.1.image.source.base64.media_type");
  });

  it.each([
    [401, "authentication_error", "invalid x-api-key", AuthenticationError],
    [403, "permission_error", "Your API key does not have permission to use the specified resource.", PermissionDeniedError],
    [404, "not_found_error", "model: claude-nonexistent", NotFoundError],
    [429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", RateLimitError],
    [500, "api_error", "Internal server error", InternalServerError],
  ] as const)("status %i (%s) picks its class", (status, type, message, ErrorClass) => {
    const error = errorFromAnthropicBody(status, body(type, message), new Headers(), MODEL);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.type).toBe(type);
    expect(error.message).toContain(message);
  });

  it("takes the request id from the body when no request-id header came (a relay dropped it)", () => {
    const error = errorFromAnthropicBody(529, fixture("error-overloaded.json"), new Headers({ "content-type": "application/json" }), MODEL);
    expect(error.requestId).toBe("req_011CSHoEeqs5C35K2UUqR7Fy");
    const withHeader = errorFromAnthropicBody(529, fixture("error-overloaded.json"), new Headers({ "request-id": "req_from_header" }), MODEL);
    expect(withHeader.requestId).toBe("req_from_header");
  });

  it("maps a 413 request_too_large (sent by Anthropic's edge) to a non-retryable APIError", () => {
    const error = errorFromAnthropicBody(413, body("request_too_large", "Request exceeds the maximum allowed number of bytes."), new Headers(), MODEL);
    expect(error.status).toBe(413);
    expect(error.type).toBe("request_too_large");
    expect(error.isRetryable).toBe(false);
  });

  it("keeps a non-JSON body (a proxy's HTML page) as a capped summary", () => {
    const error = errorFromAnthropicBody(502, "<html><title>502 Bad Gateway</title></html>", new Headers(), MODEL);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toContain("HTML error page: 502 Bad Gateway");
    expect(error.type).toBeUndefined();
  });
});

describe("errorFromStreamEvent", () => {
  it("gives an in-band overloaded_error the 529 status, so it stays retryable", () => {
    const error = errorFromStreamEvent({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, MODEL);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(529);
    expect(error.isRetryable).toBe(true);
    expect(error.type).toBe("overloaded_error");
  });

  it("reads the real event shape (details, request_id) and keeps the request id", () => {
    const event = { type: "error", error: { details: null, type: "overloaded_error", message: "Overloaded" }, request_id: "req_011CX7DwS7tSvggaNHmefwWg" };
    const error = errorFromStreamEvent(event as Parameters<typeof errorFromStreamEvent>[0], MODEL);
    expect(error.status).toBe(529);
    expect(error.requestId).toBe("req_011CX7DwS7tSvggaNHmefwWg");
    expect(error.error).toEqual({ type: "overloaded_error", message: "Overloaded" });
  });

  it("keeps the type of an event without a message", () => {
    const event = { type: "error", error: { type: "overloaded_error" } } as unknown as Parameters<typeof errorFromStreamEvent>[0];
    expect(errorFromStreamEvent(event, MODEL).status).toBe(529);
  });

  it("maps other in-band error types to their documented statuses", () => {
    expect(errorFromStreamEvent({ type: "error", error: { type: "rate_limit_error", message: "slow down" } }, MODEL)).toBeInstanceOf(RateLimitError);
    const invalid = errorFromStreamEvent({ type: "error", error: { type: "invalid_request_error", message: "bad" } }, MODEL);
    expect(invalid).toBeInstanceOf(BadRequestError);
    expect(invalid.isRetryable).toBe(false);
  });

  it("treats an error type nobody documented as a server error", () => {
    const error = errorFromStreamEvent({ type: "error", error: { type: "brand_new_error", message: "?" } }, MODEL);
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(500);
    expect(statusForErrorType("request_too_large")).toBe(413);
    expect(statusForErrorType("timeout_error")).toBe(504);
    expect(statusForErrorType("billing_error")).toBe(402);
  });
});
