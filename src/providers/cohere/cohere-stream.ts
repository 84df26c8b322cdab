// Cohere v2 stream events -> ChatCompletionChunks, a state machine over message-start,
// content-start/delta/end, tool-plan-delta, tool-call-start/delta/end, citation-start/end and
// message-end.
//
// - message-start: the first chunk, `delta: { role: "assistant", content: "" }`.
// - content-delta: `text` -> delta.content, `thinking` -> delta.reasoning_content.
// - tool-plan-delta: the text before tool calls -> delta.content (as the non-streaming path gives it).
// - tool-call-start: a tool-call chunk with id, name and any first arguments; tool-call-delta: more
//   arguments. `index` is the call's ordinal in this message.
// - citation-start: a document citation of the answer's text -> `delta.annotations` (url_citation,
//   as the non-streamed message.annotations and Gemini's streamed grounding); citation-end carries
//   nothing more.
// - message-end: the finish chunk, then the usage chunk (`choices: []`) on include_usage; an
//   `error` or finish_reason ERROR there is a typed error.
import { randomUUID } from "../../core/random-id.js";
import { APIError, IncompleteStreamError } from "../../errors.js";
import type { SSEEvent } from "../../core/sse.js";
import type { ChatCompletionChunk } from "../../types.js";
import type { NativeStreamTranslator, StreamTranslator, TranslateContext } from "../contract.js";
import { StreamChunks } from "../stream-chunks.js";
import { errorFromCohereBody } from "./cohere-error.js";
import { generationFailed, mapFinishReason } from "./cohere-finish-reason.js";
import { COHERE_REASONING_FORMAT } from "./cohere-request.js";
import { toAnnotations, toCompletionUsage, toLogprobs } from "./cohere-response.js";
import type { CohereStreamEvent } from "./cohere-schema.js";
import { PartialText } from "../partial-text.js";

type ChunkChoice = ChatCompletionChunk["choices"][number];
type EndEvent = Extract<CohereStreamEvent, { type: "message-end" }>;

export class CohereStreamTranslator implements NativeStreamTranslator<CohereStreamEvent> {
  private readonly chunks: StreamChunks;
  private started = false;
  private ended = false;
  private readonly text = new PartialText();
  /** Cohere's tool-call index -> the call's ordinal in OpenAI's chunks. */
  private readonly toolOrdinals = new Map<number, number>();

  constructor(
    private readonly context: TranslateContext,
    private readonly includeUsage: boolean,
  ) {
    this.chunks = new StreamChunks("", context.model);
  }

  push(event: CohereStreamEvent): ChatCompletionChunk[] {
    if (this.ended) return [];
    if (event.type !== "message-start" && !this.started) {
      throw new APIError(`Cohere sent a ${event.type} event before message-start`, { provider: "cohere", model: this.context.model, retryable: true });
    }
    switch (event.type) {
      case "message-start":
        this.started = true;
        this.chunks.id = event.id ?? `cohere-${randomUUID()}`;
        return [this.chunks.delta({ role: "assistant", content: "" })];
      case "content-start":
      case "content-delta": {
        const content = event.delta?.message?.content;
        const chunks: ChatCompletionChunk[] = [];
        if (content?.thinking) chunks.push(this.thinking(content.thinking, event.index ?? 0));
        if (content?.text) {
          this.text.append(content.text);
          const chunk = this.chunks.delta({ content: content.text });
          if (event.type === "content-delta" && event.logprobs !== undefined) (chunk.choices[0] as ChunkChoice).logprobs = toLogprobs([event.logprobs]);
          chunks.push(chunk);
        }
        return chunks;
      }
      case "tool-plan-delta": {
        const plan = event.delta?.message?.tool_plan;
        if (!plan) return [];
        this.text.append(plan);
        return [this.chunks.delta({ content: plan })];
      }
      case "tool-call-start": {
        const call = event.delta?.message?.tool_calls;
        if (call === undefined) return [];
        const ordinal = this.toolOrdinals.size;
        this.toolOrdinals.set(event.index ?? ordinal, ordinal);
        const name = call.function?.name ?? "";
        return [this.chunks.delta({ tool_calls: [{ index: ordinal, id: call.id, type: "function", function: { name, arguments: call.function?.arguments ?? "" } }] })];
      }
      case "tool-call-delta": {
        const fragment = event.delta?.message?.tool_calls?.function?.arguments;
        if (!fragment) return [];
        const ordinal = this.toolOrdinals.get(event.index ?? this.toolOrdinals.size - 1) ?? this.toolOrdinals.size - 1;
        return [this.chunks.delta({ tool_calls: [{ index: ordinal, function: { arguments: fragment } }] })];
      }
      case "citation-start": {
        const citation = event.delta?.message?.citations;
        const annotations = citation === undefined ? [] : toAnnotations([citation]);
        return annotations.length > 0 ? [this.chunks.delta({ annotations })] : [];
      }
      case "content-end":
      case "tool-call-end":
      case "citation-end":
        return [];
      case "message-end":
        return this.finish(event);
      default: {
        // Cohere may add event types; one we do not know carries nothing we could translate.
        const unlisted: never = event;
        void unlisted;
        return [];
      }
    }
  }

