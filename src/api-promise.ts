// The promise `create()` returns: awaitable for the data, and, as in `openai`, `.withResponse()`
// and `.asResponse()` for the HTTP response — from the same request, never a second one.
import type { RouteResult } from "./router/router.js";

export class APIPromise<T> implements Promise<T> {
  private dataPromise: Promise<T> | undefined;

  constructor(private readonly resultPromise: Promise<RouteResult<T>>) {
    // An unobserved rejection must not crash the process before the caller attaches a handler.
    resultPromise.catch(() => undefined);
  }

  /** The data together with the provider's HTTP response for the attempt that succeeded. */
  async withResponse(): Promise<{ data: T; response: Response }> {
    const result = await this.resultPromise;
    return { data: result.data, response: result.response() };
  }

  /**
   * The provider's HTTP response. Its body is the bytes the provider sent for non-streamed calls;
   * for streams it has already been read by the SDK (use the stream itself).
   */
  async asResponse(): Promise<Response> {
    return (await this.resultPromise).response();
  }

  private data(): Promise<T> {
    this.dataPromise ??= this.resultPromise.then((result) => result.data);
    return this.dataPromise;
  }

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.data().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.data().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.data().finally(onfinally);
  }

  readonly [Symbol.toStringTag] = "APIPromise";
}
