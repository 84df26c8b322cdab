// The promise `create()` returns, shaped like `openai`'s: a real Promise subclass (so `instanceof
// Promise` holds) resolving to the data, which carries a non-enumerable `_request_id`; plus
// `.withResponse()` (`{ data, response, request_id }`) and `.asResponse()` for the HTTP response —
// from the same request, never a second one.
import { Stream } from "./core/stream.js";
import { pickRequestId } from "./errors.js";
import type { RouteResult } from "./router/router.js";

/** As in `openai`: response objects carry the provider's request id (not enumerated, not serialized). */
export type WithRequestID<T> = T extends Stream<unknown> | Response | readonly unknown[]
  ? T
  : T extends Record<string, unknown>
    ? T & { _request_id?: string | null }
    : T;

export class APIPromise<T> extends Promise<WithRequestID<T>> {
  private dataPromise: Promise<WithRequestID<T>> | undefined;
  private readonly resultPromise: Promise<RouteResult<T>>;

  constructor(resultPromise: Promise<RouteResult<T>>) {
    // The base promise is never used: then/catch/finally below read the route's result instead.
    super((resolve) => resolve(null as WithRequestID<T>));
    this.resultPromise = resultPromise.then(withStableResponse);
    // An unobserved rejection must not crash the process before the caller attaches a handler.
    this.resultPromise.catch(() => undefined);
  }

  /** Promises derived from this one (`.then(...)`) are plain Promises, as with `openai`. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /**
   * The data, the HTTP response and its request id, from the same request (never a second one).
   * `response` is the same object `asResponse()` gives, however often either is called and
   * whether or not the promise was awaited first.
   */
  async withResponse(): Promise<{ data: WithRequestID<T>; response: Response; request_id: string | null }> {
    const [data, result] = await Promise.all([this.data(), this.resultPromise]);
    return { data, response: result.response(), request_id: pickRequestId(result.headers) ?? null };
  }

  /**
   * The HTTP response, for code that forwards it (a proxy, a route handler). Non-streamed: the
   * provider's status, headers and body bytes. Streamed: the provider's status and headers with a
   * `text/event-stream` body of the unified chunks in OpenAI's wire format (`data: {...}` frames,
   * then `data: [DONE]`), whichever provider answered — the SDK has already read the native bytes.
   * For a stream, read either the data or this body, not both: they are one stream.
   */
  async asResponse(): Promise<Response> {
    return (await this.resultPromise).response();
  }

  /** @internal A promise of `transform(data)` that shares this one's request and response. */
  _thenUnwrap<U>(transform: (data: WithRequestID<T>) => U): APIPromise<U> {
    return new APIPromise<U>(
      this.resultPromise.then((result) => ({ ...result, data: transform(withRequestID(result.data, result.headers)) })),
    );
  }

  private data(): Promise<WithRequestID<T>> {
    this.dataPromise ??= this.resultPromise.then((result) => withRequestID(result.data, result.headers));
    return this.dataPromise;
  }

  override then<R1 = WithRequestID<T>, R2 = never>(
    onfulfilled?: ((value: WithRequestID<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.data().then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<WithRequestID<T> | R> {
    return this.data().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<WithRequestID<T>> {
    return this.data().finally(onfinally);
  }
}

/** Marks a result whose `response()` already returns one object every time. */
const STABLE = Symbol.for("onellm.stableResponse");

/**
 * The result with `response()` built once: one `Response` object for every call, from this promise
 * or one derived from it. Checked by a registry-wide symbol, not a class, so a copy of this module
 * loaded in another realm (a test runner's module isolation) agrees.
 */
function withStableResponse<T>(result: RouteResult<T>): RouteResult<T> {
  if ((result.response as { [STABLE]?: boolean })[STABLE]) return result;
  let built: Response | undefined;
  const original = result.response;
  const response = Object.assign(
    () => (built ??= Stream.isStream(result.data) ? asEventStreamResponse(result.data, original()) : original()),
    { [STABLE]: true },
  );
  // The route's result is this promise's own (made for it): made stable in place, not copied.
  result.response = response;
  return result;
}

/** A stream's response: the provider's status and headers, the unified chunks as OpenAI-format SSE. */
function asEventStreamResponse(stream: Stream<unknown>, original: Response): Response {
  const headers = new Headers(original.headers);
  headers.set("content-type", "text/event-stream; charset=utf-8");
  headers.delete("content-length");
  headers.delete("content-encoding");
  return new Response(asServerSentEvents(stream), { status: original.status, statusText: original.statusText, headers });
}

function asServerSentEvents(stream: Stream<unknown>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<unknown> | undefined;
  return new ReadableStream<Uint8Array>({
    // The stream is claimed on the first read, not when the response is built: building it must
    // not take the chunks from a caller who iterates the data instead.
    async pull(controller) {
      try {
        iterator ??= stream[Symbol.asyncIterator]();
        const next = await iterator.next();
        if (next.done) {
          controller.enqueue(encoder.encode("data: [DONE]\n\n"));
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(next.value)}\n\n`));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator?.return?.();
    },
  },
  // Nothing is pulled ahead of a read (the default would pull one chunk at once).
  { highWaterMark: 0 });
}

function withRequestID<T>(data: T, headers: Headers): WithRequestID<T> {
  if (data === null || typeof data !== "object" || Array.isArray(data) || Stream.isStream(data)) return data as WithRequestID<T>;
  if (!Object.prototype.hasOwnProperty.call(data, "_request_id")) {
    Object.defineProperty(data, "_request_id", { value: pickRequestId(headers) ?? null, enumerable: false });
  }
  return data as WithRequestID<T>;
}
