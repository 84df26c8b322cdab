// The per-chunk hot path of a stream: bytes -> frames (SSE events, or the translator's own framing
// such as NDJSON) -> provider translator -> chunks, as one hand-written iterator. Each network read
// is decoded and translated in one synchronous pass into a queue, and chunks are handed out from it:
// a chunk already queued costs its caller one resolved promise, nothing more. A pushed body (the
// Node transport's) delivers its reads from the socket's events; any other body is pulled read by
// read while the caller waits. The stream ends at the provider's end marker (the body is released
// there, even if the connection stays open), and the idle timer hears only events, never comments
// or keep-alive bytes.
import type { StreamActivity } from "../core/http.js";
import { PushedStreamBody, type StreamedBody } from "../core/pushed-body.js";
import { SSEDecoder } from "../core/sse.js";
import { chunkIndexProblem } from "../core/choice-bounds.js";
import { isAbortError, SELF_SETTLING, type SelfSettlingSource } from "../core/stream.js";
import { APIUserAbortError, IncompleteStreamError, OneLLMError, StreamInterruptedError } from "../errors.js";
import { MalformedResponseError } from "../errors-response.js";
import type { FrameDecoder, StreamTranslator } from "../providers/contract.js";
import type { ChatCompletionChunk, OneLLMMetadata } from "../types.js";
import { checkUsage } from "./usage-check.js";

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const DONE_PROMISE: Promise<IteratorReturnResult<undefined>> = Promise.resolve(DONE);

const NO_ACTIVITY: StreamActivity = { waitStarted() {}, waitEnded() {}, eventArrived() {}, aborted: () => undefined, consumed() {} };

/**
 * A network read is translated a slice at a time, as the caller asks for chunks: the chunks alive at
 * once stay few (a read of 64 KiB holds hundreds), so a young-generation collection finds little to
 * keep, and a long stream does not grow the heap.
 */
const SLICE_BYTES = 8 * 1024;
/** Bytes received and not yet translated before a pushed body's socket is paused (the caller is slower than the provider). */
const HIGH_WATER_BYTES = 256 * 1024;

export interface ChunkSourceOptions {
  provider: string;
  model?: string | undefined;
  metadata: () => OneLLMMetadata;
  /** Told when the consumer waits and when the provider speaks (the attempt's idle timer). */
  activity?: StreamActivity | undefined;
  /** The longest SSE line or event, in bytes (default: DEFAULT_MAX_STREAM_EVENT_BYTES). */
  maxEventBytes?: number | undefined;
  /**
   * A failure after the caller got only content-less chunks (a role chunk): the stream goes on from
   * a new attempt's source (the router's retry, which throws when it will not retry).
   */
  resume?: ((error: unknown) => Promise<ChunkSource>) | undefined;
}


export class ChunkSource implements AsyncIterator<ChatCompletionChunk, undefined>, SelfSettlingSource {
  private readonly decoder: FrameDecoder<unknown>;
  private readonly provider: string;
  private readonly activity: StreamActivity;
  private readonly pushed: PushedStreamBody | undefined;
  private readonly pulled: AsyncIterator<Uint8Array, void, undefined> | undefined;
  private queue: ChatCompletionChunk[] = [];
  private position = 0;
  /** No chunk will be added: the body ended, the end marker came, or something failed. */
  private ended = false;
  /** A chunk was handed out (or peeked): from then on, failures are interruptions, not retries. */
  private committed = false;
  private metadataSent = false;
  /** A chunk that says something (content, a tool call, a finish...) was handed out: no resuming after it. */
  private spoke = false;
  /** The source this stream resumed on, and whether it has said something yet (its openers are skipped). */
  private successor: ChunkSource | undefined;
  private successorSpoke = false;
  /** A failure met while translating: raised only after the chunks before it are handed out. */
  private failure: { error: unknown } | undefined;
  private started = false;
  /** A failure was raised: from then on the stream is done (as a Stream is after a failure). */
  private raised = false;
  /** Whether the stream's controller was aborted: a failure it caused ends the stream quietly (see Stream). */
  private stopped: (() => boolean) | undefined;
  /** peek() is waiting: the first chunk is looked at, not handed out. */
  private peeking = false;
  private paused = false;
  private pulling = false;
  /** Bytes received and not yet translated (see SLICE_BYTES): the first from `heldOffset` on. */
  private held: Uint8Array[] = [];
  private heldOffset = 0;
  private heldBytes = 0;
  /** The body's end (or failure) came behind held bytes: it counts once they are translated. */
  private bodyDone: { error: unknown } | "end" | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  /** The caller waiting in next(): answered by settle() straight from the read that completes a chunk. */
  private resolveWaiter: ((result: IteratorResult<ChatCompletionChunk, undefined> | PromiseLike<IteratorResult<ChatCompletionChunk, undefined>>) => void) | undefined;
  private readonly waiterExecutor = (resolve: (result: IteratorResult<ChatCompletionChunk, undefined> | PromiseLike<IteratorResult<ChatCompletionChunk, undefined>>) => void): void => {
    this.resolveWaiter = resolve;
  };
  private readonly onPulled = (read: IteratorResult<Uint8Array, void>): void => {
    this.pulling = false;
    if (read.done) this.end();
    else this.data(read.value);
  };
  private readonly onPullFailed = (error: unknown): void => {
    this.pulling = false;
    this.error(error);
  };

