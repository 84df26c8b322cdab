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
    this.resultPromise = resultPromise;
    // An unobserved rejection must not crash the process before the caller attaches a handler.
    resultPromise.catch(() => undefined);
  }

  /** Promises derived from this one (`.then(...)`) are plain Promises, as with `openai`. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** The data, the provider's HTTP response for the attempt that succeeded, and its request id. */
  async withResponse(): Promise<{ data: WithRequestID<T>; response: Response; request_id: string | null }> {
    const [data, result] = await Promise.all([this.data(), this.resultPromise]);
    return { data, response: result.response(), request_id: pickRequestId(result.headers) ?? null };
  }

  /**
   * The HTTP response, for code that forwards it (a proxy, a route handler). Non-streamed: the
   * provider's status, headers and body bytes. Streamed: the provider's status and headers with a
   * `text/event-stream` body of the unified chunks in OpenAI's wire format (`data: {...}` frames,
   * then `data: [DONE]`), whichever provider answered — the SDK has already read the native bytes.
   */
  async asResponse(): Promise<Response> {
    const result = await this.resultPromise;
    if (!(result.data instanceof Stream)) return result.response();
    const original = result.response();
    const headers = new Headers(original.headers);
    headers.set("content-type", "text/event-stream; charset=utf-8");
    headers.delete("content-length");
    headers.delete("content-encoding");
    return new Response(asServerSentEvents(result.data), { status: original.status, statusText: original.statusText, headers });
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

function asServerSentEvents(stream: Stream<unknown>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<unknown> | undefined;
  return new ReadableStream<Uint8Array>({
    start() {
      iterator = stream[Symbol.asyncIterator]();
    },
    async pull(controller) {
      try {
        const next = await iterator!.next();
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
  });
}

function withRequestID<T>(data: T, headers: Headers): WithRequestID<T> {
  if (data === null || typeof data !== "object" || Array.isArray(data) || data instanceof Stream) return data as WithRequestID<T>;
  if (!Object.prototype.hasOwnProperty.call(data, "_request_id")) {
    Object.defineProperty(data, "_request_id", { value: pickRequestId(headers) ?? null, enumerable: false });
  }
  return data as WithRequestID<T>;
}
