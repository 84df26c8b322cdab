// The OpenAI-shaped chunks of one stream: id, creation time and model fixed for the stream, one
// object per chunk (this runs per stream event).
import type { ChatCompletionChunk, CompletionUsage } from "../types.js";

type ChunkChoice = ChatCompletionChunk["choices"][number];

export class StreamChunks {
  readonly created = Math.floor(Date.now() / 1000);

  /** `id` may be replaced once the provider names its message (Cohere's message-start). */
  constructor(
    public id: string,
    private readonly model: string,
  ) {}

  /** A chunk with these choices (none for the usage chunk) and, on request, usage. */
  envelope(choices: ChatCompletionChunk["choices"], usage?: CompletionUsage): ChatCompletionChunk {
    const chunk: ChatCompletionChunk = { id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model, choices };
    if (usage !== undefined) chunk.usage = usage;
    return chunk;
  }

  /** A chunk for choice 0 with `delta` and, on the last, its finish reason. */
  delta(delta: ChunkChoice["delta"], finishReason: ChunkChoice["finish_reason"] = null): ChatCompletionChunk {
    return this.envelope([{ index: 0, delta, finish_reason: finishReason }]);
  }
}
