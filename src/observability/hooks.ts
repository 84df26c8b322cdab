// Hooks: plain callbacks the client calls as a call travels (no dependency, any runtime). Each gets
// one event object of plain data; keys never appear in it (auth headers are masked, URLs and error
// messages go through the same redaction as log lines). A hook that throws or rejects is reported
// through the logger and never changes the call.
import { InvalidRequestError } from "../errors.js";
import type { ChatCompletionCreateParams, CompletionUsage, OneLLMAttempt } from "../types.js";

/** Fields every event carries. */
export interface HookEventBase {
  /** One id per `create()` call, shared by all of its events. */
  callId: string;
  /** When the event happened, in ms since the epoch. */
  timestamp: number;
}

/** `create()` was called (before validation: a call that fails validation still starts and errors). */
export interface StartEvent extends HookEventBase {
  /** The model id as asked for (`provider/model`), or undefined when the body has none. */
  model: string | undefined;
  /** The first target, split into provider and model, when the id names a known provider. */
  target: { provider: string; model: string } | undefined;
  fallbackModels: readonly string[];
  stream: boolean;
  /** The body as the caller passed it (read-only: it is the caller's own object). */
  request: Readonly<ChatCompletionCreateParams>;
}

/** An HTTP request to a provider is about to be sent (once per attempt, retries included). */
export interface RequestEvent extends HookEventBase {
  /** 1 for the call's first HTTP request, then 2, 3, ... across retries and fallbacks. */
  attempt: number;
  provider: string;
  model: string;
  method: string;
  /** The request URL, with key-like query values redacted. */
  url: string;
  /** Request headers; credentials (authorization, x-api-key, x-goog-api-key, api-key, cookies) read "[REDACTED]". */
  headers: Record<string, string>;
  stream: boolean;
}

/** A provider answered an attempt with HTTP response headers (any status). */
export interface ResponseEvent extends HookEventBase {
  attempt: number;
  provider: string;
  model: string;
  status: number;
  /** Response headers, redacted as log lines are. */
  headers: Record<string, string>;
  /** The provider's request id header, when it sent one. */
  requestId: string | null;
  /** From sending the request to the response headers. */
  durationMs: number;
}

/** An attempt failed with a retryable error; the same target is tried again after `delayMs`. */
export interface RetryEvent extends HookEventBase {
  /** The attempt that failed. */
  attempt: number;
  provider: string;
  model: string;
  /** The retry about to happen: 1 for the first retry of this target. */
  retry: number;
  maxRetries: number;
  delayMs: number;
  error: Error;
  /** The error's class name (`RateLimitError`, `APIConnectionTimeoutError`, ...). */
  errorType: string;
}

/** A target failed (or could not take the request) and the next one in `fallback_models` is tried. */
export interface FallbackEvent extends HookEventBase {
  from: { provider: string; model: string };
  to: { provider: string; model: string };
  error: Error;
  errorType: string;
  /** False when the failed target was skipped before anything was sent (an unsupported parameter, no key). */
  sentRequest: boolean;
}

/** One choice of a completed call; for a stream, assembled from its chunks. */
export interface CompletedChoice {
  index: number;
  finish_reason: string | null;
  message: {
    role: string;
    content: string | null;
    refusal?: string | null | undefined;
    reasoning_content?: string | undefined;
    tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[] | undefined;
  };
}

/** A call succeeded: for a stream, when the stream has ended (or the caller stopped reading it). */
export interface CompleteEvent extends HookEventBase {
  /** Who served the call. */
  provider: string;
  model: string;
  stream: boolean;
  /** From `create()` to the completion (a stream: to its end). */
  durationMs: number;
  /** Streams: from `create()` to the first chunk reaching the caller. */
  timeToFirstChunkMs: number | undefined;
  /** The response id and the model the provider says answered. */
  id: string | undefined;
  responseModel: string | undefined;
  usage: CompletionUsage | undefined;
  finishReasons: (string | null)[];
  choices: CompletedChoice[];
  /** Every attempt of the call, as in `completion.onellm.attempts` (targets skipped before sending have `skipped: true`). */
  attempts: readonly OneLLMAttempt[];
  warnings: readonly string[];
  /** Streams: true when the caller stopped reading (break, abort) before the provider's end. */
  cancelled: boolean;
}

/** A call failed: validation, every target failed, an abort, or a stream broke after output. */
export interface ErrorEvent extends HookEventBase {
  error: Error;
  errorType: string;
  /** The HTTP status of the error, when it has one. */
  status: number | undefined;
  stream: boolean;
  durationMs: number;
  attempts: readonly OneLLMAttempt[];
  /** Streams: true when chunks had already reached the caller (`StreamInterruptedError`). */
  afterOutput: boolean;
}

type Hook<E> = ((event: E) => void | Promise<void>) | undefined;

/** Pass one object, or several (`hooks: [openTelemetryHooks(), myHooks]`); each is called in order. */
export interface Hooks {
  onStart?: Hook<StartEvent>;
  onRequest?: Hook<RequestEvent>;
  onResponse?: Hook<ResponseEvent>;
  onRetry?: Hook<RetryEvent>;
  onFallback?: Hook<FallbackEvent>;
  onComplete?: Hook<CompleteEvent>;
  onError?: Hook<ErrorEvent>;
}

/** The `hooks` client option as a list, checked up front: a misspelt value fails at construction, not mid-call. */
export function normaliseHooks(hooks: Hooks | readonly Hooks[] | undefined): readonly Hooks[] {
  if (hooks === undefined) return [];
  const list: readonly unknown[] = Array.isArray(hooks) ? hooks : [hooks];
  list.forEach((entry, index) => {
    if (typeof entry !== "object" || entry === null) {
      throw new InvalidRequestError(`Invalid client option hooks${Array.isArray(hooks) ? `[${index}]` : ""}: expected an object of hook functions (onRequest, onResponse, ...).`, "hooks");
    }
    for (const [name, value] of Object.entries(entry)) {
      const known = HOOK_NAMES.includes(name as keyof Hooks);
      if (!known && /^on[A-Z]/.test(name)) {
        throw new InvalidRequestError(`Unknown hook ${name} in client option hooks; the hooks are ${HOOK_NAMES.join(", ")}.`, "hooks");
      }
      if (known && value !== undefined && typeof value !== "function") {
        throw new InvalidRequestError(`Invalid client option hooks.${name}: expected a function, got ${typeof value}.`, "hooks");
      }
    }
  });
  return list as readonly Hooks[];
}

const HOOK_NAMES: readonly (keyof Hooks)[] = ["onStart", "onRequest", "onResponse", "onRetry", "onFallback", "onComplete", "onError"];
