// The stream handed to callers, behaving as `openai`'s does: an async iterable that can be consumed
// once, `tee()`d, stopped by `break` or by `stream.controller.abort()` (both end the iteration
// quietly and close the socket), and turned into a ReadableStream of newline-delimited JSON.
import { APIUserAbortError, OneLLMError } from "../errors.js";

const CONSUMED = "Cannot iterate over a consumed stream, use `.tee()` to split the stream.";

/** Marks a Stream by a registry-wide symbol, so two copies of this module (another realm) recognise each other's. */
const STREAM_BRAND = Symbol.for("onellm.Stream");

export class Stream<T> implements AsyncIterable<T> {
  /** A Stream from any copy of onellm (`instanceof` fails across realms and module copies). */
  static isStream(value: unknown): value is Stream<unknown> {
    return typeof value === "object" && value !== null && (value as { [STREAM_BRAND]?: unknown })[STREAM_BRAND] === true;
  }

  private readonly [STREAM_BRAND] = true;
  private consumed = false;
  /** False for a `tee()` branch: one branch stopping must not cancel the other. */
  private abortOnReturn = true;

  constructor(
    private readonly source: () => AsyncIterator<T>,
    /** Aborting it cancels the underlying request and closes the socket; iteration then ends quietly. */
    readonly controller: AbortController,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.consumed) {
      // As in `openai`, the error surfaces from the first `next()`, not from asking for an iterator.
      return { next: () => Promise.reject(new OneLLMError(CONSUMED)) };
    }
    this.consumed = true;
    const iterator = this.source();
    const controller = this.controller;
    const abortOnReturn = this.abortOnReturn;
    let finished = false;
    const finish = async (): Promise<IteratorReturnResult<T>> => {
      if (!finished) {
        finished = true;
        if (abortOnReturn) controller.abort();
        if (iterator.return) await iterator.return().catch(() => undefined);
      }
      return { done: true, value: undefined as T };
    };
    return {
      next: async () => {
        if (finished) return { done: true, value: undefined as T };
        if (controller.signal.aborted) return finish();
        try {
          const result = await iterator.next();
          if (result.done) finished = true;
          return result;
        } catch (error) {
          // `stream.controller.abort()` is the caller's own way to stop: like `break`, not a failure.
          if (controller.signal.aborted && isAbortError(error)) return finish();
          finished = true;
          throw error;
        }
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
    left.abortOnReturn = false;
    right.abortOnReturn = false;
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

function isAbortError(error: unknown): boolean {
  return error instanceof APIUserAbortError || (error instanceof Error && error.name === "AbortError");
}
