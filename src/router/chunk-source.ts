// The per-chunk hot path of a stream: bytes -> frames (SSE events unless the translator brings its
// own framing) -> provider translator -> chunks, as one
// hand-written iterator. Each network read is decoded and translated in one synchronous pass into a
// queue, and chunks are handed out from it; no generator hop per chunk.
import { SSEDecoder } from "../core/sse.js";
import { APIError, APIUserAbortError, IncompleteStreamError, OneLLMError, StreamInterruptedError } from "../errors.js";
import type { FrameDecoder, StreamTranslator } from "../providers/contract.js";
import type { ChatCompletionChunk, OneLLMMetadata } from "../types.js";

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export class ChunkSource implements AsyncIterator<ChatCompletionChunk, undefined> {
  private readonly decoder: FrameDecoder<unknown>;
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
    private readonly provider: string,
    private readonly metadata: () => OneLLMMetadata,
  ) {
    this.decoder = translator.framing ?? new SSEDecoder();
  }

  async next(): Promise<IteratorResult<ChatCompletionChunk, undefined>> {
    try {
      while (this.position >= this.queue.length) {
        if (this.failure) throw this.failure.error;
        if (this.ended) return DONE;
        await this.fill();
      }
    } catch (error) {
      await this.close();
      throw this.delivered ? this.interrupted(error) : error;
    }
    const chunk = this.queue[this.position++]!;
    if (!this.delivered) {
      this.delivered = true;
      chunk.onellm = this.metadata();
    } else if (chunk.choices.length > 0 && chunk.choices[0]!.finish_reason) {
      chunk.onellm = this.metadata();
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
    try {
      if (read.done) {
        this.ended = true;
        this.translateAll(this.decoder.flush(), queue);
        const trailing = this.translator.end();
        for (let index = 0; index < trailing.length; index++) queue.push(trailing[index]!);
      } else {
        this.translateAll(this.decoder.push(read.value), queue);
      }
    } catch (error) {
      // An in-band error event (or a missing end marker): what came before it still reaches the caller.
      this.failure = { error: error instanceof OneLLMError ? error : this.unreadable(error) };
      this.ended = true;
    }
    this.queue = queue;
    this.position = 0;
  }

  private translateAll(events: readonly unknown[], queue: ChatCompletionChunk[]): void {
    for (let index = 0; index < events.length; index++) {
      const produced = this.translator.push(events[index]!);
      for (let position = 0; position < produced.length; position++) queue.push(produced[position]!);
    }
  }

  /** A translator that trips over a malformed event (a TypeError): a typed, retryable provider fault. */
  private unreadable(error: unknown): APIError {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new APIError(`${this.provider} sent a stream event that is not a valid chunk (${detail})`, {
      provider: this.provider,
      retryable: true,
      cause: error,
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