  constructor(
    bytes: StreamedBody,
    private readonly translator: StreamTranslator<unknown>,
    private readonly options: ChunkSourceOptions,
  ) {
    this.provider = options.provider;
    this.activity = options.activity ?? NO_ACTIVITY;
    if (bytes instanceof PushedStreamBody) this.pushed = bytes;
    else this.pulled = bytes;
    const limits = {
      ...(options.maxEventBytes === undefined ? {} : { maxEventBytes: options.maxEventBytes }),
      source: { provider: options.provider, model: options.model },
    };
    this.decoder = translator.createDecoder?.(limits) ?? new SSEDecoder(limits);
  }

  [SELF_SETTLING](stopped: () => boolean): void {
    this.stopped = stopped;
  }

  next(): Promise<IteratorResult<ChatCompletionChunk, undefined>> {
    if (this.position < this.queue.length) return Promise.resolve(this.nextQueued());
    if (this.successor !== undefined) return this.successorSpoke ? this.successor.next() : this.fromSuccessor();
    if (this.heldBytes > 0 || this.bodyDone !== undefined) {
      this.translateHeld();
      if (this.position < this.queue.length) return Promise.resolve(this.nextQueued());
    }
    if (this.raised) return DONE_PROMISE;
    if (this.failure !== undefined) return this.raise(this.failure.error);
    if (this.ended) {
      this.activity.consumed();
      return DONE_PROMISE;
    }
    const waiting = new Promise<IteratorResult<ChatCompletionChunk, undefined>>(this.waiterExecutor);
    this.activity.waitStarted();
    this.read();
    return waiting;
  }

  /** The next queued chunk; or, when the exchange was stopped meanwhile, that failure. */
  private nextQueued(): IteratorResult<ChatCompletionChunk, undefined> | Promise<IteratorResult<ChatCompletionChunk, undefined>> {
    // The exchange was stopped (the caller's signal, a deadline) while chunks were still queued:
    // that wins over what had already arrived.
    const aborted = this.activity.aborted();
    if (aborted !== undefined && !this.peeking) return this.raise(aborted);
    return this.take();
  }

  /**
   * Waits for the first chunk (or the end) without handing it out. A failure before it is thrown
   * as it is (the router may still retry it); from then on failures reach the caller as
   * interruptions, since the stream is the caller's.
   */
  async peek(): Promise<void> {
    if (this.position >= this.queue.length && this.failure === undefined && !this.ended) {
      this.peeking = true;
      let first: IteratorResult<ChatCompletionChunk, undefined>;
      try {
        first = await this.next();
      } finally {
        this.peeking = false;
      }
      // Put back: the caller gets it from its first next().
      if (!first.done) this.position--;
    }
    if (this.position >= this.queue.length && this.failure !== undefined) {
      await this.close();
      throw this.failure.error;
    }
    this.committed = true;
  }

  async return(): Promise<IteratorResult<ChatCompletionChunk, undefined>> {
    if (this.successor !== undefined) await this.successor.return();
    this.ended = true;
    this.queue = [];
    this.position = 0;
    const waiter = this.resolveWaiter;
    this.resolveWaiter = undefined;
    waiter?.(DONE);
    await this.close();
    this.activity.consumed();
    return DONE;
  }

  private take(): IteratorYieldResult<ChatCompletionChunk> {
    const queue = this.queue;
    const chunk = queue[this.position++]!;
    if (this.peeking) return { done: false, value: chunk };
    if (this.position === queue.length) {
      // Drained: the queue lets go of the chunks now, not when the next read arrives (in a paced
      // stream that is long enough for them to outlive young-generation collections).
      queue.length = 0;
      this.position = 0;
    }
    this.committed = true;
    if (!this.spoke) this.spoke = saysSomething(chunk);
    if (!this.metadataSent) {
      this.metadataSent = true;
      chunk.onellm = this.options.metadata();
    } else if (chunk.choices.length > 0 && chunk.choices[0]!.finish_reason) {
      chunk.onellm = this.options.metadata();
    }
    return { done: false, value: chunk };
  }

