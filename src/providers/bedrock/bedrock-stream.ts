// ConverseStream events -> ChatCompletionChunks: a state machine over messageStart,
// contentBlockStart/Delta/Stop, messageStop and metadata, plus the event-stream framing around it.
//
// - messageStart: the first chunk, `delta: { role: "assistant", content: "" }`.
// - text deltas: delta.content; reasoning deltas: delta.reasoning_content, and each piece (text or
//   signature, or redacted bytes) in delta.reasoning_details with the block's index.
// - contentBlockStart with toolUse: a tool-call chunk with id and name; toolUse input deltas are
//   argument fragments. A call that streamed no input gets "{}" at its contentBlockStop. The
//   JSON-mode tool's input (response_format emulation) streams as content.
// - messageStop: the finish chunk; metadata (after it): the usage chunk on include_usage.
// - an exception message (`:message-type: exception`) is the typed error its type stands for.
import { randomUUID } from "../../core/random-id.js";
import { EventStreamDecoder, stringHeader, type EventStreamMessage } from "../../core/event-stream.js";
import { APIError, IncompleteStreamError } from "../../errors.js";
import type { ChatCompletionChunk } from "../../types.js";
import type { FrameDecoderLimits, NativeStreamTranslator, StreamTranslator, TranslateContext } from "../contract.js";
import type { ReasoningDetail } from "../reasoning-details.js";
import { StreamChunks } from "../stream-chunks.js";
import { errorFromStreamError, errorFromStreamException } from "./bedrock-error.js";
import { mapStopReason } from "./bedrock-finish-reason.js";
import { BEDROCK_REASONING_FORMAT } from "./bedrock-request.js";
import { toCompletionUsage } from "./bedrock-response.js";
import type { BedrockBlockDelta, BedrockStreamEvent, BedrockStreamMember } from "./bedrock-schema.js";
import { jsonToolFor } from "./bedrock-tools.js";
import { PartialText } from "../partial-text.js";

type BlockState = { kind: "tool"; ordinal: number; hasArguments: boolean } | { kind: "json"; hasArguments: boolean };

const PROVIDER = "bedrock";

export class BedrockStreamTranslator implements NativeStreamTranslator<BedrockStreamEvent> {
  private readonly chunks: StreamChunks;
  private readonly jsonTool: string | undefined;
  private started = false;
  private stopped = false;
  /** The metadata event (usage) comes after messageStop and is the stream's last. */
  private metadataSeen = false;
  private readonly blocks = new Map<number, BlockState>();
  private toolCount = 0;
  private jsonAnswered = false;
  private readonly text = new PartialText();

  constructor(
    private readonly context: TranslateContext,
    private readonly includeUsage: boolean,
  ) {
    this.jsonTool = jsonToolFor(context);
    this.chunks = new StreamChunks(`bedrock-${randomUUID()}`, context.model);
  }

  push(event: BedrockStreamEvent): ChatCompletionChunk[] {
    if ("messageStart" in event) {
      this.started = true;
      return [this.chunks.delta({ role: "assistant", content: "" })];
    }
    if (!this.started) {
      throw new APIError(`Bedrock sent ${Object.keys(event).join(", ")} before messageStart`, { provider: PROVIDER, model: this.context.model, retryable: true });
    }
    if ("contentBlockStart" in event) {
      const { contentBlockIndex: index, start } = event.contentBlockStart;
      const { toolUseId, name } = start.toolUse;
      if (this.jsonTool !== undefined && name === this.jsonTool) {
        this.blocks.set(index, { kind: "json", hasArguments: false });
        this.jsonAnswered = true;
        return [];
      }
      const ordinal = this.toolCount++;
      this.blocks.set(index, { kind: "tool", ordinal, hasArguments: false });
      return [this.chunks.delta({ tool_calls: [{ index: ordinal, id: toolUseId, type: "function", function: { name, arguments: "" } }] })];
    }
    if ("contentBlockDelta" in event) return this.delta(event.contentBlockDelta.contentBlockIndex, event.contentBlockDelta.delta);
    if ("contentBlockStop" in event) {
      const block = this.blocks.get(event.contentBlockStop.contentBlockIndex);
      if (block === undefined || block.hasArguments) return [];
      // A call (or JSON answer) without input: "{}", as the non-streaming path gives it.
      return [block.kind === "tool" ? this.chunks.delta({ tool_calls: [{ index: block.ordinal, function: { arguments: "{}" } }] }) : this.chunks.delta({ content: "{}" })];
    }
    if ("messageStop" in event) {
      this.stopped = true;
      const reason = event.messageStop.stopReason;
      this.context.extras["native_finish_reasons"] = [reason];
      return [this.chunks.delta({}, mapStopReason(reason, { jsonAnswerOnly: this.jsonAnswered && this.toolCount === 0 }))];
    }
    if ("metadata" in event) {
      this.metadataSeen = true;
      return this.includeUsage ? [this.chunks.envelope([], toCompletionUsage(event.metadata.usage))] : [];
    }
    // The exception members of the union arrive as exception messages (see the framing below).
    const name = Object.keys(event)[0] ?? "unknown";
    throw errorFromStreamException(name, JSON.stringify(Object.values(event)[0] ?? {}), this.context.model);
  }

