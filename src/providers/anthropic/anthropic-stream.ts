// Anthropic stream events -> ChatCompletionChunks: a state machine over message_start,
// content_block_start/delta/stop, message_delta and message_stop.
//
// - message_start: the first chunk, `delta: { role: "assistant", content: "" }`.
// - text blocks: `delta.content`, their web citations `delta.annotations` when the block ends;
//   thinking blocks: `delta.reasoning_content` plus `delta.reasoning_details` pieces (text, then
//   the signature_delta) under one index per block; redacted_thinking: one encrypted piece.
// - tool_use blocks: OpenAI tool-call chunks; `index` is the tool's ordinal in this message, the
//   first chunk carries id and name, then `arguments` fragments from input_json_delta. A call
//   without arguments gets no fragment from Anthropic (one empty input_json_delta), so "{}" is sent
//   at its content_block_stop, as the non-streaming path and OpenAI give it.
// - the JSON-mode tool (response_format emulation): its input_json_delta fragments are content.
// - blocks of types we do not know (compaction, future ones) are skipped with all their deltas;
//   a delta only counts for a block of its own kind.
// - message_start may carry finished blocks and a stop_reason (a turn continued after server-side
//   tool calls); they are translated like streamed ones. A second message_start is a corrupt stream.
// - message_delta: the chunk with the real finish_reason; message_stop: the usage chunk
//   (`choices: []`) when the caller asked for include_usage.
// - error (in band, e.g. overloaded_error): thrown as the typed APIError.
import { APIError, IncompleteStreamError } from "../../errors.js";
import type { ChatCompletionChunk, FinishReason } from "../../types.js";
import type { NativeStreamTranslator, TranslateContext } from "../contract.js";
import { errorFromStreamEvent } from "./anthropic-error.js";
import { mapStopReason, recordNativeStopReason } from "./anthropic-finish-reason.js";
import { jsonModeFor, type JsonModePlan } from "./anthropic-json-mode.js";
import { nowInSeconds, toCompletionUsage } from "./anthropic-response.js";
import type {
  AnthropicBlockDelta,
  AnthropicContentBlock,
  AnthropicDeltaUsage,
  AnthropicStreamEvent,
  AnthropicTextCitation,
  AnthropicUsage,
} from "./anthropic-schema.js";
import type { ReasoningDetail } from "../../types.js";
import { urlCitations } from "./anthropic-citations.js";
import { ANTHROPIC_REASONING_FORMAT } from "./anthropic-thinking.js";
import { PartialText } from "../partial-text.js";

type ChunkChoice = ChatCompletionChunk["choices"][number];
type ChunkDelta = ChunkChoice["delta"];

type BlockState =
  /** `start`: where the block's text begins in the content; `citations`: sent as annotations when it ends. */
  | { kind: "text"; start: number; citations: AnthropicTextCitation[] }
  /** `detail`: the block's index among the message's reasoning_details. */
  | { kind: "thinking"; detail: number }
  /** `hasArguments`: some argument text was sent for this call. */
  | { kind: "tool"; ordinal: number; hasArguments: boolean }
  | { kind: "json"; hasArguments: boolean }
  | { kind: "ignored" };

type StopReason = Parameters<typeof mapStopReason>[0];

type Counts = Pick<AnthropicUsage, "input_tokens" | "output_tokens" | "cache_read_input_tokens" | "cache_creation_input_tokens">;

const PROVIDER = "anthropic";

export class AnthropicStreamTranslator implements NativeStreamTranslator<AnthropicStreamEvent> {
  private id = "";
  private model: string;
  private readonly created = nowInSeconds();
  private readonly jsonMode: JsonModePlan | undefined;
  private started = false;
  private finishSent = false;
  private stopped = false;
  private readonly blocks = new Map<number, BlockState>();
  private toolCount = 0;
  private detailCount = 0;
  private jsonAnswered = false;
  private readonly text = new PartialText();
  private counts: Counts | undefined;
  /** The stop reason message_start already carried, for a stream with no message_delta. */
  private startStopReason: StopReason = null;

  constructor(
    private readonly context: TranslateContext,
    private readonly includeUsage: boolean,
  ) {
    this.model = context.model;
    this.jsonMode = jsonModeFor(context);
  }

  push(event: AnthropicStreamEvent): ChatCompletionChunk[] {
    if (this.stopped) return [];
    // Before the message_start check, so an error that opens the stream keeps its own type.
    if (event.type === "error") throw errorFromStreamEvent(event, this.context.model);
    switch (event.type) {
      case "message_start":
        return this.start(event.message);
      case "content_block_start":
        this.requireStarted(event.type);
        return this.startBlock(event.index, event.content_block);
      case "content_block_delta":
        this.requireStarted(event.type);
        return this.blockDelta(event.index, event.delta);
      case "content_block_stop":
        this.requireStarted(event.type);
        return this.stopBlock(event.index);
      case "message_delta":
        this.requireStarted(event.type);
        this.counts = mergeCounts(this.counts, event.usage as AnthropicDeltaUsage | undefined);
        return this.finish(event.delta.stop_reason);
      case "message_stop":
        this.requireStarted(event.type);
        return this.stop();
      case "ping":
        return [];
      default: {
        // Anthropic may add event types; one we do not know carries nothing we could translate,
        // wherever it comes, before message_start too.
        const unlisted: never = event;
        void unlisted;
        return [];
      }
    }
  }

