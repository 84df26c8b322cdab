// Gemini's `alt=sse` stream -> ChatCompletionChunks. Each event is a whole GenerateContentResponse
// holding the new parts of one or more candidates. A reader per candidate (shared with the
// non-streamed path) turns parts into deltas: the role chunk first, then reasoning, text, tool-call
// pieces (a call streamed in partialArgs pieces stays one call) and citations, then the finish;
// usage comes last on request.
import { randomUUID } from "../../core/random-id.js";
import type { GeminiStreamEvent } from "../../../generated/providers/gemini/translator.gen.js";
import type { SSEEvent } from "../../core/sse.js";
import { IncompleteStreamError } from "../../errors.js";
import type { ChatCompletionChunk, CompletionUsage } from "../../types.js";
import type { GeminiCandidate } from "./gemini-native.js";
import type { NativeStreamTranslator, StreamTranslator, TranslateContext } from "../contract.js";
import { CandidateReader, expectedCandidates, indexedCandidates, mapLogprobs, mapUsage, type CandidateDelta } from "./gemini-candidate.js";
import { errorFromGeminiBody } from "./gemini-error.js";
import { finishOf, promptBlockedChoice } from "./gemini-response.js";

type ChunkChoice = ChatCompletionChunk["choices"][number];

const NO_CANDIDATES: { candidate: GeminiCandidate; index: number }[] = [];
type Delta = ChunkChoice["delta"];

interface CandidateState {
  reader: CandidateReader;
  finished: boolean;
}

export class GeminiStreamTranslator implements NativeStreamTranslator<GeminiStreamEvent> {
  private id: string | undefined;
  private model: string;
  private readonly created = Math.floor(Date.now() / 1000);
  private readonly candidates = new Map<number, CandidateState>();
  /** By candidate index (a checked one: see indexedCandidates). */
  private readonly nativeReasons = new Map<number, string | null>();
  /** The last usageMetadata seen (each event repeats the counts so far), mapped only at the end. */
  private usageMetadata: GeminiStreamEvent["usageMetadata"];
  private promptBlocked = false;

  constructor(
    private readonly context: TranslateContext,
    private readonly includeUsage: boolean,
  ) {
    this.model = context.model;
  }

  push(event: GeminiStreamEvent): ChatCompletionChunk[] {
    this.id ??= event.responseId ?? `gemini-${randomUUID()}`;
    if (event.modelVersion !== undefined) this.model = event.modelVersion;
    if (event.usageMetadata !== undefined) this.usageMetadata = event.usageMetadata;
    const chunks: ChatCompletionChunk[] = [];
    const candidates = event.candidates === undefined || event.candidates.length === 0 ? NO_CANDIDATES : indexedCandidates(event.candidates, this.context);
    const blockReason = event.promptFeedback?.blockReason;
    if (candidates.length === 0 && blockReason !== undefined && !this.promptBlocked) {
      this.promptBlocked = true;
      const choice = promptBlockedChoice(blockReason, event.promptFeedback?.safetyRatings, this.context);
      this.recordFinish(0, null);
      chunks.push(this.chunk(0, { role: "assistant", content: "" }));
      chunks.push(this.chunk(0, {}, choice.finish_reason));
    }
    for (let at = 0; at < candidates.length; at++) {
      const { candidate, index } = candidates[at]!;
      let state = this.candidates.get(index);
      if (state === undefined) {
        state = { reader: new CandidateReader(index, this.id as string, this.context), finished: false };
        this.candidates.set(index, state);
        if (!this.nativeReasons.has(index)) this.recordFinish(index, null);
        chunks.push(this.chunk(index, { role: "assistant", content: "" }));
      }
      if (state.finished) continue;
      const delta = state.reader.read(candidate);
      const finished = candidate.finishReason !== undefined;
      if (finished) for (const call of state.reader.finish()) delta.toolCalls.push(call);
      this.pushDelta(chunks, index, delta, candidate);
      if (finished) {
        state.finished = true;
        this.recordFinish(index, candidate.finishReason ?? null);
        chunks.push(this.chunk(index, {}, finishOf(candidate, index, state.reader.toolCalls > 0, this.context)));
      }
    }
    return chunks;
  }

