// The signal an attempt hands its request. It offers what the transports read of an AbortSignal
// (`aborted`, `reason`, abort listeners) without being one: Node 20 makes every AbortSignal a
// transferable object (about 9 µs) and dispatches its abort as a DOM event, per request. fetch
// needs a real AbortSignal: `realSignal()` makes one, on demand, that follows this one.

const ATTEMPT_SIGNAL = Symbol.for("onellm.attemptSignal");

type AbortListener = EventListenerOrEventListenerObject;

export class AttemptSignal {
  readonly [ATTEMPT_SIGNAL] = true;
  aborted = false;
  reason: unknown = undefined;
  onabort: ((event: Event) => unknown) | null = null;
  private listeners: AbortListener[] = [];
  private follower: AbortController | undefined;

  addEventListener(type: string, listener: AbortListener | null): void {
    // As an AbortSignal: a listener added after the abort is never called.
    if (type !== "abort" || listener === null || this.aborted) return;
    this.listeners.push(listener);
  }

  removeEventListener(type: string, listener: AbortListener | null): void {
    if (type !== "abort" || listener === null) return;
    const at = this.listeners.indexOf(listener);
    if (at !== -1) this.listeners.splice(at, 1);
  }

  dispatchEvent(): boolean {
    return true;
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  /** Aborts: every listener is called once, in the order added. */
  abort(reason: unknown = new DOMException("This operation was aborted", "AbortError")): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.follower?.abort(reason);
    const listeners = this.listeners;
    this.listeners = [];
    const event = listeners.length > 0 || this.onabort !== null ? abortEvent() : undefined;
    for (const listener of listeners) {
      if (typeof listener === "function") listener.call(this, event!);
      else listener.handleEvent(event!);
    }
    this.onabort?.call(this, event!);
  }

  /** A real AbortSignal that follows this one (fetch refuses anything else). */
  toAbortSignal(): AbortSignal {
    if (this.follower === undefined) {
      this.follower = new AbortController();
      if (this.aborted) this.follower.abort(this.reason);
    }
    return this.follower.signal;
  }
}

function abortEvent(): Event {
  return typeof Event === "function" ? new Event("abort") : ({ type: "abort" } as Event);
}

/** The signal as fetch must get it: a real AbortSignal (an attempt's own is converted). */
export function realSignal(signal: AbortSignal | null | undefined): AbortSignal | undefined {
  if (signal === null || signal === undefined) return undefined;
  return (signal as unknown as { [ATTEMPT_SIGNAL]?: boolean })[ATTEMPT_SIGNAL] === true ? (signal as unknown as AttemptSignal).toAbortSignal() : signal;
}

/** An init whose signal fetch accepts (the same object when it already does). */
export function withRealSignal<T extends { signal?: AbortSignal | null | undefined }>(init: T): T {
  const signal = init.signal;
  if (signal === null || signal === undefined) return init;
  const real = realSignal(signal);
  return real === signal ? init : { ...init, signal: real };
}
