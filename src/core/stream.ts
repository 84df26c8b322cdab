// The stream handed to callers: an async iterable that can be consumed once, aborted through its
// controller, and turned into a ReadableStream of newline-delimited JSON (as `openai`'s is).

export class Stream<T> implements AsyncIterable<T> {
  private consumed = false;

  constructor(
    private readonly source: () => AsyncIterator<T>,
    /** Aborting it cancels the underlying request and closes the socket. */
    readonly controller: AbortController,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.consumed) {
      throw new Error("Cannot iterate over a consumed stream; use `.tee()` to read it twice.");
    }
    this.consumed = true;
    const iterator = this.source();
    const controller = this.controller;
    return {
      next: () => iterator.next(),
      return: async (value?: unknown) => {
        // `break` out of a for-await lands here: stop the transfer so the socket is released.
        controller.abort();
        if (iterator.return) await iterator.return(value as T).catch(() => undefined);
        return { done: true, value: undefined as T };
      },
      throw: async (error?: unknown) => {
        controller.abort();
        if (iterator.throw) return iterator.throw(error);
        throw error;
      },
    };
  }

  /** Splits the stream into two independent streams that each see every item. */
  tee(): [Stream<T>, Stream<T>] {
    const left: IteratorResult<T>[] = [];
    const right: IteratorResult<T>[] = [];
    const iterator = this[Symbol.asyncIterator]();
    const teeIterator = (queue: IteratorResult<T>[], other: IteratorResult<T>[]) => (): AsyncIterator<T> => ({
      next: async () => {
        const queued = queue.shift();
        if (queued) return queued;
        const result = await iterator.next();
        other.push(result);
        return result;
      },
    });
    return [
      new Stream(teeIterator(left, right), this.controller),
      new Stream(teeIterator(right, left), this.controller),
    ];
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
