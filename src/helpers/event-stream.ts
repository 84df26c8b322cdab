// The event machinery under the stream and tool runners, with `openai`'s contract: `on`/`off`/
// `once`/`emitted`, `done()`, `abort()`, and the `connect` → ... → `end` lifecycle. A failure ends
// the run with `error` (or `abort`, for the caller's own cancellation) and then `end`; if nobody
// listens for it and no promise method was asked for, it surfaces as an unhandled rejection
// rather than vanishing.
import { APIUserAbortError, OneLLMError } from "../errors.js";

export interface BaseEvents {
  connect: () => void;
  error: (error: OneLLMError) => void;
  abort: (error: APIUserAbortError) => void;
  end: () => void;
}

type Listener = (...args: never[]) => void;

export type EventParameters<Events, Name extends keyof Events> = Events[Name] extends (...args: infer P) => unknown ? P : never;

/** What `emitted(name)` resolves to: the one argument, nothing, or the argument list. */
type EmittedValue<Events, Name extends keyof Events> =
  EventParameters<Events, Name> extends [infer Only] ? Only : EventParameters<Events, Name> extends [] ? void : EventParameters<Events, Name>;

interface Registration {
  listener: Listener;
  once: boolean;
}

export class EventStream<Events extends BaseEvents> {
  /** Aborting it cancels the request in flight (and, for a tool runner, every later round). */
  controller: AbortController = new AbortController();

  readonly #listeners = new Map<keyof Events, Registration[]>();
  readonly #connected: Promise<void>;
  readonly #finished: Promise<void>;
  #resolveConnected!: () => void;
  #rejectConnected!: (error: OneLLMError) => void;
  #resolveFinished!: () => void;
  #rejectFinished!: (error: OneLLMError) => void;
  #ended = false;
  #errored = false;
  #aborted = false;
  /** Someone asked for a promise (done(), final*()), so a failure has a place to go. */
  #observed = false;

  constructor() {
    this.#connected = new Promise<void>((resolve, reject) => {
      this.#resolveConnected = resolve;
      this.#rejectConnected = reject;
    });
    this.#finished = new Promise<void>((resolve, reject) => {
      this.#resolveFinished = resolve;
      this.#rejectFinished = reject;
    });
    // Handled here; an unobserved failure is re-raised deliberately in #fail.
    this.#connected.catch(() => undefined);
    this.#finished.catch(() => undefined);
  }

  get ended(): boolean {
    return this.#ended;
  }

  get errored(): boolean {
    return this.#errored;
  }

  get aborted(): boolean {
    return this.#aborted;
  }

  /** Cancels the run: the request in flight is aborted and the runner ends with an `abort` event. */
  abort(): void {
    this.controller.abort();
  }

  /** Adds a listener (chainable). The same listener added twice is called twice. */
  on<Name extends keyof Events>(event: Name, listener: Events[Name]): this {
    this.#register(event, listener as Listener, false);
    return this;
  }

  /** Removes one registration of `listener` for `event` (chainable). */
  off<Name extends keyof Events>(event: Name, listener: Events[Name]): this {
    const registrations = this.#listeners.get(event);
    const index = registrations?.findIndex((registration) => registration.listener === (listener as Listener)) ?? -1;
    if (registrations && index >= 0) registrations.splice(index, 1);
    return this;
  }

  /** Adds a listener called at most once (chainable). */
  once<Name extends keyof Events>(event: Name, listener: Events[Name]): this {
    this.#register(event, listener as Listener, true);
    return this;
  }

  /**
   * The next time `event` fires, as a promise (rejected if the run fails first; for `error`,
   * resolved with the error).
   *
   * @example
   * ```ts
   * const message = await runner.emitted("message");
   * ```
   */
  emitted<Name extends keyof Events>(event: Name): Promise<EmittedValue<Events, Name>> {
    this.#observed = true;
    return new Promise((resolve, reject) => {
      if (event !== "error") this.once("error", reject as Events["error"]);
      const settle = (...args: unknown[]) => resolve((args.length === 1 ? args[0] : args.length === 0 ? undefined : args) as EmittedValue<Events, Name>);
      this.once(event, settle as Events[Name]);
    });
  }

  /** Resolves when the run has ended; rejects with its error (or the abort). */
  async done(): Promise<void> {
    this.#observed = true;
    await this.#finished;
  }

  /** Starts the run on the next microtask, so listeners added right after creation see every event. */
  protected _run(executor: () => Promise<unknown>): void {
    queueMicrotask(() => {
      executor()
        .then(() => {
          // Finishing can fail too (a stream without an assistant message): that is the run's error.
          this._emitFinal();
          this._emitUntyped("end");
        })
        .catch((error: unknown) => this.#fail(error));
    });
  }

  /** The response headers arrived: `connect`. */
  protected _connected(): void {
    if (this.#ended) return;
    this.#resolveConnected();
    this._emitUntyped("connect");
  }

  /** Emits the final-value events just before `end`; subclasses fill it in. */
  protected _emitFinal(): void {}

  /** @internal Calls the listeners of `event`; nothing is emitted after `end`. */
  _emit<Name extends keyof Events>(event: Name, ...args: EventParameters<Events, Name>): void {
    this._emitUntyped(event, ...args);
  }

  /** For events whose arguments a subclass checks itself (the base lifecycle, shared runner events). */
  protected _emitUntyped(event: keyof Events, ...args: unknown[]): void {
    if (this.#ended) return;
    if (event === "end") {
      this.#ended = true;
      this.#resolveFinished();
    }
    const registrations = this.#listeners.get(event);
    if (registrations) {
      this.#listeners.set(event, registrations.filter((registration) => !registration.once));
      for (const { listener } of registrations) (listener as (...values: unknown[]) => void)(...args);
    }
  }

  #register(event: keyof Events, listener: Listener, once: boolean): void {
    const registrations = this.#listeners.get(event) ?? [];
    registrations.push({ listener, once });
    this.#listeners.set(event, registrations);
  }

  #fail(raw: unknown): void {
    if (this.#ended) return;
    this.#errored = true;
    const error = toOneLLMError(raw);
    const name = error instanceof APIUserAbortError ? "abort" : "error";
    if (name === "abort") this.#aborted = true;
    const listening = (this.#listeners.get(name)?.length ?? 0) > 0;
    this._emitUntyped(name, error);
    // Nobody is listening and nobody holds a promise: let the process see it, never swallow it.
    if (!listening && !this.#observed) void Promise.reject(error);
    this.#rejectConnected(error);
    this.#rejectFinished(error);
    this._emitUntyped("end");
  }
}

/** Any failure as the helpers report it: the caller's abort, one of ours, or a wrapped other error. */
function toOneLLMError(error: unknown): OneLLMError {
  if (error instanceof APIUserAbortError || error instanceof OneLLMError) return error;
  if (error instanceof Error && error.name === "AbortError") return new APIUserAbortError();
  if (error instanceof Error) return new OneLLMError(error.message, { cause: error });
  return new OneLLMError(String(error));
}
