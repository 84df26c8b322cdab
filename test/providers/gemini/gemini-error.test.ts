import { inspect } from "node:util";
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
import { errorFromGeminiBody, parseRetryDelay } from "../../../src/providers/gemini/gemini-error.js";
import { fixtureText } from "../../fixtures/gemini/fixtures.js";

const MODEL = "gemini-2.5-flash";

describe("errorFromGeminiBody", () => {
  it("maps a 400 INVALID_ARGUMENT to BadRequestError with message, status as type and the violated field", () => {
    const body = fixtureText("error-400.json");
    const error = errorFromGeminiBody(400, body, new Headers(), "google", MODEL);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe(
      `400 Invalid JSON payload received. Unknown name "tempature" at 'generation_config': Cannot find field. [google/${MODEL}]`,
    );
    expect(error.status).toBe(400);
    expect(error.type).toBe("INVALID_ARGUMENT");
    expect(error.param).toBe("generation_config");
    expect(error.code).toBeNull();
    expect(error.provider).toBe("google");
    expect(error.model).toBe(MODEL);
    expect(error.isRetryable).toBe(false);
    expect(error.retryAfterMs).toBeUndefined();
  });

  it("maps RESOURCE_EXHAUSTED to RateLimitError with retryAfterMs from RetryInfo", () => {
    const error = errorFromGeminiBody(429, fixtureText("error-429-retry.json"), new Headers(), "google", MODEL);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(13_000);
    expect(error.type).toBe("RESOURCE_EXHAUSTED");
    expect(error.isRetryable).toBe(true);
    expect(error.message).toMatch(/^429 You exceeded your current quota/);
  });

  it("turns an invalid API key (sent as 400) into AuthenticationError", () => {
    const error = errorFromGeminiBody(400, fixtureText("error-400-api-key.json"), new Headers(), "google", MODEL);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("API_KEY_INVALID");
    expect(error.message).toBe(`400 API key not valid. Please pass a valid API key. [google/${MODEL}]`);
  });

  it("never keeps a key Google echoes back, even one the client was not configured with (a per-request header)", () => {
    const echoed = "AIzaSyB3xQk9-per_request_key_0123456789";
    const body = fixtureText("error-400-api-key-echoed.json");
    expect(body).toContain(echoed);
    for (const error of [
      errorFromGeminiBody(400, body, new Headers(), "google", MODEL),
      errorFromGeminiBody(undefined, body, undefined, "google", MODEL, "error event in stream"),
      errorFromGeminiBody(400, body.replace(echoed, "my-own-key"), new Headers(), "google", MODEL),
      errorFromGeminiBody(400, body.replace(`Invalid API key: ${echoed}`, `Consumer 'api_key:${echoed}' has been suspended.`), new Headers(), "google", MODEL),
    ]) {
      expect(error).toBeInstanceOf(AuthenticationError);
      const everything = `${error.message}${error.body}${JSON.stringify(error.error)}${inspect(error, { depth: 10 })}`;
      expect(everything).not.toContain(echoed);
      expect(everything).not.toContain("my-own-key");
      expect(error.body).toContain("[REDACTED]");
    }
  });

  it("maps 503 UNAVAILABLE to a retryable InternalServerError and 404 to NotFoundError", () => {
    const unavailable = errorFromGeminiBody(503, fixtureText("error-503.json"), new Headers(), "google", MODEL);
    expect(unavailable).toBeInstanceOf(InternalServerError);
    expect(unavailable.isRetryable).toBe(true);
    const missing = errorFromGeminiBody(
      404,
      '{"error":{"code":404,"message":"models/gemini-9 is not found for API version v1beta","status":"NOT_FOUND"}}',
      new Headers(),
      "google",
      "gemini-9",
    );
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.type).toBe("NOT_FOUND");
  });

  it("maps 403 PERMISSION_DENIED to PermissionDeniedError and 500 INTERNAL to a retryable InternalServerError", () => {
    const denied = errorFromGeminiBody(
      403,
      '{"error":{"code":403,"message":"Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"PERMISSION_DENIED"}}',
      new Headers(),
      "google",
      MODEL,
    );
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(denied.type).toBe("PERMISSION_DENIED");
    expect(denied.isRetryable).toBe(false);
    const internal = errorFromGeminiBody(500, '{"error":{"code":500,"message":"An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting","status":"INTERNAL"}}', new Headers(), "google", MODEL);
    expect(internal).toBeInstanceOf(InternalServerError);
    expect(internal.type).toBe("INTERNAL");
    expect(internal.isRetryable).toBe(true);
  });

  it("reads the array-wrapped form and in-stream errors without an HTTP status", () => {
    const error = errorFromGeminiBody(undefined, `[${fixtureText("error-503.json")}]`, undefined, "google", MODEL, "error event in stream");
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(503);
    expect(error.message).toBe(`503 The model is overloaded. Please try again later. (error event in stream) [google/${MODEL}]`);
  });

  it("copes with a body that is not JSON", () => {
    const error = errorFromGeminiBody(502, "<html><title>Bad Gateway</title></html>", new Headers(), "google", MODEL);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe(`502 HTML error page: Bad Gateway (39 bytes) [google/${MODEL}]`);
    const noStatus = errorFromGeminiBody(undefined, "garbage", undefined, "google", MODEL, "stream event is not JSON");
    expect(noStatus).toBeInstanceOf(APIError);
    expect(noStatus.status).toBeUndefined();
  });
});

describe("parseRetryDelay", () => {
  it.each([
    ["13s", 13_000],
    ["1.5s", 1_500],
    ["0.250s", 250],
    ["13.360854649s", 13_361],
    ["13", undefined],
    ["soon", undefined],
    [13, undefined],
  ] as const)("parses %s", (value, expected) => {
    expect(parseRetryDelay(value)).toBe(expected);
  });
});
