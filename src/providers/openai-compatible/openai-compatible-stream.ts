// OpenAI-dialect SSE: each `data:` is already a ChatCompletionChunk; `[DONE]` is the end marker.
import { IncompleteStreamError } from "../../errors.js";
import type { SSEEvent } from "../../core/sse.js";
import type { ChatCompletionChunk } from "../../types.js";
import type { OpenaiStreamEvent } from "../../../generated/providers/openai/translator.gen.js";
import type { NativeStreamTranslator, StreamTranslator } from "../contract.js";
import { errorFromOpenAIBody } from "./openai-compatible-error.js";

/**
 * Native chunks in, the same chunks out (the dialect's chunk is the unified chunk); remembers the
 * text for interruption reports.
 */
export class OpenAIDialectStreamTranslator implements NativeStreamTranslator<OpenaiStreamEvent> {
  private done = false;
  private text = "";

  constructor(
    private readonly provider: string,
    private readonly model: string,
  ) {}

  markDone(): void {
    this.done = true;
  }

  finished(): boolean {
    return this.done;
  }

  push(event: OpenaiStreamEvent): ChatCompletionChunk[] {
    // One cast, here: OpenAI's chunk schema and the unified one are the same slice of the same spec.
    const chunk = event as unknown as ChatCompletionChunk;
    const first = chunk.choices[0];
    if (first !== undefined && first.index === 0) {
      const content = first.delta?.content;
      if (typeof content === "string") this.text += content;
    }
    return [chunk];
  }

  end(): ChatCompletionChunk[] {
    if (!this.done) {
      throw new IncompleteStreamError(
        `${this.provider} closed the stream without its end marker (data: [DONE]); the response may be truncated.`,
        this.provider,
        this.text,
      );
    }
    return [];
  }

  partialText(): string {
    return this.text;
  }
}

/** The SSE framing of the OpenAI dialect: JSON per event, `[DONE]` at the end, `{error}` in band. */
export class OpenAIDialectSSETranslator implements StreamTranslator {
  constructor(
    private readonly native: OpenAIDialectStreamTranslator,
    private readonly provider: string,
    private readonly model: string,
  ) {}

  private done = false;

  push(event: SSEEvent): ChatCompletionChunk[] {
    // As `openai` reads the stream: nothing after the end marker counts.
    if (this.done) return [];
    const data = event.data;
    if (data.startsWith("[DONE]")) {
      this.done = true;
      this.native.markDone();
      return [];
    }
    if (data.length === 0) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      throw errorFromOpenAIBody(502, data, undefined, this.provider, this.model, "stream event is not JSON");
    }
    // `"error": null` on an ordinary chunk (some gateways add it) is not an error.
    if (typeof parsed === "object" && parsed !== null && (parsed as { error?: unknown }).error) {
      throw errorFromOpenAIBody(undefined, data, undefined, this.provider, this.model, "error event in stream");
    }
    return this.native.push(parsed as OpenaiStreamEvent);
  }

  finished(): boolean {
    return this.done;
  }

  end(): ChatCompletionChunk[] {
    return this.native.end();
  }

  partialText(): string {
    return this.native.partialText();
  }
}
