// Google's error body `{ error: { code, message, status, details[] } }` -> our error classes, by
// HTTP status, refined by the body: RetryInfo.retryDelay becomes retryAfterMs, an invalid API key
// (sent as 400 INVALID_ARGUMENT) becomes AuthenticationError.
import type { GeminiErrorBody } from "../../../generated/providers/gemini/translator.gen.js";
import { APIError, AuthenticationError } from "../../errors.js";

type GoogleStatus = GeminiErrorBody["error"];
type Detail = NonNullable<GoogleStatus["details"]>[number];

const RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
const ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
const BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest";
const INVALID_KEY_REASONS = new Set(["API_KEY_INVALID", "API_KEY_EXPIRED"]);

/**
 * Google echoes the key it rejected (`DebugInfo.detail: "Invalid API key: <key>"`). Keys the client
 * was configured with are redacted everywhere, but one given per request (an `x-goog-api-key`
 * header) or shaped like a Google key (`AIza…`) is not known there, so it is removed here first.
 */
const ECHOED_KEYS = [/(Invalid API key: ?)[^\s"'\\]+/gi, /AIza[0-9A-Za-z_-]{35}/g] as const;

export function scrubGoogleKeys(text: string): string {
  return ECHOED_KEYS.reduce((clean, pattern) => clean.replace(pattern, (_match, prefix: unknown) => `${typeof prefix === "string" ? prefix : ""}[REDACTED]`), text);
}

export function errorFromGeminiBody(
  status: number | undefined,
  rawBody: string,
  headers: Headers | undefined,
  provider: string,
  model: string,
  context?: string,
): APIError {
  const body = scrubGoogleKeys(rawBody);
  const error = parseStatus(body);
  const details = error?.details ?? [];
  const reason = stringField(findDetail(details, ERROR_INFO), "reason");
  const retryAfterMs = parseRetryDelay(findDetail(details, RETRY_INFO)?.retryDelay);
  const nativeMessage = error?.message === "" ? undefined : error?.message;
  const text = nativeMessage === undefined ? context : context === undefined ? nativeMessage : `${nativeMessage} (${context})`;
  const init = {
    model,
    error: error ?? undefined,
    code: reason ?? null,
    param: firstFieldViolation(findDetail(details, BAD_REQUEST)) ?? null,
    type: error?.status ?? null,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
  const effectiveStatus = status ?? (typeof error?.code === "number" && error.code >= 400 ? error.code : undefined);
  if (effectiveStatus === undefined) {
    return new APIError(text ?? "error", { ...init, provider, headers, body, retryable: error?.status === "UNAVAILABLE" || error?.status === "INTERNAL" });
  }
  if (reason !== undefined && INVALID_KEY_REASONS.has(reason)) {
    // Google answers a bad key with 400; callers (and fallback) should see an authentication failure.
    return new AuthenticationError(text ?? "API key not valid", { ...init, status: effectiveStatus, provider, headers, body });
  }
  return APIError.fromResponse(effectiveStatus, body, headers, provider, text === undefined ? init : { ...init, message: text });
}

/** The `error` object of a Google error body (also inside the one-element array some endpoints send). */
function parseStatus(body: string): GoogleStatus | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (Array.isArray(parsed)) parsed = parsed[0];
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const error = (parsed as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return undefined;
  const record = error as Record<string, unknown>;
  const status: GoogleStatus = {
    code: typeof record["code"] === "number" ? record["code"] : 0,
    message: typeof record["message"] === "string" ? record["message"] : "",
    status: typeof record["status"] === "string" ? record["status"] : "",
  };
  if (Array.isArray(record["details"])) {
    status.details = record["details"].filter((detail): detail is Detail => typeof detail === "object" && detail !== null);
  }
  return status;
}

function findDetail(details: readonly Detail[], type: string): Detail | undefined {
  return details.find((detail) => detail["@type"] === type);
}

function stringField(detail: Detail | undefined, field: string): string | undefined {
  const value = detail?.[field];
  return typeof value === "string" ? value : undefined;
}

function firstFieldViolation(detail: Detail | undefined): string | undefined {
  const violations = detail?.["fieldViolations"];
  if (!Array.isArray(violations)) return undefined;
  const field = (violations[0] as { field?: unknown } | undefined)?.field;
  return typeof field === "string" ? field : undefined;
}

/** A protobuf Duration as JSON ("13s", "1.5s", "0.250s") -> milliseconds. */
export function parseRetryDelay(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(value);
  if (match === null) return undefined;
  return Math.round(Number(match[1]) * 1000);
}
