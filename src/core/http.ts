// The transport: one attempt = one HTTP exchange with its own deadline, tied to the caller's
// AbortSignal. Redirects are never followed (a key must not travel to another origin), keep-alive
// comes from the platform fetch, and every failure becomes one of our error classes.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "../errors.js";

export type FetchLike = (request: Request) => Promise<Response>;

type AbortReason = "timeout" | "idle" | "deadline" | "user" | "done";

export interface AttemptOptions {
  /** Caller's signal: aborting it ends the attempt with APIUserAbortError. */
  signal: AbortSignal | undefined;
  /** Connect + headers + (for non-streamed calls) the body, in milliseconds. */
  timeoutMs: number;
  /**
   * When nothing more may happen, across all attempts: a time on the monotonic clock
   * (`performance.now()`), so a wall-clock jump neither ends a call early nor stretches it.
   */
  deadline?: number | undefined;
  provider: string;
  model: string;
}

/**
 * What a stream consumer tells the attempt, so that the idle timeout measures the provider's
 * silence: it runs only while the consumer waits for data, and only events (not comments, not
 * keep-alive bytes) count as the provider speaking.
 */
export interface StreamActivity {
  /** The consumer asked for the next chunk and nothing is queued: silence counts from now. */
  waitStarted(): void;
  /** The consumer got its chunk (or an error): silence stops counting. */
  waitEnded(): void;
  /** The provider sent an event (data), not just a comment or a keep-alive. */
  eventArrived(): void;
}

/** One HTTP exchange: owns the AbortController the request runs under and its timers. */
export class Attempt implements StreamActivity {
  private readonly controller = new AbortController();
  private reason: AbortReason | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private idleMs = 0;
  private lastActivity = 0;
  /** The consumer waits for data: only then does silence count against the idle timeout. */
  private waiting = false;
  private readonly onUserAbort: () => void;
  private readonly userSignal: AbortSignal | undefined;