  private async raise(error: unknown): Promise<IteratorResult<ChatCompletionChunk, undefined>> {
    this.ended = true;
    this.raised = true;
    this.queue = [];
    this.position = 0;
    this.failure ??= { error };
    await this.close();
    this.activity.consumed();
    // The stream's own controller stopped it: like `break`, not a failure.
    if (this.stopped?.() === true && isAbortError(error)) return DONE;
    if (this.committed && !this.spoke && this.options.resume !== undefined && !isAbortError(error)) {
      // Nothing but openers reached the caller: retried as a failure before the stream would be.
      let successor: ChunkSource;
      try {
        successor = await this.options.resume(error);
      } catch (retryError) {
        throw this.interrupted(retryError);
      }
      if (this.stopped !== undefined) successor[SELF_SETTLING](this.stopped);
      this.successor = successor;
      return this.fromSuccessor();
    }
    throw this.committed ? this.interrupted(error) : error;
  }

  /** The resumed stream's chunks, its openers skipped (the caller already had one). */
  private async fromSuccessor(): Promise<IteratorResult<ChatCompletionChunk, undefined>> {
    for (;;) {
      const result = await this.successor!.next();
      if (result.done || saysSomething(result.value)) {
        this.successorSpoke = true;
        return result;
      }
    }
  }

  private read(): void {
    if (this.pushed !== undefined) {
      if (!this.started) {
        this.started = true;
        this.pushed.start(this);
      } else if (this.paused) {
        this.paused = false;
        this.pushed.resume();
      }
      return;
    }
    if (this.pulling) return;
    this.pulling = true;
    this.pulled!.next().then(this.onPulled, this.onPullFailed);
  }

  /** Wakes the waiting caller once there is something to hand out; otherwise keeps reading. */
  private settle(): void {
    const waiter = this.resolveWaiter;
    if (waiter === undefined) return;
    if (this.position < this.queue.length || this.ended || this.failure !== undefined) {
      this.resolveWaiter = undefined;
      this.activity.waitEnded();
      waiter(this.position < this.queue.length ? this.nextQueued() : this.next());
    } else if (this.pushed === undefined) {
      // Only comments or a partial event arrived: the caller still waits, so read on.
      this.read();
    }
  }

  /** One network read: held, and translated a slice at a time as the caller asks (see SLICE_BYTES). */
  data(bytes: Uint8Array): void {
    if (this.ended || bytes.length === 0) return;
    this.held.push(bytes);
    this.heldBytes += bytes.length;
    if (this.position >= this.queue.length) this.translateHeld();
    if (this.pushed !== undefined && !this.ended && !this.paused && this.heldBytes >= HIGH_WATER_BYTES) {
      this.paused = true;
      this.pushed.pause();
    }
    this.settle();
  }

  /** The body ended: a final event without its blank line still counts; then the translator's end. */
  end(): void {
    if (this.ended) return;
    this.closed = true;
    this.bodyDone = "end";
    this.translateHeld();
    this.settle();
  }

  /** The body failed (already one of our errors: the transport's are mapped by the body). */
  error(error: unknown): void {
    if (this.ended) return;
    this.closed = true;
    this.bodyDone = { error };
    this.translateHeld();
    this.settle();
  }

