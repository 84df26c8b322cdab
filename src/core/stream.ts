// The stream handed to callers, behaving as `openai`'s does: an async iterable that can be consumed
// once, `tee()`d, stopped by `break` or by `stream.controller.abort()` (both end the iteration
// quietly and close the socket), and turned into a ReadableStream of newline-delimited JSON.
import { APIError, APIUserAbortError, OneLLMError } from "../errors.js";
import { decodeSSE } from "./sse.js";

const CONSUMED = "Cannot iterate over a consumed stream, use `.tee()` to split the stream.";

/**
 * What keeps a stream's request alive: the stream object and every iterator taken from it (its
 * closures) hold this lease. Once nothing does, nobody can read the stream any more, so its request
 * is cancelled and the socket freed: a dropped stream must not hold a connection (and the process)
 * until the server closes it.
 */
interface Lease {
  finished: boolean;
}

const abandoned =
  typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry<AbortController>((controller) => {
        if (!isStopped(controller)) controller.abort();
      })
    : undefined;

/**
 * A source that keeps the stream's rules itself (onellm's chunk source): once done or failed it
 * stays done, and a failure caused by `stop` (the stream's controller) ends it quietly. The stream
 * then hands its promises out as they are, without a wrapping promise per chunk.
 */
export const SELF_SETTLING = Symbol.for("onellm.selfSettlingSource");

export interface SelfSettlingSource {
  /** `stopped()` is true once the stream's controller was aborted. */
  [SELF_SETTLING](stopped: () => boolean): void;
}

/**
 * The controller of onellm's own streams: aborting it stops the request at once, without an
 * AbortSignal being made (Node builds one at several microseconds) unless someone asks for it.
 */
export class StreamController extends AbortController {
  #onStop: (() => void) | undefined;
  /** Aborted (by the caller, a `break`, or a dropped stream). */
  stopped = false;

  constructor(onStop: () => void) {
    super();
    this.#onStop = onStop;
  }

  override abort(reason?: unknown): void {
    if (!this.stopped) {
      this.stopped = true;
      const onStop = this.#onStop;
      this.#onStop = undefined;
      onStop?.();
    }
    super.abort(reason);
  }
}

/** Whether a stream's controller was aborted (without making an AbortSignal for onellm's own). */
function isStopped(controller: AbortController): boolean {
  return controller instanceof StreamController ? controller.stopped : controller.signal.aborted;
}

/** Marks a Stream by a registry-wide symbol, so two copies of this module (another realm) recognise each other's. */
const STREAM_BRAND = Symbol.for("onellm.Stream");

/**
 * What `create({ ..., stream: true })` resolves to: the unified chunks, whichever provider
 * answered, as an async iterable that can be read once (`tee()` splits it). `break` or
 * `stream.controller.abort()` stops it quietly and closes the connection; a provider that ends
 * without its end marker raises `IncompleteStreamError`, a failure after output reached you
 * `StreamInterruptedError`.
 *
 * @example
 * ```ts
 * const stream = await client.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages, stream: true });
 * for await (const chunk of stream) {
 *   process.stdout.write(chunk.choices[0]?.delta.content ?? "");
 * }
 * // In a route handler: newline-delimited JSON, read back with Stream.fromReadableStream().
 * return new Response(stream.toReadableStream());
 * ```
 */
export class Stream<T> implements AsyncIterable<T> {
  /** A Stream from any copy of onellm (`instanceof` fails across realms and module copies). */
  static isStream(value: unknown): value is Stream<unknown> {
    return typeof value === "object" && value !== null && (value as { [STREAM_BRAND]?: unknown })[STREAM_BRAND] === true;
  }

  private readonly [STREAM_BRAND] = true;
  private consumed = false;
  /** False for a `tee()` branch: one branch stopping must not cancel the other. */
  private abortOnReturn = true;
  private readonly lease: Lease = { finished: false };

