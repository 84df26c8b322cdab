// OpenAI-dialect error bodies: `{ error: { message, type, param, code } }`. The resulting error reads
// as the `openai` package's would: message `"<status> <error.message>"`, and `error`, `code`,
// `param`, `type` taken from the body's `error` object as sent (absent stays undefined).
import { APIError } from "../../errors.js";

export function errorFromOpenAIBody(
  status: number | undefined,
  body: string,
  headers: Headers | undefined,
  provider: string,
  model: string,
  context?: string,
): APIError {
  let message: string | undefined;
  let code: string | null | undefined;
  let param: string | null | undefined;
  let type: string | null | undefined;
  let error: unknown;
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    error = parsed.error ?? parsed;
    if (typeof parsed.error === "object" && parsed.error !== null) {
      const fields = parsed.error as Record<string, unknown>;
      const text = fields["message"];
      // As `openai` does: a non-string message is shown as JSON, a missing one as the whole object.
      message = text ? (typeof text === "string" ? text : JSON.stringify(text)) : JSON.stringify(fields);
      code = nullableString(fields, "code");
      param = nullableString(fields, "param");
      type = nullableString(fields, "type");
    } else if (typeof parsed.error === "string") {
      message = parsed.error;
    } else if (parsed.error === undefined && typeof (parsed as Record<string, unknown>)["message"] === "string") {
      // Some OpenAI-compatible servers answer `{ "message": "..." }` without the `error` wrapper.
      message = (parsed as Record<string, unknown>)["message"] as string;
    }
  } catch {
    // Not JSON (an HTML page from a proxy, say): the capped body speaks for itself.
  }
  const effectiveStatus = status ?? (typeof code === "string" && /^\d{3}$/.test(code) ? Number(code) : undefined);
  const text = context && message ? `${message} (${context})` : (message ?? context);
  if (effectiveStatus === undefined) {
    return new APIError(text ?? "error", { provider, model, body, headers, error, code, param, type, retryable: isTransient(type) || isTransient(code), bareMessage: true });
  }
  return APIError.fromResponse(effectiveStatus, body, headers, provider, {
    model,
    error,
    code,
    param,
    type,
    bareMessage: true,
    ...(text === undefined ? {} : { message: text }),
  });
}

/**
 * In-band error types (no HTTP status of their own) that mean "the server, not the request": an
 * overload, an internal error, a timeout, a rate limit. Before any content they are retried
 * invisibly, as Anthropic's overloaded_error and Gemini's UNAVAILABLE are; OpenAI-format relays of
 * other providers pass those types through.
 */
const TRANSIENT = new Set([
  "server_error",
  "internal_error",
  "internal_server_error",
  "api_error",
  "overloaded",
  "overloaded_error",
  "service_unavailable",
  "service_unavailable_error",
  "unavailable",
  "timeout",
  "timeout_error",
  "rate_limit_error",
  "rate_limit_exceeded",
  "too_many_requests",
]);

function isTransient(value: string | null | undefined): boolean {
  return typeof value === "string" && TRANSIENT.has(value.toLowerCase());
}

/** The field as sent: a string, null, or (when absent) undefined; numbers become strings. */
function nullableString(fields: Record<string, unknown>, name: string): string | null | undefined {
  if (!(name in fields)) return undefined;
  const value = fields[name];
  if (value === null || value === undefined) return value as null | undefined;
  return typeof value === "string" ? value : String(value);
}
