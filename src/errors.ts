// One error hierarchy for every provider. The provider-answer errors (APIError and its subclasses
// by status, connection, timeout, abort) live in errors-api.ts and are re-exported here; this file
// adds onellm's own: invalid requests, unsupported parameters, broken streams, failed fallbacks.
import { APIError, BadRequestError, OneLLMError, type APIErrorInit } from "./errors-api.js";

export * from "./errors-api.js";

/**
 * Our own validation of the unified request failed; nothing was sent. A `BadRequestError` (status
 * 400, `type: "invalid_request_error"`), as the API's own answer to the same request would be, so
 * `catch (e) { if (e instanceof BadRequestError) … }` written for `openai` still catches it.
 * @example catch (error) { if (error instanceof InvalidRequestError) console.log(`fix ${error.param}: ${error.message}`); }
 */
export class InvalidRequestError extends BadRequestError {
  override name = "InvalidRequestError";
  constructor(message: string, param: string | undefined, init: Pick<APIErrorInit, "provider" | "code"> = {}) {
    const code = init.code ?? null;
    super(message, {
      status: 400,
      provider: init.provider,
      code,
      param: param ?? null,
      type: "invalid_request_error",
      error: { message, type: "invalid_request_error", param: param ?? null, code },
      plainMessage: true,
    });
  }
}

/**
 * A parameter or content part the chosen provider cannot honour, under the `error` policy: thrown
 * before anything is sent, naming the parameter and the provider. `unsupportedParams: "drop"`
 * sends the request without it (listed in `onellm.warnings`).
 * @example catch (error) { if (error instanceof UnsupportedParameterError) console.log(error.provider, error.parameter); }
 */
export class UnsupportedParameterError extends InvalidRequestError {
  override name = "UnsupportedParameterError";
  constructor(
    readonly parameter: string,
    provider: string,
    detail?: string,
  ) {
    super(
      `${provider} does not support \`${parameter}\`${detail ? ` (${detail})` : ""}. ` +
        `Remove it, choose a model that supports it, or set unsupportedParams: "drop" (or "warn") to send the request without it.`,
      parameter,
      { provider, code: "unsupported_parameter" },
    );
  }
}

/**
 * A binary AWS event stream that cannot be read: a checksum that does not match (bytes corrupted in
 * transit), a frame whose lengths do not add up, or a stream cut inside a frame. Retryable before
 * any output reached the caller, like any broken response.
 * @example catch (error) { if (error instanceof EventStreamError) console.log(error.provider, error.message); }
 */
export class EventStreamError extends APIError {
  override name = "EventStreamError";
  constructor(message: string, init: APIErrorInit = {}) {
    super(message, { retryable: true, ...init });
  }
}

/**
 * The provider's stream closed cleanly but never sent its end marker: the answer may be cut.
 * `partialText` holds what arrived.
 * @example catch (error) { if (error instanceof IncompleteStreamError) console.log("[cut off]", error.partialText); }
 */
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

/**
 * The stream failed after chunks had reached the caller; nothing is spliced or retried.
 * `partialText` holds what arrived, `cause` the failure.
 * @example catch (error) { if (error instanceof StreamInterruptedError) console.log(error.provider, error.partialText); }
 */
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

/** One attempt of a call that failed overall (as `onellm.attempts` lists them on success). */
export interface FailedAttempt {
  provider: string;
  model: string;
  status?: number;
  error?: string;
  duration_ms: number;
  /** Nothing was sent: the target cannot take the request as written (`reason` says why). */
  skipped?: boolean;
  reason?: string;
}

/**
 * Every target in `[model, ...fallback_models]` failed or was skipped: `errors` holds each target's
 * error, `attempts` every attempt (skipped targets too). (With one target, its own error is thrown instead.)
 * @example catch (error) { if (error instanceof AllTargetsFailedError) console.log(error.errors.map((f) => f.provider)); }
 */
export class AllTargetsFailedError extends OneLLMError {
  override name = "AllTargetsFailedError";
  constructor(
    readonly errors: TargetFailure[],
    /** Every attempt, in order, targets skipped before sending included (the entries a success lists in `onellm.attempts`). */
    readonly attempts: readonly FailedAttempt[] = [],
  ) {
    super(
      `All ${errors.length} targets failed: ` +
        errors.map((failure) => `${failure.provider}/${failure.model}: ${failure.error.name}: ${failure.error.message}`).join("; "),
    );
  }
}