  private delta(index: number, delta: BedrockBlockDelta): ChatCompletionChunk[] {
    if ("text" in delta) {
      if (delta.text === "") return [];
      this.text.append(delta.text);
      return [this.chunks.delta({ content: delta.text })];
    }
    if ("toolUse" in delta) {
      const block = this.blocks.get(index);
      const fragment = delta.toolUse.input;
      if (block === undefined || fragment === "") return [];
      block.hasArguments = true;
      if (block.kind === "json") {
        this.text.append(fragment);
        return [this.chunks.delta({ content: fragment })];
      }
      return [this.chunks.delta({ tool_calls: [{ index: block.ordinal, function: { arguments: fragment } }] })];
    }
    const reasoning = delta.reasoningContent;
    if ("text" in reasoning) {
      const detail: ReasoningDetail = { type: "reasoning.text", text: reasoning.text, format: BEDROCK_REASONING_FORMAT, index };
      return [this.chunks.delta({ reasoning_content: reasoning.text, reasoning_details: [detail] })];
    }
    if ("signature" in reasoning) {
      return [this.chunks.delta({ reasoning_details: [{ type: "reasoning.text", text: "", signature: reasoning.signature, format: BEDROCK_REASONING_FORMAT, index }] })];
    }
    return [this.chunks.delta({ reasoning_details: [{ type: "reasoning.encrypted", data: reasoning.redactedContent, format: BEDROCK_REASONING_FORMAT, index }] })];
  }

  finished(): boolean {
    return this.stopped && this.metadataSeen;
  }

  end(): ChatCompletionChunk[] {
    if (!this.stopped) {
      throw new IncompleteStreamError(`Bedrock closed the stream ${this.started ? "without messageStop" : "before messageStart"}; the response is truncated.`, PROVIDER, this.text.toString());
    }
    return [];
  }

  partialText(): string {
    return this.text.toString();
  }

}

const EVENTS: ReadonlySet<BedrockStreamMember> = new Set(["messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"]);

/**
 * The framing: AWS event-stream messages. An `event` message's `:event-type` names the union member
 * and its payload is that member's JSON; an `exception` message is a modeled exception; an `error`
 * message is a protocol error. Each of the last two is the typed error it stands for.
 */
export class BedrockEventStreamTranslator implements StreamTranslator<EventStreamMessage> {
  private readonly textDecoder = new TextDecoder();

  constructor(
    private readonly native: NativeStreamTranslator<BedrockStreamEvent>,
    private readonly model: string,
  ) {}

  createDecoder(limits: FrameDecoderLimits): EventStreamDecoder {
    return new EventStreamDecoder({ provider: PROVIDER, model: this.model, maxEventBytes: limits.maxEventBytes, source: limits.source });
  }

  finished(): boolean {
    return this.native.finished();
  }

  push(message: EventStreamMessage): ChatCompletionChunk[] {
    const kind = stringHeader(message, ":message-type");
    const payload = this.textDecoder.decode(message.payload);
    switch (kind) {
      case "event": {
        const type = stringHeader(message, ":event-type") ?? "";
        // Event types Bedrock may add later carry nothing this translator could use.
        if (!EVENTS.has(type as BedrockStreamMember)) return [];
        let parsed: unknown;
        try {
          parsed = JSON.parse(payload);
        } catch {
          throw new APIError(`Bedrock sent a ${type} event whose payload is not JSON`, { provider: PROVIDER, model: this.model, body: payload, retryable: true });
        }
        return this.native.push({ [type]: parsed } as BedrockStreamEvent);
      }
      case "exception":
        throw errorFromStreamException(stringHeader(message, ":exception-type") ?? "unknown", payload, this.model);
      case "error":
        throw errorFromStreamError(stringHeader(message, ":error-code"), stringHeader(message, ":error-message"), this.model);
      default:
        throw new APIError(`Bedrock sent an event-stream message of type ${JSON.stringify(kind)}`, { provider: PROVIDER, model: this.model, retryable: true });
    }
  }

  end(): ChatCompletionChunk[] {
    return this.native.end();
  }

  partialText(): string {
    return this.native.partialText();
  }
}