  /**
   * The end of a Gemini stream is the last candidate's finishReason (or a blocked prompt): every
   * candidate the request asked for has arrived and finished.
   */
  finished(): boolean {
    if (this.promptBlocked) return true;
    const expected = expectedCandidates(this.context) ?? 1;
    if (this.candidates.size < expected) return false;
    for (const state of this.candidates.values()) if (!state.finished) return false;
    return true;
  }

  end(): ChatCompletionChunk[] {
    const unfinished = [...this.candidates.entries()].filter(([, state]) => !state.finished).map(([index]) => index);
    if ((this.candidates.size === 0 && !this.promptBlocked) || unfinished.length > 0) {
      const which = this.candidates.size === 0 ? "before any candidate arrived" : `without a finishReason for choice ${unfinished.join(", ")}`;
      throw new IncompleteStreamError(
        `${this.context.provider} closed the stream ${which}; the response is truncated.`,
        this.context.provider,
        this.partialText(),
      );
    }
    if (!this.includeUsage || this.usageMetadata === undefined) return [];
    return [this.envelope([], mapUsage(this.usageMetadata))];
  }

  /** Choice 0's text so far: its reader keeps it (for citations), so it is not kept twice. */
  partialText(): string {
    return this.candidates.get(0)?.reader.answer ?? "";
  }

  /** One chunk per kind of content, in the order a reader meets them: reasoning, text, calls, citations. */
  private pushDelta(chunks: ChatCompletionChunk[], index: number, delta: CandidateDelta, candidate: GeminiCandidate): void {
    if (delta.reasoning !== "" || delta.reasoningDetails.length > 0) {
      const reasoning: Delta = {};
      if (delta.reasoning !== "") reasoning.reasoning_content = delta.reasoning;
      if (delta.reasoningDetails.length > 0) reasoning.reasoning_details = delta.reasoningDetails;
      chunks.push(this.chunk(index, reasoning));
    }
    if (delta.content !== "") {
      const chunk = this.chunk(index, { content: delta.content });
      const logprobs = mapLogprobs(candidate.logprobsResult);
      if (logprobs !== null) (chunk.choices[0] as ChunkChoice).logprobs = logprobs;
      chunks.push(chunk);
    }
    for (const call of delta.toolCalls) chunks.push(this.chunk(index, { tool_calls: [call] }));
    if (delta.annotations.length > 0) chunks.push(this.chunk(index, { annotations: delta.annotations }));
  }

  private recordFinish(index: number, reason: string | null): void {
    this.nativeReasons.set(index, reason);
    // Indexes are bounded by the candidateCount asked for, so this array is too.
    const reasons: (string | null)[] = [];
    for (const [at, value] of this.nativeReasons) {
      while (reasons.length < at) reasons.push(null);
      reasons[at] = value;
    }
    this.context.extras["native_finish_reasons"] = reasons;
  }

  /** One allocation per chunk (this runs per stream event). */
  private envelope(choices: ChatCompletionChunk["choices"], usage?: CompletionUsage): ChatCompletionChunk {
    this.id ??= `gemini-${randomUUID()}`;
    const chunk: ChatCompletionChunk = { id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model, choices };
    if (usage !== undefined) chunk.usage = usage;
    return chunk;
  }

  private chunk(index: number, delta: Delta, finishReason: ChunkChoice["finish_reason"] = null): ChatCompletionChunk {
    return this.envelope([{ index, delta, finish_reason: finishReason }]);
  }
}

/** The SSE framing: one JSON GenerateContentResponse per `data:`; an `{error}` object mid-stream fails it. */
export class GeminiSSETranslator implements StreamTranslator {
  constructor(
    private readonly native: NativeStreamTranslator<GeminiStreamEvent>,
    private readonly context: TranslateContext,
  ) {}

  push(event: SSEEvent): ChatCompletionChunk[] {
    if (event.data.trim() === "") return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      throw errorFromGeminiBody(502, event.data, undefined, this.context.provider, this.context.model, "stream event is not JSON");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw errorFromGeminiBody(502, event.data, undefined, this.context.provider, this.context.model, "stream event is not a JSON object");
    }
    if ("error" in parsed) {
      throw errorFromGeminiBody(undefined, event.data, undefined, this.context.provider, this.context.model, "error event in stream");
    }
    return this.native.push(parsed as GeminiStreamEvent);
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
