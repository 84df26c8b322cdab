// One error hierarchy for every provider. Class names follow the `openai` package so that
// `catch (e) { if (e instanceof RateLimitError) ... }` reads the same after swapping the import.
import { redactSecrets, registerSecret } from "./core/redact.js";
import { parseRetryAfter } from "./core/retry-after.js";

/** Error bodies longer than this are cut (an HTML error page must not become a 20 KB message). */
export const MAX_ERROR_BODY_CHARS = 2048;
const MAX_MESSAGE_CHARS = 500;

export class OneLLMError extends Error {
  override name = "OneLLMError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(redactSecrets(message), options?.cause === undefined ? undefined : { cause: options.cause });
  }
}
/** Alias matching `openai`'s base class name. */
export { OneLLMError as OpenAIError };

export interface APIErrorInit {
  status?: number | undefined;
  provider?: string | undefined;
  model?: string | undefined;
  headers?: Headers | undefined;
  body?: string | undefined;
  /** The parsed error object, when the body was JSON. */
  error?: unknown;
  code?: string | null | undefined;
  param?: string | null | undefined;
  type?: string | null | undefined;
  /** Provider-specified wait before retrying, in milliseconds (Gemini `retryDelay`). */
  retryAfterMs?: number | undefined;
  /** Overrides the status-based retry decision (e.g. a 200 whose body is not JSON). */
  retryable?: boolean | undefined;
  cause?: unknown;
}

export class APIError extends OneLLMError {
  override name = "APIError";
  readonly status: number | undefined;
  readonly provider: string | undefined;
  readonly model: string | undefined;
  readonly requestId: string | undefined;
  readonly headers: Headers | undefined;
  /** The response body, capped at MAX_ERROR_BODY_CHARS and with any known key removed. */
  readonly body: string | undefined;
  readonly error: unknown;
  readonly code: string | null | undefined;
  readonly param: string | null | undefined;
  readonly type: string | null | undefined;
  private readonly explicitRetryAfterMs: number | undefined;
  private readonly retryableOverride: boolean | undefined;

  constructor(message: string, init: APIErrorInit = {}) {
    super(composeMessage(message, init), { cause: init.cause });
    this.status = init.status;
    this.provider = init.provider;
    this.model = init.model;
    // Everything kept on the error shows in `util.inspect`, so every string a provider sent back
    // (an echoed key in the parsed body or in a header) goes through redaction too.
    this.headers = redactHeaders(init.headers);
    this.requestId = pickRequestId(this.headers);
    this.body = init.body === undefined ? undefined : capText(redactSecrets(init.body), MAX_ERROR_BODY_CHARS);
    this.error = redactDeep(init.error, 0);
    this.code = typeof init.code === "string" ? redactSecrets(init.code) : init.code;
    this.param = typeof init.param === "string" ? redactSecrets(init.param) : init.param;
    this.type = typeof init.type === "string" ? redactSecrets(init.type) : init.type;
    this.explicitRetryAfterMs = init.retryAfterMs;
    this.retryableOverride = init.retryable;
  }

  /** How long the server asked us to wait (retry-after-ms, Retry-After, or a body-level delay). */
  get retryAfterMs(): number | undefined {
    return this.explicitRetryAfterMs ?? parseRetryAfter(this.headers);
  }

  /** Whether the router may retry this error on the same target. */
  get isRetryable(): boolean {
    if (this.retryableOverride !== undefined) return this.retryableOverride;
    const override = this.headers?.get("x-should-retry");
    if (override === "true") return true;
    if (override === "false") return false;
    const status = this.status;
    if (status === undefined) return false;
    return status === 408 || status === 409 || status === 429 || status >= 500;
  }

  /** Picks the subclass by HTTP status, as `openai` does. */
  static fromResponse(
    status: number,
    body: string | undefined,
    headers: Headers | undefined,
    provider: string | undefined,
    details: Omit<APIErrorInit, "status" | "body" | "headers" | "provider"> & { message?: string } = {},
  ): APIError {
    const { message: detailMessage, ...rest } = details;
    const message = detailMessage ?? (body ? summarizeBody(body) : `HTTP ${status} with no body`);
    const init: APIErrorInit = { ...rest, status, body, headers, provider };
    const ErrorClass = errorClassForStatus(status);
    return new ErrorClass(message, init);
  }
}

