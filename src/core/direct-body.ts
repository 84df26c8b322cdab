// A response body a transport can hand over without WHATWG streams. The Node transport's responses
// carry one (under a registry-wide symbol), and the body readers use it instead of `response.body`:
// a ReadableStream, its reader and a promise per read cost more than the rest of a chunk's work.
// Every other response (fetch's, a caller's) is read through its `body` as before.

/** The whole body, read with a byte limit counted while it arrives. */
export interface DirectText {
  /** The text: all of it, or (when `exceeded`) its first `maxBytes` bytes or nothing (see readText). */
  text: string;
  /** More than `maxBytes` arrived; reading stopped there and the connection was closed. */
  exceeded: boolean;
}

/** Where a pushed body's pieces go, synchronously from the transport's own events. */
export interface BodySink {
  data(chunk: Uint8Array): void;
  end(): void;
  error(error: unknown): void;
}

export interface DirectBody {
  /**
   * Reads the rest of the body as UTF-8 text (a byte-order mark opening it dropped, as fetch's
   * `text()` does), stopping as soon as more than `maxBytes` have arrived: then the text is its
   * first `maxBytes` bytes with `truncate`, else empty. Rejects with the transport's error when the
   * exchange fails or is aborted.
   */
  readText(maxBytes: number, truncate?: boolean): Promise<DirectText>;
  /** The next piece of the body, `undefined` at its end; rejects when the exchange fails or is aborted. */
  read(): Promise<Uint8Array | undefined>;
  /**
   * Pushes the body to `sink` as it arrives (pieces read before are pushed first), with no promise
   * per piece; `pause()` and `resume()` hold the socket while the sink's consumer is busy.
   */
  subscribe(sink: BodySink): void;
  pause(): void;
  resume(): void;
  /** Stops reading: the connection is closed unless the body had already ended (then it is reused). */
  cancel(): void;
}

const DIRECT_BODY = Symbol.for("onellm.directBody");

/** The response's direct body, when its transport gave it one. */
export function directBodyOf(response: Response): DirectBody | undefined {
  return (response as { [DIRECT_BODY]?: DirectBody })[DIRECT_BODY];
}

/** Cancels the body of a response nobody will read, whichever transport it came from. */
export async function cancelBody(response: Response): Promise<void> {
  const direct = directBodyOf(response);
  if (direct !== undefined) direct.cancel();
  else await response.body?.cancel().catch(() => undefined);
}

export { DIRECT_BODY };