  /** message-end is the stream's last event. */
  finished(): boolean {
    return this.ended;
  }

  end(): ChatCompletionChunk[] {
    if (!this.ended) {
      throw new IncompleteStreamError(
        `Cohere closed the stream ${this.started ? "without message-end" : "before message-start"}; the response is truncated.`,
        "cohere",
        this.text.toString(),
      );
    }
    return [];
  }

  partialText(): string {
    return this.text.toString();
  }

  /** Thinking as reasoning_content, and as a reasoning_details piece (format cohere-v1) to replay. */
  private thinking(text: string, index: number): ChatCompletionChunk {
    return this.chunks.delta({ reasoning_content: text, reasoning_details: [{ type: "reasoning.text", text, format: COHERE_REASONING_FORMAT, index }] });
  }

  private finish(event: EndEvent): ChatCompletionChunk[] {
    this.ended = true;
    const delta = event.delta;
    if (delta?.error) throw generationFailed(this.context.model, delta.error);
    const reason = delta?.finish_reason;
    if (reason === undefined) throw generationFailed(this.context.model, "message-end without a finish_reason");
    const chunks = [this.chunks.delta({}, mapFinishReason(reason, this.toolOrdinals.size > 0, this.context))];
    const usage = toCompletionUsage(delta?.usage);
    if (this.includeUsage && usage !== undefined) chunks.push(this.chunks.envelope([], usage));
    return chunks;
  }

}

/** Cohere's SSE framing: `event: <type>` + `data: {json}`; a `[DONE]` terminator carries nothing. */
export class CohereSSETranslator implements StreamTranslator {
  constructor(
    private readonly native: NativeStreamTranslator<CohereStreamEvent>,
    private readonly model: string,
  ) {}

  push(event: SSEEvent): ChatCompletionChunk[] {
    const data = event.data.trim();
    if (data === "" || data === "[DONE]") return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      throw errorFromCohereBody(502, data, undefined, this.model, "Cohere sent a stream event that is not JSON");
    }
    if (typeof parsed !== "object" || parsed === null || typeof (parsed as { type?: unknown }).type !== "string") {
      // An error body in place of an event (a gateway, or a failure after the headers).
      throw errorFromCohereBody(event.event === "error" ? 500 : 502, data, undefined, this.model, "Cohere sent a stream event without a type");
    }
    return this.native.push(parsed as CohereStreamEvent);
  }

  finished(): boolean {
    return this.native.finished();
  }

  end(): ChatCompletionChunk[] {
    return this.native.end();
  }

  partialText(): string {
    return this.native.partialText();
  }
}