  constructor(
    private readonly source: () => AsyncIterator<T>,
    /** Aborting it cancels the underlying request and closes the socket; iteration then ends quietly. */
    readonly controller: AbortController,
  ) {
    abandoned?.register(this.lease, controller, this.lease);
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.consumed) {
      // As in `openai`, the error surfaces from the first `next()`, not from asking for an iterator.
      return { next: () => Promise.reject(new OneLLMError(CONSUMED)) };
    }
    this.consumed = true;
    const iterator = this.source();
    const controller = this.controller;
    const selfSettling = typeof (iterator as Partial<SelfSettlingSource>)[SELF_SETTLING] === "function";
    if (selfSettling) (iterator as unknown as SelfSettlingSource)[SELF_SETTLING](() => isStopped(controller));
    const abortOnReturn = this.abortOnReturn;
    // The iterator's closures hold the lease: reading through them keeps the request alive.
    const lease = this.lease;
    const finish = async (): Promise<IteratorReturnResult<T>> => {
      if (!lease.finished) {
        lease.finished = true;
        if (abortOnReturn) controller.abort();
        if (iterator.return) await iterator.return().catch(() => undefined);
      }
      return { done: true, value: undefined as T };
    };
    // Made once per iteration, not per chunk: each chunk costs one `then` on the source's promise.
    const settled = (result: IteratorResult<T>): IteratorResult<T> => {
      if (result.done) lease.finished = true;
      return result;
    };
    const failed = (error: unknown): Promise<IteratorResult<T>> => {
      // `stream.controller.abort()` is the caller's own way to stop: like `break`, not a failure.
      if (isStopped(controller) && isAbortError(error)) return finish();
      lease.finished = true;
      throw error;
    };
    return {
      next: () => {
        if (lease.finished) return Promise.resolve({ done: true, value: undefined as T });
        if (isStopped(controller)) return finish();
        if (selfSettling) return iterator.next();
        let pending: Promise<IteratorResult<T>>;
        try {
          pending = iterator.next();
        } catch (error) {
          return failed(error);
        }
        return pending.then(settled, failed);
      },
      // `break` out of a for-await lands here: stop the transfer so the socket is released.
      return: () => finish(),
    };
  }

  /**
   * Splits the stream into two that each see every item, in order, read at their own pace. The
   * request is cancelled once both have stopped (one branch's `break` leaves the other running).
   */
  tee(): [Stream<T>, Stream<T>] {
    const iterator = this[Symbol.asyncIterator]();
    const queues: Promise<IteratorResult<T>>[][] = [[], []];
    const open = [true, true];
    const branch = (side: 0 | 1) => (): AsyncIterator<T> => ({
      next: () => {
        const queue = queues[side]!;
        if (queue.length === 0) {
          // Each read of the source is shared as one promise, so both branches see the same order
          // even when they ask concurrently.
          const result = iterator.next();
          result.catch(() => undefined);
          for (const index of [0, 1] as const) if (open[index]) queues[index]!.push(result);
        }
        return queue.shift()!;
      },
      return: async () => {
        open[side] = false;
        queues[side]!.length = 0;
        if (!open[0] && !open[1] && iterator.return) await iterator.return();
        return { done: true, value: undefined as T };
      },
    });
    const left = new Stream(branch(0), this.controller);
    const right = new Stream(branch(1), this.controller);
    // A branch dropped unread must not cancel the other: the branches share this stream's iterator,
    // whose lease ends the request once both are gone.
    for (const side of [left, right]) {
      side.abortOnReturn = false;
      abandoned?.unregister(side.lease);
    }
    return [left, right];
  }

  /** A byte stream of one JSON document per line, for piping to an HTTP response. */
  toReadableStream(): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    let iterator: AsyncIterator<T> | undefined;
    return new ReadableStream<Uint8Array>({
      start: () => {
        iterator = this[Symbol.asyncIterator]();
      },
      pull: async (streamController) => {
        try {
          const result = await (iterator as AsyncIterator<T>).next();
          if (result.done) {
            streamController.close();
            return;
          }
          streamController.enqueue(encoder.encode(`${JSON.stringify(result.value)}\n`));
        } catch (error) {
          streamController.error(error);
        }
      },
      cancel: async () => {
        await iterator?.return?.();
      },
    });
  }

  /**
   * The JSON `data:` payloads of an OpenAI-format server-sent-events response, as `openai`'s
   * `Stream.fromSSEResponse`: what `asResponse()` gives for a stream, or any OpenAI-compatible
   * server's stream. Ends at `data: [DONE]`; a payload with an `error` is thrown as an `APIError`;
   * `controller.abort()` (or `break`) ends it quietly and cancels the body.
   *
   * @example
   * ```ts
   * const response = await fetch(proxyURL, { method: "POST", body });
   * for await (const chunk of Stream.fromSSEResponse<ChatCompletionChunk>(response, new AbortController())) {
   *   process.stdout.write(chunk.choices[0]?.delta.content ?? "");
   * }
   * ```
   */
  static fromSSEResponse<T>(response: Response, controller: AbortController = new AbortController()): Stream<T> {
    async function* payloads(): AsyncGenerator<T> {
      const body = response.body;
      if (!body) throw new OneLLMError("Attempted to iterate over a response with no body");
      const cancel = () => void body.cancel().catch(() => undefined);
      controller.signal.addEventListener("abort", cancel, { once: true });
      try {
        for await (const event of decodeSSE(body as unknown as AsyncIterable<Uint8Array>)) {
          if (event.data.startsWith("[DONE]")) return;
          let data: unknown;
          try {
            data = JSON.parse(event.data);
          } catch (error) {
            throw new OneLLMError(`Could not parse a server-sent event's data as JSON: ${event.data.slice(0, 200)}`, { cause: error });
          }
          const failure = (data as { error?: unknown } | null)?.error;
          if (failure) throw new APIError(undefined, failure as object, undefined, response.headers);
          yield data as T;
        }
      } finally {
        controller.signal.removeEventListener("abort", cancel);
      }
    }
    return new Stream(() => payloads(), controller);
  }

  /** Rebuilds a stream from `toReadableStream()` output (e.g. on the far side of an HTTP hop). */
  static fromReadableStream<T>(readable: ReadableStream<Uint8Array>, controller = new AbortController()): Stream<T> {
    async function* lines(): AsyncGenerator<T> {
      const decoder = new TextDecoder();
      let buffer = "";
      for await (const chunk of readable as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline = buffer.indexOf("\n");
        while (newline !== -1) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (line.trim()) yield JSON.parse(line) as T;
          newline = buffer.indexOf("\n");
        }
      }
      buffer += decoder.decode();
      if (buffer.trim()) yield JSON.parse(buffer) as T;
    }
    return new Stream(() => lines(), controller);
  }
}

/** The caller's own stop (its signal, `stream.controller.abort()`), as opposed to a failure. */
export function isAbortError(error: unknown): boolean {
  return error instanceof APIUserAbortError || (error instanceof Error && error.name === "AbortError");
}
