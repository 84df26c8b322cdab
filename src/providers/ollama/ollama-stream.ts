// Ollama's NDJSON stream (ChatStreamEvent per line) -> ChatCompletionChunks. Each line carries a
// piece of content or thinking, or whole tool calls; the last line has `"done": true` with
// done_reason and the token counts. A line `{"error": "..."}` is a failure after the response began
// (docs/api/errors.mdx). A stream that ends without its done line is incomplete.
import { NDJSONDecoder } from "../../core/ndjson.js";
import { IncompleteStreamError } from "../../errors.js";
import type { OllamaStreamEvent } from "../../../generated/providers/ollama/translator.gen.js";
import type { ChatCompletionChunk } from "../../types.js";
import type { FrameDecoderLimits, StreamTranslator, NativeStreamTranslator, TranslateContext } from "../contract.js";
import { errorFromOllamaBody } from "./ollama-error.js";
import { mapOllamaFinishReason } from "./ollama-finish-reason.js";
import { createdSeconds, newCompletionId, toolCallOf, usageOf } from "./ollama-response.js";
import { PartialText } from "../partial-text.js";

type Delta = ChatCompletionChunk["choices"][number]["delta"];

export class OllamaStreamTranslator implements NativeStreamTranslator<OllamaStreamEvent> {
  private readonly id = newCompletionId();
  private created: number | undefined;
  private model: string | undefined;
  private started = false;
  private done = false;
  private readonly text = new PartialText();
  private toolCalls = 0;

  constructor(
    private readonly context: TranslateContext,
    private readonly includeUsage: boolean,
  ) {}

  push(event: OllamaStreamEvent): ChatCompletionChunk[] {
    if (event.error !== undefined) throw errorFromOllamaBody(undefined, JSON.stringify(event), undefined, this.context.model);
    if (this.done) return [];
    this.created ??= createdSeconds(event.created_at);
    this.model ??= event.model ?? this.context.model;
    const chunks: ChatCompletionChunk[] = [];
    const delta: Delta = {};
    if (!this.started) delta.role = "assistant";
    const message = event.message;
    if (message?.thinking) delta.reasoning_content = message.thinking;
    if (message?.content) {
      delta.content = message.content;
      this.text.append(message.content);
    }
    if (message?.tool_calls && message.tool_calls.length > 0) {
      delta.tool_calls = message.tool_calls.map((call) => ({ index: this.toolCalls++, ...toolCallOf(call) }));
    }
    if (!this.started || Object.keys(delta).length > 0) chunks.push(this.chunk(delta, null));
    this.started = true;
    if (event.done === true) {
      this.done = true;
      this.context.extras["native_finish_reasons"] = [event.done_reason ?? null];
      chunks.push(this.chunk({}, mapOllamaFinishReason(event.done_reason, this.toolCalls > 0)));
      if (this.includeUsage) chunks.push({ ...this.envelope(), choices: [], usage: usageOf(event) });
    }
    return chunks;
  }

  finished(): boolean {
    return this.done;
  }

  end(): ChatCompletionChunk[] {
    if (!this.done) {
      throw new IncompleteStreamError(
        'ollama closed the stream before its last line ("done": true); the response may be truncated.',
        "ollama",
        this.text.toString(),
      );
    }
    return [];
  }

  partialText(): string {
    return this.text.toString();
  }

  private envelope(): Omit<ChatCompletionChunk, "choices"> {
    return { id: this.id, object: "chat.completion.chunk", created: this.created ?? createdSeconds(undefined), model: this.model ?? this.context.model };
  }

  private chunk(delta: Delta, finishReason: ChatCompletionChunk["choices"][number]["finish_reason"]): ChatCompletionChunk {
    return { ...this.envelope(), choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] };
  }
}

/** The NDJSON framing: one JSON object per line. */
export class OllamaNDJSONTranslator implements StreamTranslator<unknown> {
  constructor(private readonly native: OllamaStreamTranslator) {}

  createDecoder(limits: FrameDecoderLimits): NDJSONDecoder {
    return new NDJSONDecoder(limits);
  }

  push(value: unknown): ChatCompletionChunk[] {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new TypeError(`an ollama stream line is not an object: ${JSON.stringify(value).slice(0, 200)}`);
    }
    return this.native.push(value as OllamaStreamEvent);
  }

  end(): ChatCompletionChunk[] {
    return this.native.end();
  }

  finished(): boolean {
    return this.native.finished();
  }

  partialText(): string {
    return this.native.partialText();
  }
}