  /** Message events before message_start: a broken stream, worth another attempt. */
  private requireStarted(type: string): void {
    if (this.started) return;
    throw new APIError(`Anthropic sent a ${type} event before message_start`, {
      provider: PROVIDER,
      model: this.context.model,
      retryable: true,
    });
  }

  finished(): boolean {
    return this.stopped;
  }

  end(): ChatCompletionChunk[] {
    if (!this.stopped) {
      throw new IncompleteStreamError(
        "anthropic closed the stream before message_stop; the response may be truncated.",
        PROVIDER,
        this.text.toString(),
      );
    }
    return [];
  }

  partialText(): string {
    return this.text.toString();
  }

  private start(message: Extract<AnthropicStreamEvent, { type: "message_start" }>["message"]): ChatCompletionChunk[] {
    if (this.started) {
      // One stream is one message: a second start means the stream is corrupt (two responses spliced).
      throw new APIError("Anthropic sent a second message_start in one stream; the stream is corrupt", {
        provider: PROVIDER,
        model: this.context.model,
        retryable: true,
      });
    }
    this.started = true;
    this.id = message.id;
    this.model = message.model;
    this.counts = message.usage;
    this.startStopReason = message.stop_reason;
    const chunks = [this.chunk({ role: "assistant", content: "" })];
    // Blocks already complete at the start: translated as if streamed, then closed.
    (message.content ?? []).forEach((block, index) => chunks.push(...this.startBlock(index, block), ...this.stopBlock(index)));
    return chunks;
  }

  private startBlock(index: number, block: AnthropicContentBlock): ChatCompletionChunk[] {
    switch (block.type) {
      case "text": {
        const state: BlockState = { kind: "text", start: this.text.length, citations: [...(block.citations ?? [])] };
        this.blocks.set(index, state);
        return this.content(block.text);
      }
      case "thinking": {
        const detail = this.detailCount++;
        this.blocks.set(index, { kind: "thinking", detail });
        // Streamed blocks start empty; a block complete at the start carries its text and signature.
        if (block.thinking.length === 0 && block.signature.length === 0) return [];
        const piece: ReasoningDetail = { type: "reasoning.text", text: block.thinking, format: ANTHROPIC_REASONING_FORMAT, index: detail };
        if (block.signature.length > 0) piece.signature = block.signature;
        return [this.chunk(block.thinking.length > 0 ? { reasoning_content: block.thinking, reasoning_details: [piece] } : { reasoning_details: [piece] })];
      }
      case "redacted_thinking": {
        this.blocks.set(index, { kind: "ignored" });
        const piece: ReasoningDetail = { type: "reasoning.encrypted", data: block.data, format: ANTHROPIC_REASONING_FORMAT, index: this.detailCount++ };
        return [this.chunk({ reasoning_details: [piece] })];
      }
      case "tool_use": {
        // Streamed calls start with input {}; a call complete at the start carries its input here.
        const known = hasFields(block.input) ? JSON.stringify(block.input) : "";
        if (this.jsonMode !== undefined && block.name === this.jsonMode.toolName) {
          this.blocks.set(index, { kind: "json", hasArguments: known.length > 0 });
          this.jsonAnswered = true;
          return this.content(known);
        }
        const ordinal = this.toolCount++;
        this.blocks.set(index, { kind: "tool", ordinal, hasArguments: known.length > 0 });
        return [
          this.chunk({
            tool_calls: [{ index: ordinal, id: block.id, type: "function", function: { name: block.name, arguments: known } }],
          }),
        ];
      }
      case "server_tool_use":
      case "web_search_tool_result":
      case "web_fetch_tool_result":
      case "code_execution_tool_result":
      case "bash_code_execution_tool_result":
      case "text_editor_code_execution_tool_result":
      case "tool_search_tool_result":
      case "container_upload":
        // Server-side tool activity (web search calls and results) has no OpenAI chunk equivalent.
        this.blocks.set(index, { kind: "ignored" });
        return [];
      default: {
        const unlisted: never = block;
        void unlisted;
        this.blocks.set(index, { kind: "ignored" });
        return [];
      }
    }
  }

