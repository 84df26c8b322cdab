// The errors of an exchange with a provider: the base class, APIError and its subclasses by status,
// and the connection, timeout and abort errors. Class names follow the `openai` package so that
// `catch (e) { if (e instanceof RateLimitError) ... }` reads the same after swapping the import.
// errors.ts re-exports all of this beside onellm's own errors (validation, streams, fallbacks).
import { redactCause, redactDeep, redactHeaders, redactSecrets, registerSecret } from "./core/redact.js";
import { parseRetryAfter } from "./core/retry-after.js";
import { capText, composeMessage, summarizeBody } from "./error-text.js";

/** Error bodies longer than this are cut (an HTML error page must not become a 20 KB message). */
export const MAX_ERROR_BODY_CHARS = 2048;

/**
 * The base of every error onellm throws (`openai`'s `OpenAIError`, also exported under that name):
 * `catch (e) { if (e instanceof OpenAIError) … }` catches them all. Messages never contain a key.
 * @example catch (error) { if (error instanceof OneLLMError) console.error(error.name, error.message); }
 */
export class OneLLMError extends Error {
  override name = "OneLLMError";
  constructor(message: string, options?: { cause?: unknown }) {
    // The cause too: a platform error's message or stack may quote a header value, i.e. a key.
    super(redactSecrets(message), options?.cause === undefined ? undefined : { cause: redactCause(options.cause) });
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
  /**
   * The message exactly as `openai` builds it (`"<status> <message>"`), without the
   * ` [provider/model]` suffix: OpenAI-dialect errors read the same as with the `openai` package.
   */
  bareMessage?: boolean | undefined;
  /** The message exactly as given: no status prefix, no suffix (our own validation errors). */
  plainMessage?: boolean | undefined;
  cause?: unknown;
}

/**
 * A provider answered with an error status, or the exchange failed: `status`, `provider`, `model`,
 * `requestID`, `headers`, the capped `body`, `error`/`code`/`param`/`type`, `retryAfterMs` and
 * `isRetryable`. The subclasses below are picked by status, as in `openai`.
 * @example catch (error) { if (error instanceof APIError) console.log(error.status, error.provider, error.requestID); }
 */
export class APIError extends OneLLMError {
  override name = "APIError";
  readonly status: number | undefined;
  readonly provider: string | undefined;
  readonly model: string | undefined;
  readonly requestId: string | undefined;
  /** As `openai` spells it: the request id header, `null` when the response had none. */
  readonly requestID: string | null | undefined;
  readonly headers: Headers | undefined;
  /** The response body, capped at MAX_ERROR_BODY_CHARS and with any known key removed. */
  readonly body: string | undefined;
  readonly error: unknown;
  readonly code: string | null | undefined;
  readonly param: string | null | undefined;
  readonly type: string | null | undefined;
  private readonly explicitRetryAfterMs: number | undefined;
  private readonly retryableOverride: boolean | undefined;

  constructor(message: string, init?: APIErrorInit);
  /** `openai`'s signature, so code that builds errors for `openai` (mocks, tests) keeps working. */
  constructor(status: number | undefined, error: object | undefined, message: string | undefined, headers: Headers | undefined);
  constructor(first: string | number | undefined, second?: unknown, third?: string, fourth?: Headers) {
    const [message, init] =
      typeof first === "string"
        ? [first, (second as APIErrorInit | undefined) ?? {}]
        : fromOpenAIArgs(first, second as object | undefined, third, fourth);
    super(composeMessage(message, init), { cause: init.cause });
    this.status = init.status;
    this.provider = init.provider;
    this.model = init.model;
    // Everything kept on the error shows in `util.inspect`, so every string a provider sent back
    // (an echoed key in the parsed body or in a header) goes through redaction too.
    this.headers = redactHeaders(init.headers);
    this.requestId = pickRequestId(this.headers);
    this.requestID = this.headers === undefined ? undefined : (this.requestId ?? null);
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
    const message = detailMessage ?? (body ? summarizeBody(body) : "");
    const init: APIErrorInit = { ...rest, status, body, headers, provider };
    const ErrorClass = errorClassForStatus(status);
    return new ErrorClass(message, init);
  }