function errorClassForStatus(status: number): new (message: string, init: APIErrorInit) => APIError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 422:
      return UnprocessableEntityError;
    case 429:
      return RateLimitError;
    default:
      return status >= 500 ? InternalServerError : APIError;
  }
}

export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
export class ConflictError extends APIError {
  override name = "ConflictError";
}
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
}
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}

/** The request never got an HTTP response (refused, reset, DNS). Retryable. */
export class APIConnectionError extends APIError {
  override name = "APIConnectionError";
  constructor(message: string, init: APIErrorInit = {}) {
    super(message, init);
  }
  override get isRetryable(): boolean {
    return true;
  }
}

/** An attempt ran out of time (connect, headers, body, or idle between stream events). Retryable. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = "APIConnectionTimeoutError";
}

/** The caller aborted through `signal`. Never retried, never falls back. */
export class APIUserAbortError extends APIError {
  override name = "APIUserAbortError";
  constructor(message = "Request was aborted.", init: APIErrorInit = {}) {
    super(message, init);
  }
  override get isRetryable(): boolean {
    return false;
  }
}

/** Our own validation of the unified request failed; nothing was sent. */
export class InvalidRequestError extends OneLLMError {
  override name = "InvalidRequestError";
  constructor(
    message: string,
    readonly param: string | undefined,
  ) {
    super(message);
  }
}

/** A parameter or content part the chosen provider cannot honour, under the `error` policy. */
export class UnsupportedParameterError extends InvalidRequestError {
  override name = "UnsupportedParameterError";
  constructor(
    readonly parameter: string,
    readonly provider: string,
    detail?: string,
  ) {
    super(
      `${provider} does not support \`${parameter}\`${detail ? ` (${detail})` : ""}. ` +
        `Remove it, choose a model that supports it, or set unsupportedParams: "drop" (or "warn") to send the request without it.`,
      parameter,
    );
  }
}

/** The provider's stream closed cleanly but never sent its end marker. */
export class IncompleteStreamError extends OneLLMError {
  override name = "IncompleteStreamError";
  constructor(
    message: string,
    readonly provider: string | undefined,
    readonly partialText: string,
  ) {
    super(message);
  }
}

/** The stream failed after chunks had reached the caller; nothing is spliced or retried. */
export class StreamInterruptedError extends OneLLMError {
  override name = "StreamInterruptedError";
  constructor(
    message: string,
    readonly provider: string | undefined,
    readonly partialText: string,
    cause: unknown,
  ) {
    super(message, { cause });
  }
}

export interface TargetFailure {
  provider: string;
  model: string;
  error: Error;
}

/** Every target in `[model, ...fallback_models]` failed or was skipped. */
export class AllTargetsFailedError extends OneLLMError {
  override name = "AllTargetsFailedError";
  constructor(readonly errors: TargetFailure[]) {
    super(
      `All ${errors.length} targets failed: ` +
        errors.map((failure) => `${failure.provider}/${failure.model}: ${failure.error.name}: ${failure.error.message}`).join("; "),
    );
  }
}

function composeMessage(message: string, init: APIErrorInit): string {
  const prefix = init.status === undefined ? "" : `${init.status} `;
  const where = init.provider ? ` [${init.provider}${init.model ? `/${init.model}` : ""}]` : "";
  return capText(`${prefix}${message}${where}`, MAX_MESSAGE_CHARS + 80);
}

function summarizeBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith("<")) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return `HTML error page${title ? `: ${title}` : ""} (${body.length} bytes)`;
  }
  return capText(trimmed.replace(/\s+/g, " "), MAX_MESSAGE_CHARS);
}

function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more chars]`;
}

const MAX_REDACT_DEPTH = 8;

function redactDeep(value: unknown, depth: number): unknown {
  if (typeof value === "string") return redactSecrets(value);
  if (value === null || typeof value !== "object" || depth >= MAX_REDACT_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) copy[name] = redactDeep(item, depth + 1);
  return copy;
}

function redactHeaders(headers: Headers | undefined): Headers | undefined {
  if (!headers) return undefined;
  let changed = false;
  const copy = new Headers();
  headers.forEach((value, name) => {
    const clean = redactSecrets(value);
    if (clean !== value) changed = true;
    copy.append(name, clean);
  });
  return changed ? copy : headers;
}

function pickRequestId(headers: Headers | undefined): string | undefined {
  if (!headers) return undefined;
  return headers.get("x-request-id") ?? headers.get("request-id") ?? headers.get("x-goog-request-id") ?? undefined;
}

export { registerSecret };
