// Anthropic error bodies (`{ type: "error", error: { type, message }, request_id }`) -> our error
// classes. The HTTP status picks the class; a stream's `error` event has no status, so the error
// type stands in for it (overloaded_error is Anthropic's 529, which must stay retryable).
import { APIError } from "../../errors.js";
import type { AnthropicErrorType, AnthropicStreamErrorEvent } from "./anthropic-schema.js";

const PROVIDER = "anthropic";

/** The HTTP status Anthropic documents for each error type; a type added to the spec must be added here. */
const STATUS_BY_TYPE: Record<AnthropicErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** Types the API sends that the spec does not list yet. */
const UNLISTED_STATUS: Readonly<Record<string, number>> = { request_too_large: 413 };

export function statusForErrorType(type: string): number {
  if (Object.hasOwn(STATUS_BY_TYPE, type)) return STATUS_BY_TYPE[type as AnthropicErrorType];
  // An error type nobody documented is the server's problem until it says otherwise.
  return UNLISTED_STATUS[type] ?? 500;
}

interface ErrorFields {
  type: string;
  message: string;
}

function parseErrorBody(body: string): ErrorFields | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const error = (parsed as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return undefined;
  const { type, message } = error as Record<string, unknown>;
  return typeof type === "string" && typeof message === "string" ? { type, message } : undefined;
}

/** A non-2xx response -> the error class for its status, with Anthropic's type and message. */
export function errorFromAnthropicBody(status: number, body: string, headers: Headers | undefined, model: string): APIError {
  const error = parseErrorBody(body);
  if (error === undefined) return APIError.fromResponse(status, body, headers, PROVIDER, { model });
  return APIError.fromResponse(status, body, headers, PROVIDER, {
    model,
    error,
    type: error.type,
    message: `${error.message} (${error.type})`,
  });
}

/** A stream's in-band `error` event -> the error its type stands for (529 overloaded stays retryable). */
export function errorFromStreamEvent(event: AnthropicStreamErrorEvent, model: string): APIError {
  const { type, message } = event.error;
  return APIError.fromResponse(statusForErrorType(type), JSON.stringify(event), undefined, PROVIDER, {
    model,
    error: event.error,
    type,
    message: `${message} (${type}, sent in the stream)`,
  });
}
