// Pure retry policy: which failures are retried on the same target, and how long to wait first.
import { APIError, APIUserAbortError, IncompleteStreamError } from "../errors.js";

/** A server-requested wait above this is not slept: the router moves on instead. */
export const MAX_SERVER_WAIT_MS = 60_000;
const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;
const MAX_JITTER = 0.25;

/** Whether this failure may be retried on the same target. */
export function isRetryableFailure(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIError) return error.isRetryable;
  // A stream that closed before its first chunk without the end marker: nothing reached the caller.
  return error instanceof IncompleteStreamError;
}

/** Exponential backoff for retry number `retry` (0-based): min(0.5 * 2^n, 8) s, minus up to 25% jitter. */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** retry, MAX_BACKOFF_MS);
  return Math.round(base * (1 - MAX_JITTER * random()));
}

export type RetryPlan =
  | { action: "retry"; delayMs: number; fromServer: boolean }
  | { action: "give-up"; reason: "not-retryable" | "retries-exhausted" }
  | { action: "move-on"; reason: "server-wait-too-long" | "past-deadline"; retryAfterMs: number };

export interface RetryState {
  /** Retries already made on this target. */
  retriesDone: number;
  maxRetries: number;
  /** Time left in the call's overall budget, if it has one. */
  remainingMs: number | undefined;
  random?: () => number;
}

export function planRetry(error: unknown, state: RetryState): RetryPlan {
  if (!isRetryableFailure(error)) return { action: "give-up", reason: "not-retryable" };
  if (state.retriesDone >= state.maxRetries) return { action: "give-up", reason: "retries-exhausted" };
  const serverWait = error instanceof APIError ? error.retryAfterMs : undefined;
  if (serverWait !== undefined) {
    if (serverWait > MAX_SERVER_WAIT_MS) return { action: "move-on", reason: "server-wait-too-long", retryAfterMs: serverWait };
    if (state.remainingMs !== undefined && serverWait > state.remainingMs) {
      return { action: "move-on", reason: "past-deadline", retryAfterMs: serverWait };
    }
    return { action: "retry", delayMs: serverWait, fromServer: true };
  }
  const delayMs = backoffDelay(state.retriesDone, state.random);
  if (state.remainingMs !== undefined && delayMs > state.remainingMs) {
    return { action: "move-on", reason: "past-deadline", retryAfterMs: delayMs };
  }
  return { action: "retry", delayMs, fromServer: false };
}

/** Sleeps, ending at once (with APIUserAbortError) when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new APIUserAbortError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError("Request was aborted during a retry wait."));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