  /** `openai`'s factory: `errorResponse` is the parsed body (`{ error: {...} }`). */
  static generate(
    status: number | undefined,
    errorResponse: object | undefined,
    message: string | undefined,
    headers: Headers | undefined,
  ): APIError {
    if (!status || !headers) {
      const cause = errorResponse instanceof Error ? errorResponse : undefined;
      return new APIConnectionError(message ?? "Connection error.", cause === undefined ? {} : { cause });
    }
    const error = (errorResponse as { error?: unknown } | undefined)?.error;
    const ErrorClass = errorClassForStatus(status);
    return new ErrorClass(status, error as object | undefined, message, headers);
  }
}

/** Reads `openai`'s constructor arguments the way `openai` does (message from `error.message`). */
function fromOpenAIArgs(
  status: number | undefined,
  error: object | undefined,
  message: string | undefined,
  headers: Headers | undefined,
): [string, APIErrorInit] {
  const fields = error as Record<string, unknown> | undefined;
  const inner = fields?.["message"];
  const text = inner ? (typeof inner === "string" ? inner : JSON.stringify(inner)) : error ? JSON.stringify(error) : (message ?? "");
  const init: APIErrorInit = { status, headers, error, bareMessage: true };
  if (fields && "code" in fields) init.code = fields["code"] as string | null;
  if (fields && "param" in fields) init.param = fields["param"] as string | null;
  if (fields && "type" in fields) init.type = fields["type"] as string | null;
  return [text, init];
}

type ErrorClassCtor = {
  new (message: string, init: APIErrorInit): APIError;
  new (status: number | undefined, error: object | undefined, message: string | undefined, headers: Headers | undefined): APIError;
};

function errorClassForStatus(status: number): ErrorClassCtor {
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

/**
 * 400: the provider refused the request (onellm's own validation errors are `BadRequestError`s too).
 * @example catch (error) { if (error instanceof BadRequestError) console.log(error.param, error.message); }
 */
export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
/**
 * 401, or no key configured for the provider: check `<PROVIDER>_API_KEY` / `providers.<name>.apiKey`.
 * The router moves on to the next of `fallback_models` at once.
 * @example catch (error) { if (error instanceof AuthenticationError) console.log(`check the key for ${error.provider}`); }
 */
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
/**
 * 403: the key may not use this model or feature.
 * @example catch (error) { if (error instanceof PermissionDeniedError) console.log(error.provider, error.model); }
 */
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
/**
 * 404: usually a model id the provider does not know.
 * @example catch (error) { if (error instanceof NotFoundError) console.log(`no model ${error.model} at ${error.provider}`); }
 */
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
/**
 * 409: retried like a server error.
 * @example catch (error) { if (error instanceof ConflictError) console.log(error.requestID); }
 */
export class ConflictError extends APIError {
  override name = "ConflictError";
}
/**
 * 422: the provider understood the request but cannot process it.
 * @example catch (error) { if (error instanceof UnprocessableEntityError) console.log(error.body); }
 */
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
}
/**
 * 429: retried after the wait the provider asks for (`retryAfterMs`), then the next fallback model.
 * @example catch (error) { if (error instanceof RateLimitError) console.log(`retry in ${error.retryAfterMs ?? "?"} ms`); }
 */
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}
/**
 * 5xx (Anthropic's 529 overload included): retried, then the next fallback model.
 * @example catch (error) { if (error instanceof InternalServerError) console.log(error.status, error.provider); }
 */
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}

/** `openai`'s options-object form for the status-less errors: `new APIConnectionError({ message, cause })`. */
export interface StatuslessErrorOptions {
  message?: string | undefined;
  cause?: unknown;
}

function statusless(first: string | StatuslessErrorOptions | undefined, init: APIErrorInit, fallback: string): [string, APIErrorInit] {
  if (typeof first === "string") return [first, init];
  const cause = first?.cause;
  return [first?.message || fallback, cause === undefined ? init : { ...init, cause }];
}

/**
 * The request never got an HTTP response (refused, reset, DNS). Retryable.
 * @example catch (error) { if (error instanceof APIConnectionError) console.log("network trouble:", error.message); }
 */
export class APIConnectionError extends APIError {
  override name = "APIConnectionError";
  constructor(message?: string | StatuslessErrorOptions, init: APIErrorInit = {}) {
    super(...statusless(message, init, "Connection error."));
  }
  override get isRetryable(): boolean {
    return true;
  }
}

/**
 * An attempt ran out of time (connect, headers, body, or idle between stream events). Retryable.
 * Raise `timeout` (per attempt, ms) or `streamIdleTimeout` if the model needs longer.
 * @example catch (error) { if (error instanceof APIConnectionTimeoutError) console.log("timed out:", error.message); }
 */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = "APIConnectionTimeoutError";
  constructor(message?: string | StatuslessErrorOptions, init: APIErrorInit = {}) {
    super(...statusless(message, init, "Request timed out."));
  }
}

/**
 * The caller aborted through `signal` (or a helper's `abort()`). Never retried, never falls back.
 * @example await create(body, { signal }).catch((error) => { if (!(error instanceof APIUserAbortError)) throw error; });
 */
export class APIUserAbortError extends APIError {
  override name = "APIUserAbortError";
  constructor(message?: string | StatuslessErrorOptions, init: APIErrorInit = {}) {
    super(...statusless(message, init, "Request was aborted."));
  }
  override get isRetryable(): boolean {
    return false;
  }
}

/** The provider's request id header (`x-request-id` for OpenAI, `request-id` for Anthropic). */
export function pickRequestId(headers: Headers | undefined): string | undefined {
  if (!headers) return undefined;
  return headers.get("x-request-id") ?? headers.get("request-id") ?? headers.get("x-goog-request-id") ?? headers.get("x-amzn-requestid") ?? undefined;
}

export { registerSecret };