  /**
   * Translates held bytes, a slice at a time, until a chunk is queued or nothing is held; then, once
   * nothing is held, the body's end or failure.
   */
  private translateHeld(): void {
    while (this.heldBytes > 0 && this.position >= this.queue.length && !this.ended) {
      const first = this.held[0]!;
      const end = Math.min(first.length, this.heldOffset + SLICE_BYTES);
      const slice = this.heldOffset === 0 && end === first.length ? first : first.subarray(this.heldOffset, end);
      this.heldBytes -= end - this.heldOffset;
      if (end === first.length) {
        this.held.shift();
        this.heldOffset = 0;
      } else {
        this.heldOffset = end;
      }
      this.translate(slice);
    }
    if (this.paused && this.heldBytes < HIGH_WATER_BYTES / 2) {
      this.paused = false;
      this.pushed!.resume();
    }
    if (this.heldBytes > 0 && !this.ended) return;
    this.held.length = 0;
    this.heldBytes = 0;
    const done = this.bodyDone;
    if (done === undefined || this.ended) return;
    this.bodyDone = undefined;
    this.ended = true;
    if (done !== "end") {
      this.failure = done;
      return;
    }
    try {
      this.translateAll(this.decoder.flush(), this.queue);
      this.finish(this.queue);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Decodes and translates bytes at once. */
  private translate(bytes: Uint8Array): void {
    const queue = this.queue;
    try {
      const heard = this.decoder.framesSeen;
      this.translateAll(this.decoder.push(bytes), queue);
      if (this.decoder.framesSeen !== heard) this.activity.eventArrived();
      // A limit passed after the events above: they reach the caller first.
      if (this.decoder.failure !== undefined && !this.translator.finished()) throw this.decoder.failure;
      if (this.translator.finished()) {
        this.ended = true;
        this.finish(queue);
        // The caller is not kept waiting on the connection (a proxy may keep it open): the body is
        // released behind its back.
        this.release();
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** An in-band error event (or a missing end marker): what came before it still reaches the caller. */
  private fail(error: unknown): void {
    this.failure = { error: error instanceof OneLLMError ? error : this.unreadable(error) };
    this.ended = true;
    void this.close();
  }

  /** The translator's trailing chunks (usage), or IncompleteStreamError without the end marker. */
  private finish(queue: ChatCompletionChunk[]): void {
    const trailing = this.translator.end();
    for (let index = 0; index < trailing.length; index++) this.check(trailing[index]!, queue);
  }

  private translateAll(events: readonly unknown[], queue: ChatCompletionChunk[]): void {
    for (let index = 0; index < events.length; index++) {
      // Anything after the end marker (in the same read) is not part of the answer.
      if (this.translator.finished()) return;
      const produced = this.translator.push(events[index]!);
      for (let position = 0; position < produced.length; position++) this.check(produced[position]!, queue);
    }
  }

  private check(chunk: ChatCompletionChunk, queue: ChatCompletionChunk[]): void {
    // Every provider's chunks, before anything (the stream helpers, the caller) keeps state per index.
    const indexProblem = chunkIndexProblem(chunk);
    if (indexProblem !== undefined) throw this.malformed(`a stream chunk with ${indexProblem}`, undefined);
    if (chunk.usage != null) {
      const problem = checkUsage(chunk.usage);
      if (problem !== undefined) throw this.malformed(`a stream chunk whose ${problem}`, undefined);
    }
    queue.push(chunk);
  }

  /** A translator that trips over a malformed event (a TypeError): a typed, retryable provider fault. */
  private unreadable(error: unknown): MalformedResponseError {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return this.malformed(`a stream event that is not a valid chunk (${detail})`, error);
  }

  private malformed(what: string, cause: unknown): MalformedResponseError {
    return new MalformedResponseError(`${this.provider} sent ${what}`, {
      provider: this.provider,
      model: this.options.model,
      retryable: true,
      cause,
    });
  }

  /** The end marker came: the rest of the body is read a moment in the background, then let go. */
  private release(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pushed !== undefined) this.pushed.finishAtMarker();
    else this.pulled!.return?.(undefined).catch(() => undefined);
  }

  /** Stops the body now (a failure, or the caller stopped reading); awaited by whoever raises next. */
  private close(): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    if (this.closed) return Promise.resolve();
    this.closed = true;
    if (this.pushed !== undefined) {
      this.pushed.close();
      this.closing = Promise.resolve();
    } else {
      this.closing = Promise.resolve(this.pulled!.return?.(undefined)).then(() => undefined);
    }
    return this.closing;
  }

  private interrupted(error: unknown): unknown {
    if (error instanceof APIUserAbortError || error instanceof IncompleteStreamError) return error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new StreamInterruptedError(
      `The ${this.provider} stream failed after output had reached you (${reason}). Nothing was retried or spliced; \`partialText\` holds what arrived.`,
      this.provider,
      this.translator.partialText(),
      error,
    );
  }
}

/** Whether a chunk carries anything beyond a role (an opener carries only that, or empty text). */
function saysSomething(chunk: ChatCompletionChunk): boolean {
  if (chunk.usage != null) return true;
  const choices = chunk.choices;
  for (let index = 0; index < choices.length; index++) {
    const choice = choices[index]!;
    if (choice.finish_reason || choice.logprobs) return true;
    const delta = choice.delta as Record<string, unknown> | undefined;
    if (delta == null) continue;
    for (const key in delta) {
      if (key === "role") continue;
      const value = delta[key];
      if (value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0)) return true;
    }
  }
  return false;
}