  private blockDelta(index: number, delta: AnthropicBlockDelta): ChatCompletionChunk[] {
    // A delta counts only for a block of its own kind (a block never started is taken as text or
    // thinking, as its delta says); deltas of skipped blocks never reach content.
    const block = this.blocks.get(index);
    switch (delta.type) {
      case "text_delta":
        return block === undefined || block.kind === "text" ? this.content(delta.text) : [];
      case "thinking_delta": {
        if (block !== undefined && block.kind !== "thinking") return [];
        if (delta.thinking.length === 0) return [];
        const detail = block?.detail ?? this.thinkingBlock(index).detail;
        const piece: ReasoningDetail = { type: "reasoning.text", text: delta.thinking, format: ANTHROPIC_REASONING_FORMAT, index: detail };
        return [this.chunk({ reasoning_content: delta.thinking, reasoning_details: [piece] })];
      }
      case "signature_delta": {
        // The signature over the block's thinking: Anthropic needs it back with the block.
        if (block !== undefined && block.kind !== "thinking") return [];
        const detail = block?.detail ?? this.thinkingBlock(index).detail;
        return [this.chunk({ reasoning_details: [{ type: "reasoning.text", text: "", signature: delta.signature, format: ANTHROPIC_REASONING_FORMAT, index: detail }] })];
      }
      case "citations_delta":
        if (block?.kind === "text") block.citations.push(delta.citation);
        return [];
      case "input_json_delta": {
        if (delta.partial_json.length === 0) return [];
        if (block?.kind === "json") {
          block.hasArguments = true;
          return this.content(delta.partial_json);
        }
        if (block?.kind !== "tool") return [];
        block.hasArguments = true;
        return [this.chunk({ tool_calls: [{ index: block.ordinal, function: { arguments: delta.partial_json } }] })];
      }
      default: {
        const unlisted: never = delta;
        void unlisted;
        return [];
      }
    }
  }

  /** A thinking block whose content_block_start never came (a delta named it first). */
  private thinkingBlock(index: number): { kind: "thinking"; detail: number } {
    const state = { kind: "thinking" as const, detail: this.detailCount++ };
    this.blocks.set(index, state);
    return state;
  }

  /**
   * A tool call that got no argument text takes no arguments: "{}", never "". A text block's
   * citations become annotations spanning its text, now that all of it has arrived.
   */
  private stopBlock(index: number): ChatCompletionChunk[] {
    const block = this.blocks.get(index);
    if (block?.kind === "text" && block.citations.length > 0) {
      const annotations = urlCitations(block.citations, block.start, this.text.length);
      block.citations = [];
      return annotations.length > 0 ? [this.chunk({ annotations })] : [];
    }
    if (block === undefined || (block.kind !== "tool" && block.kind !== "json") || block.hasArguments) return [];
    block.hasArguments = true;
    if (block.kind === "json") return this.content("{}");
    return [this.chunk({ tool_calls: [{ index: block.ordinal, function: { arguments: "{}" } }] })];
  }

  private finish(reason: StopReason): ChatCompletionChunk[] {
    if (this.finishSent) return [];
    this.finishSent = true;
    // A block whose content_block_stop never came still ends before the finish chunk.
    const chunks = [...this.blocks.keys()].flatMap((index) => this.stopBlock(index));
    recordNativeStopReason(this.context.extras, reason);
    const finishReason: FinishReason = mapStopReason(reason, { jsonAnswerOnly: this.jsonAnswered && this.toolCount === 0 });
    chunks.push(this.chunk({}, finishReason));
    return chunks;
  }

  private stop(): ChatCompletionChunk[] {
    const chunks = this.finish(this.startStopReason);
    this.stopped = true;
    if (this.includeUsage && this.counts !== undefined) {
      chunks.push({
        id: this.id,
        object: "chat.completion.chunk",
        created: this.created,
        model: this.model,
        choices: [],
        usage: toCompletionUsage(this.counts),
      });
    }
    return chunks;
  }

  private content(text: string): ChatCompletionChunk[] {
    // `!text`: a relay that leaves out an empty block's `text` must not crash the stream.
    if (!text) return [];
    this.text.append(text);
    return [this.chunk({ content: text })];
  }

  private chunk(delta: ChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    const choice: ChunkChoice = { index: 0, delta, finish_reason: finishReason, logprobs: null };
    const chunk: ChatCompletionChunk = { id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model, choices: [choice] };
    // OpenAI sends `usage: null` on every chunk but the last when include_usage is set.
    if (this.includeUsage) chunk.usage = null;
    return chunk;
  }
}

function hasFields(input: unknown): boolean {
  return typeof input === "object" && input !== null && Object.keys(input).length > 0;
}

/** message_delta usage is cumulative; input counts, when present, replace message_start's. */
function mergeCounts(previous: Counts | undefined, delta: AnthropicDeltaUsage | undefined): Counts | undefined {
  // Anthropic always sends usage here; a relay that drops it must not crash the stream.
  if (delta === undefined || delta === null) return previous;
  return {
    input_tokens: delta.input_tokens ?? previous?.input_tokens ?? 0,
    output_tokens: delta.output_tokens,
    cache_read_input_tokens: delta.cache_read_input_tokens ?? previous?.cache_read_input_tokens ?? null,
    cache_creation_input_tokens: delta.cache_creation_input_tokens ?? previous?.cache_creation_input_tokens ?? null,
  };
}
