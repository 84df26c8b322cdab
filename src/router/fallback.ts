// Pure fallback policy: after a target has failed for good, may the next target be tried?
import { APIError, APIUserAbortError, AuthenticationError, IncompleteStreamError, InvalidRequestError, UnsupportedParameterError } from "../errors.js";

export type FallbackDecision = "next-target" | "stop";

const CONTEXT_LENGTH = /context[_ ]length|context window|prompt is too long|too many tokens|exceeds the maximum number of tokens|maximum context/i;

export function isContextLengthError(error: APIError): boolean {
  if (error.code === "context_length_exceeded") return true;
  return CONTEXT_LENGTH.test(error.message) || (error.body !== undefined && CONTEXT_LENGTH.test(error.body));
}

export function decideFallback(error: unknown): FallbackDecision {
  if (error instanceof APIUserAbortError) return "stop";
  // This target cannot take the request as written; another one may.
  if (error instanceof UnsupportedParameterError) return "next-target";
  if (error instanceof InvalidRequestError) return "stop";
  if (error instanceof IncompleteStreamError) return "next-target";
  if (!(error instanceof APIError)) return "stop";
  if (error instanceof AuthenticationError) return "next-target";
  const status = error.status;
  if (status === undefined) return error.isRetryable ? "next-target" : "stop";
  // A fault of this deployment (key, permission, model name), not of the request.
  if (status === 401 || status === 403 || status === 404) return "next-target";
  if (status === 400 || status === 413 || status === 422) return isContextLengthError(error) ? "next-target" : "stop";
  if (status >= 300 && status < 400) return "next-target";
  // A failure of this provider, not of the request: another provider may serve it, even when this
  // one said `x-should-retry: false` (that header is about retrying here, not elsewhere).
  if (status === 408 || status === 409 || status === 429 || status >= 500) return "next-target";
  return error.isRetryable ? "next-target" : "stop";
}
