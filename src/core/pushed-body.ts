// A streamed body the transport pushes (the Node transport's): its pieces reach the chunk source
// straight from the socket's events, with no promise, generator step or web-stream read per piece.
// Failures are mapped to our errors here; after the provider's end marker the rest of the body is
// read for a moment, so the connection goes back to the pool instead of being closed.
import type { BodySink, DirectBody } from "./direct-body.js";
import { refTimer, type Attempt } from "./http.js";

/** How long, and how much, a body is still read after its end marker, hoping for its end. */
export const END_GRACE_MS = 250;
export const END_GRACE_BYTES = 64 * 1024;

/** What the chunk source reads: a pushed body, or an iterator of pieces it pulls (fetch's, a test's). */
export type StreamedBody = PushedStreamBody | AsyncIterator<Uint8Array, void, undefined>;

export class PushedStreamBody implements BodySink {
  private sink: BodySink | undefined;
  /** The end marker came: what still arrives is only counted, until the body ends or the grace is over. */
  private draining = false;
  private drainedBytes = 0;
  private grace: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly body: DirectBody,
    private readonly attempt: Attempt,
    private readonly idleMs: number,
  ) {}

  /** Starts the body flowing to `sink` (data, end, error: each at most once after the other). */
  start(sink: BodySink): void {
    this.sink = sink;
    this.attempt.startIdleTimer(this.idleMs);
    this.body.subscribe(this);
  }

  pause(): void {
    this.body.pause();
  }

  resume(): void {
    this.body.resume();
  }

  /** The end marker came: nothing more is delivered; the body is read to its end a moment longer. */
  finishAtMarker(): void {
    if (this.closed || this.draining) return;
    this.draining = true;
    this.grace = setTimeout(() => this.close(), END_GRACE_MS);
    // Never what keeps a process alive.
    refTimer(this.grace, false);
    this.body.resume();
  }

  /** Stops now (a failure, or the caller stopped reading): the connection is closed unless the body ended. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.grace !== undefined) clearTimeout(this.grace);
    this.attempt.finish();
    this.body.cancel();
  }

  data(chunk: Uint8Array): void {
    if (this.closed) return;
    if (this.draining) {
      this.drainedBytes += chunk.byteLength;
      if (this.drainedBytes > END_GRACE_BYTES) this.close();
      return;
    }
    this.sink!.data(chunk);
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.grace !== undefined) clearTimeout(this.grace);
    // The connection is back in the pool: no timer runs any more, but the caller's signal still
    // stops the stream until its consumer is done with it.
    this.attempt.bodyEnded();
    if (!this.draining) this.sink!.end();
  }

  error(error: unknown): void {
    if (this.closed) return;
    const draining = this.draining;
    // Mapped before the attempt is finished: the reason (timeout, idle, caller) picks the class.
    const mapped = this.attempt.toError(error, "stream");
    this.close();
    if (!draining) this.sink!.error(mapped);
  }
}