  constructor(private readonly options: AttemptOptions) {
    this.userSignal = options.signal;
    this.onUserAbort = () => this.abort("user");
    if (options.signal) {
      if (options.signal.aborted) this.abort("user");
      else options.signal.addEventListener("abort", this.onUserAbort, { once: true });
    }
    if (this.reason === undefined) this.arm(options.timeoutMs, "timeout");
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get provider(): string {
    return this.options.provider;
  }

  get model(): string {
    return this.options.model;
  }

  /** Headers arrived on a stream: swap the attempt timeout for an idle timeout between events. */
  startIdleTimer(idleMs: number): void {
    this.clearTimer();
    this.idleMs = idleMs;
    this.lastActivity = performance.now();
    if (this.waiting && this.reason === undefined) this.scheduleIdleCheck(idleMs);
  }

  waitStarted(): void {
    if (this.waiting) return;
    this.waiting = true;
    // The time the consumer spent holding its chunks is not the provider's silence.
    this.lastActivity = performance.now();
    // The check lapsed while the consumer held a chunk (no timer then, so none keeps the process up).
    if (this.timer === undefined && this.idleMs > 0 && this.reason === undefined) this.scheduleIdleCheck(this.idleMs);
    else refTimer(this.timer, true);
  }

  waitEnded(): void {
    this.waiting = false;
    refTimer(this.timer, false);
  }

  eventArrived(): void {
    this.lastActivity = performance.now();
  }

  /**
   * Races a body read against this attempt's abort. The platform fetch does not always settle a
   * pending read when the request is aborted after the whole body has arrived (undici leaves it
   * hanging), so an abort, timeout or idle timeout could otherwise never reach the caller.
   */
  async raceAbort<T>(read: Promise<T>): Promise<T> {
    const signal = this.controller.signal;
    if (signal.aborted) {
      read.catch(() => undefined);
      throw abortReason(signal);
    }
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abortReason(signal));
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([read, aborted]);
    } finally {
      if (onAbort) signal.removeEventListener("abort", onAbort);
      read.catch(() => undefined);
    }
  }

  /** Ends the exchange (closes the socket if still open) and releases listeners. */
  finish(): void {
    this.clearTimer();
    this.userSignal?.removeEventListener("abort", this.onUserAbort);
    if (this.reason === undefined) {
      this.reason = "done";
      this.controller.abort();
    }
  }

  /** Ends the exchange without aborting the body (a non-streamed body has been fully read). */
  release(): void {
    this.clearTimer();
    this.userSignal?.removeEventListener("abort", this.onUserAbort);
  }

  /** The stream's consumer stopped reading (break, or its controller aborted). */
  abortByCaller(): void {
    this.abort("user");
  }

  get userAborted(): boolean {
    return this.reason === "user";
  }

  /** Neither aborted nor finished. */
  get live(): boolean {
    return this.reason === undefined;
  }

  /** Maps whatever fetch or a body read threw to our error classes. */
  toError(error: unknown, phase: "connect" | "body" | "stream"): APIError {
    if (error instanceof APIError) return error;
    const { provider, model } = this.options;
    switch (this.reason) {
      case "user":
        return new APIUserAbortError("Request was aborted.", { provider, model, cause: error });
      case "timeout":
        return new APIConnectionTimeoutError(
          `Request timed out after ${this.options.timeoutMs} ms (${phase === "connect" ? "waiting for response headers" : "reading the body"}). Raise \`timeout\` if the model needs longer.`,
          { provider, model, cause: error },
        );
      case "idle":
        return new APIConnectionTimeoutError(
          `Stream stalled: no data for ${this.idleMs} ms. Raise \`streamIdleTimeout\` if the model pauses longer.`,
          { provider, model, cause: error },
        );
      case "deadline":
        return new APIConnectionTimeoutError("The overall deadline for this call passed.", { provider, model, cause: error });
      case "done":
      case undefined:
        break;
      default: {
        const exhaustive: never = this.reason;
        throw new Error(`unknown abort reason ${String(exhaustive)}`);
      }
    }
    const detail = describeNetworkError(error);
    return new APIConnectionError(
      phase === "connect" ? `Connection error: ${detail}` : `Connection lost while reading the ${phase}: ${detail}`,
      { provider, model, cause: error },
    );
  }

  private abort(reason: AbortReason): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.clearTimer();
    this.controller.abort();
  }

  private arm(timeoutMs: number, reason: "timeout"): void {
    const deadline = this.options.deadline;
    const untilDeadline = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - performance.now();
    if (untilDeadline <= 0) {
      this.abort("deadline");
      return;
    }
    const useDeadline = untilDeadline < timeoutMs;
    const delay = useDeadline ? untilDeadline : timeoutMs;
    if (!Number.isFinite(delay)) return;
    if (!useDeadline) {
      this.timer = setTimeout(() => this.abort(reason), delay);
      return;
    }
    const armedAt = performance.now();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Timers may fire a little before performance.now() reaches the deadline: wait out the rest,
      // so that a "deadline" abort always means the deadline has passed (the router relies on it to
      // start no further target).
      this.arm(timeoutMs - (performance.now() - armedAt), reason);
    }, delay);
  }

  /**
   * While the consumer waits, both the idle timeout and the call's overall deadline apply. The
   * timer holds the process only while someone waits: a stream nobody reads must not keep it alive.
   */
  private scheduleIdleCheck(delay: number): void {
    const deadline = this.options.deadline;
    const untilDeadline = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - performance.now();
    const timer = setTimeout(
      () => {
        this.timer = undefined;
        if (!this.waiting || this.reason !== undefined) return;
        const now = performance.now();
        if (deadline !== undefined && now >= deadline) {
          this.abort("deadline");
          return;
        }
        const idleFor = now - this.lastActivity;
        if (idleFor >= this.idleMs) this.abort("idle");
        else this.scheduleIdleCheck(this.idleMs - idleFor);
      },
      Math.max(0, Math.min(delay, untilDeadline)),
    );
    refTimer(timer, this.waiting);
    this.timer = timer;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}

/** Wraps the caller's (or the platform's) fetch with onellm's transport rules. */
export function createTransportFetch(baseFetch: FetchLike, provider: string, model: string): FetchLike {
  return async (request: Request) => {
    const response = await baseFetch(request);
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get("location");
      throw new APIError(
        `Redirect to ${location ? new URL(location, request.url).origin : "another location"} was not followed: onellm never follows redirects, so a key cannot reach another origin. Set the provider's baseURL to the final address.`,
        { status: response.status, provider, model, headers: response.headers },
      );
    }
    return response;
  };
}

/** Timers are objects with ref/unref in Node, numbers elsewhere (where nothing holds a process). */
export function refTimer(timer: ReturnType<typeof setTimeout> | undefined, hold: boolean): void {
  const handle = timer as { ref?: () => void; unref?: () => void } | undefined;
  if (hold) handle?.ref?.();
  else handle?.unref?.();
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return `${cause.message}${typeof code === "string" && !cause.message.includes(code) ? ` (${code})` : ""}`;
  }
  return error.message;
}
