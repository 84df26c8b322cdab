// Anthropic error bodies (`{ type: "error", error: { type, message }, request_id }`) -> our error
// classes. The HTTP status picks the class; a stream's `error` event (or an error body sent with a
// 2xx status) has no status of its own, so the error type stands in for it (overloaded_error is
// Anthropic's 529, which must stay retryable).
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
  request_too_large: 413,
};

export function statusForErrorType(type: string): number {
  if (Object.hasOwn(STATUS_BY_TYPE, type)) return STATUS_BY_TYPE[type as AnthropicErrorType];
  // An error type nobody documented is the server's problem until it says otherwise.
  return 500;
}

interface ErrorFields {
  type: string;
  message: string;
  /** The body's own `request_id` (Anthropic repeats its `request-id` header there). */
  requestId: string | undefined;
}

function errorFields(parsed: unknown): ErrorFields | undefined {
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { error, request_id: requestId } = parsed as { error?: unknown; request_id?: unknown };
  if (typeof error !== "object" || error === null) return undefined;
  const { type, message } = error as Record<string, unknown>;
  if (typeof type !== "string") return undefined;
  // The type is what decides (529 for overloaded_error); a missing message must not lose it.
  return { type, message: typeof message === "string" ? message : "no message", requestId: typeof requestId === "string" && requestId.length > 0 ? requestId : undefined };
}

function parseErrorBody(body: string): ErrorFields | undefined {
  try {
    return errorFields(JSON.parse(body));
  } catch {
    return undefined;
  }
}

/**
 * The body's request id, for errors with no `request-id` header to read it from (in-band errors,
 * relays that drop headers). APIError reads `requestId` from headers only, so it is added there.
 */
function withRequestId(headers: Headers | undefined, requestId: string | undefined): Headers | undefined {
  if (requestId === undefined || headers?.has("request-id") || headers?.has("x-request-id")) return headers;
  const copy = new Headers(headers);
  copy.set("request-id", requestId);
  return copy;
}

/** A non-2xx response -> the error class for its status, with Anthropic's type and message. */
export function errorFromAnthropicBody(status: number, body: string, headers: Headers | undefined, model: string): APIError {
  const error = parseErrorBody(body);
  if (error === undefined) return APIError.fromResponse(status, body, headers, PROVIDER, { model });
  return APIError.fromResponse(status, body, withRequestId(headers, error.requestId), PROVIDER, {
    model,
    error: { type: error.type, message: error.message },
    type: error.type,
    message: `${error.message} (${error.type})`,
  });
}

/**
 * An error that arrived where a message was expected (a stream's `error` event, or an error body
 * with a 2xx status) -> the error its type stands for; undefined when `value` is no error body.
 */
export function errorFromInBandBody(value: unknown, model: string, where: string): APIError | undefined {
  if (typeof value !== "object" || value === null || (value as { type?: unknown }).type !== "error") return undefined;
  const error = errorFields(value);
  if (error === undefined) return undefined;
  return APIError.fromResponse(statusForErrorType(error.type), JSON.stringify(value), withRequestId(undefined, error.requestId), PROVIDER, {
    model,
    error: { type: error.type, message: error.message },
    type: error.type,
    message: `${error.message} (${error.type}, ${where})`,
  });
}

/** A stream's in-band `error` event -> the error its type stands for (529 overloaded stays retryable). */
export function errorFromStreamEvent(event: AnthropicStreamErrorEvent, model: string): APIError {
  return (
    errorFromInBandBody(event, model, "sent in the stream") ??
    // An error event without a readable type is still an error, of the server's making.
    APIError.fromResponse(500, JSON.stringify(event), undefined, PROVIDER, { model, message: "Anthropic sent an unreadable error event" })
  );
}
