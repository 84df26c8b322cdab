// The per-chunk hot path of a stream: bytes -> frames (SSE events, or the translator's own framing
// such as NDJSON) -> provider translator -> chunks, as one hand-written iterator. Each network read is decoded and translated in one synchronous pass into a
// queue, and chunks are handed out from it; no generator hop per chunk. The stream ends at the
// provider's end marker (the body is cancelled there, even if the connection stays open), and the
// idle timer hears only events, never comments or keep-alive bytes.
import type { StreamActivity } from "../core/http.js";
import { SSEDecoder } from "../core/sse.js";
import { APIUserAbortError, IncompleteStreamError, OneLLMError, StreamInterruptedError } from "../errors.js";
import { MalformedResponseError } from "../errors-response.js";
import type { FrameDecoder, StreamTranslator } from "../providers/contract.js";
import type { ChatCompletionChunk, OneLLMMetadata } from "../types.js";
import { checkUsage } from "./usage-check.js";

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

const NO_ACTIVITY: StreamActivity = { waitStarted() {}, waitEnded() {}, eventArrived() {} };

export interface ChunkSourceOptions {
  provider: string;
  model?: string | undefined;
  metadata: () => OneLLMMetadata;
  /** Told when the consumer waits and when the provider speaks (the attempt's idle timer). */
  activity?: StreamActivity | undefined;
  /** The longest SSE line or event, in bytes (default: DEFAULT_MAX_STREAM_EVENT_BYTES). */
  maxEventBytes?: number | undefined;
}

export class ChunkSource implements AsyncIterator<ChatCompletionChunk, undefined> {
  private readonly decoder: FrameDecoder<unknown>;
  private readonly provider: string;
  private readonly activity: StreamActivity;
  private queue: ChatCompletionChunk[] = [];
  private position = 0;
  private ended = false;
  /** Set once a chunk has been handed out: from then on, failures are interruptions, not retries. */
  private delivered = false;
  /** A failure met while translating a read: raised only after the chunks before it are handed out. */
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly bytes: AsyncGenerator<Uint8Array, void, undefined>,
    private readonly translator: StreamTranslator<unknown>,
    private readonly options: ChunkSourceOptions,
  ) {
    this.provider = options.provider;
    this.activity = options.activity ?? NO_ACTIVITY;
    const limits = {
      ...(options.maxEventBytes === undefined ? {} : { maxEventBytes: options.maxEventBytes }),
      source: { provider: options.provider, model: options.model },
    };
    this.decoder = translator.createDecoder?.(limits) ?? new SSEDecoder(limits);
  }

  async next(): Promise<IteratorResult<ChatCompletionChunk, undefined>> {
    if (this.position >= this.queue.length && !this.ended) this.activity.waitStarted();
    try {
      while (this.position >= this.queue.length) {
        if (this.failure) throw this.failure.error;
        if (this.ended) return DONE;
        await this.fill();
      }
    } catch (error) {
      await this.close();
      throw this.delivered ? this.interrupted(error) : error;
    } finally {
      this.activity.waitEnded();
    }
    const chunk = this.queue[this.position++]!;
    if (!this.delivered) {
      this.delivered = true;
      chunk.onellm = this.options.metadata();
    } else if (chunk.choices.length > 0 && chunk.choices[0]!.finish_reason) {
      chunk.onellm = this.options.metadata();
    }
    return { done: false, value: chunk };
  }

  async return(): Promise<IteratorResult<ChatCompletionChunk, undefined>> {
    this.ended = true;
    this.queue = [];
    this.position = 0;
    await this.close();
    return DONE;
  }

  /** Reads one network chunk (or the end) and translates everything it completes. */
  private async fill(): Promise<void> {
    const read = await this.bytes.next();
    const queue: ChatCompletionChunk[] = [];
    let atMarker = false;
    try {
      if (read.done) {
        this.ended = true;
        this.translateAll(this.decoder.flush(), queue);
        this.finish(queue);
      } else {
        const heard = this.decoder.framesSeen;
        this.translateAll(this.decoder.push(read.value), queue);
        if (this.decoder.framesSeen !== heard) this.activity.eventArrived();
        // A limit passed after the events above: they reach the caller first.
        if (this.decoder.failure !== undefined && !this.translator.finished()) throw this.decoder.failure;
        if (this.translator.finished()) {
          atMarker = true;
          this.ended = true;
          this.finish(queue);
        }
      }
    } catch (error) {
      // An in-band error event (or a missing end marker): what came before it still reaches the caller.
      this.failure = { error: error instanceof OneLLMError ? error : this.unreadable(error) };
      this.ended = true;
    }
    this.queue = queue;
    this.position = 0;
    // The end marker came: the caller is not kept waiting on the connection (a proxy may keep it
    // open); the body is closed behind its back (see readStreamBody). A failure closes it now.
    if (atMarker) this.bytes.return(undefined).catch(() => undefined);
    else if (this.failure) await this.close();
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

  private async close(): Promise<void> {
    await this.bytes.return(undefined);
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
