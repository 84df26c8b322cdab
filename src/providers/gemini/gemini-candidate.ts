// What a Gemini candidate's parts, logprobs and usage mean in OpenAI's terms. Shared by the
// non-streamed response and the stream state machine, so both read parts the same way.
import { MalformedResponseError } from "../../errors-response.js";
import type { ChatCompletion, ChatCompletionChunkToolCall, CompletionUsage, ReasoningDetail, UrlCitationAnnotation } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import { FunctionCallAssembler } from "./gemini-function-calls.js";
import { annotationKey, annotationsOf } from "./gemini-grounding.js";
import type { GeminiCandidate, GeminiLogprobsResult, GeminiPart, GeminiUsageMetadata } from "./gemini-native.js";
import { warn } from "./gemini-warnings.js";
import { PartialText } from "../partial-text.js";

/**
 * Every field of Gemini's Part, by role. `satisfies Record<keyof GeminiPart, …>` makes a field added
 * to the spec a compile error until it is placed here (and, if it carries content, handled below).
 */
const PART_FIELDS = {
  text: "payload",
  inlineData: "payload",
  functionCall: "payload",
  functionResponse: "payload",
  fileData: "payload",
  executableCode: "payload",
  codeExecutionResult: "payload",
  thought: "modifier",
  thoughtSignature: "modifier",
  videoMetadata: "metadata",
  partMetadata: "metadata",
  mediaResolution: "metadata",
} as const satisfies Record<keyof GeminiPart, "payload" | "modifier" | "metadata">;

type Fields = typeof PART_FIELDS;
export type PartKind = { [K in keyof Fields]: Fields[K] extends "payload" ? K : never }[keyof Fields];

const PAYLOAD_FIELDS = (Object.keys(PART_FIELDS) as (keyof Fields)[]).filter(
  (field): field is PartKind => PART_FIELDS[field] === "payload",
);

/** The part's content kind, or undefined for a part that carries none (e.g. only a signature). */
export function partKind(part: GeminiPart): PartKind | undefined {
  return PAYLOAD_FIELDS.find((field) => part[field] !== undefined);
}

/** Gemini's documented ceiling for candidateCount, the bound when the request's own is not known. */
const MAX_CANDIDATES = 8;
const requestedCandidates = new WeakMap<TranslateContext, number>();

/** Records the candidateCount this request asked for: no candidate index may reach it. */
export function expectCandidates(context: TranslateContext, count: number | undefined): void {
  requestedCandidates.set(context, typeof count === "number" && Number.isInteger(count) && count > 0 ? count : 1);
}

/** The candidateCount the request asked for, when the provider recorded it. */
export function expectedCandidates(context: TranslateContext): number | undefined {
  return requestedCandidates.get(context);
}

/**
 * Candidates in index order, each with its index checked: an integer below the candidateCount asked
 * for. The index comes from the network, and per-candidate state must never be sized by it (an
 * index of 1e9 would allocate until the process dies); anything else is a malformed response. A
 * missing index is proto3's zero for sorting, then the candidate's position.
 */
export function indexedCandidates<C extends { index?: number }>(candidates: readonly C[], context: TranslateContext): { candidate: C; index: number }[] {
  const limit = expectedCandidates(context) ?? MAX_CANDIDATES;
  if (candidates.length > limit) {
    throw new MalformedResponseError(`${context.provider} sent ${candidates.length} candidates; the request asked for at most ${limit}`, {
      provider: context.provider,
      model: context.model,
      retryable: true,
      plainMessage: true,
    });
  }
  const checked = candidates.map((candidate) => ({ candidate, given: candidate.index === undefined ? undefined : checkedIndex(candidate.index, context) }));
  checked.sort((a, b) => (a.given ?? 0) - (b.given ?? 0));
  return checked.map(({ candidate, given }, position) => ({ candidate, index: given ?? position }));
}

function checkedIndex(index: unknown, context: TranslateContext): number {
  const limit = expectedCandidates(context) ?? MAX_CANDIDATES;
  if (typeof index === "number" && Number.isInteger(index) && index >= 0 && index < limit) return index;
  const shown = typeof index === "string" ? JSON.stringify(index.slice(0, 40)) : String(index);
  throw new MalformedResponseError(
    `${context.provider} sent a candidate with index ${shown}; the request asked for ${limit} candidate(s), so an index must be an integer from 0 to ${limit - 1}`,
    { provider: context.provider, model: context.model, retryable: true, plainMessage: true },
  );
}

/** Marks reasoning Gemini produced, so only Gemini reads it back. */
export const GEMINI_REASONING_FORMAT = "google-gemini-v1";

/** What one stream event (or a whole response) adds to one candidate's message. */
export interface CandidateDelta {
  content: string;
  reasoning: string;
  reasoningDetails: ReasoningDetail[];
  toolCalls: ChatCompletionChunkToolCall[];
  annotations: UrlCitationAnnotation[];
}

/**
 * Reads one candidate's parts, across the events of a stream or from a whole response, so both
 * paths give the same message. Thought parts become reasoning; thought signatures on text and
 * thought parts become `reasoning_details` (format google-gemini-v1), those on function calls the
 * call's `extra_content.google.thought_signature`; grounding becomes url_citation annotations.
 */
export class CandidateReader {
  private readonly calls: FunctionCallAssembler;
  private readonly answerText = new PartialText();
  private detailCount = 0;
  private readonly annotationKeys = new Set<string>();

  constructor(
    private readonly candidateIndex: number,
    responseId: string,
    private readonly context: TranslateContext,
  ) {
    this.calls = new FunctionCallAssembler(responseId, candidateIndex, context);
  }

  /** Tool calls started so far. */
  get toolCalls(): number {
    return this.calls.calls;
  }

  /** The answer text so far. */
  get answer(): string {
    return this.answerText.toString();
  }

  read(candidate: GeminiCandidate): CandidateDelta {
    const delta: CandidateDelta = { content: "", reasoning: "", reasoningDetails: [], toolCalls: [], annotations: [] };
    for (const part of candidate.content?.parts ?? []) this.readPart(part, delta);
    this.answerText.append(delta.content);
    // Citations are placed in the answer so far: read only when the candidate carries any.
    if (candidate.groundingMetadata === undefined && candidate.citationMetadata === undefined) return delta;
    for (const annotation of annotationsOf(candidate, this.answerText.toString())) {
      const key = annotationKey(annotation);
      if (this.annotationKeys.has(key)) continue;
      this.annotationKeys.add(key);
      delta.annotations.push(annotation);
    }
    return delta;
  }

  /** The candidate is complete: closes a function call still open. */
  finish(): ChatCompletionChunkToolCall[] {
    return this.calls.finish();
  }

  private readPart(part: GeminiPart, delta: CandidateDelta): void {
    const kind = partKind(part);
    const signature = part.thoughtSignature === undefined || part.thoughtSignature === "" ? undefined : part.thoughtSignature;
    if (kind === undefined) {
      if (signature !== undefined) this.signed(delta, "", signature);
      // A part kind newer than the spec (say, a server-side tool's call) must not vanish unnoticed.
      const unknown = Object.keys(part).filter((field) => !(field in PART_FIELDS));
      if (unknown.length > 0) warn(this.context, `candidate ${this.candidateIndex} contained a part of a kind onellm does not know (${unknown.join(", ")}); it was left out.`);
      return;
    }
    switch (kind) {
      case "text": {
        const text = part.text ?? "";
        if (part.thought === true) delta.reasoning += text;
        else delta.content += text;
        if (signature !== undefined) this.signed(delta, part.thought === true ? text : "", signature);
        return;
      }
      case "functionCall":
        if (part.functionCall !== undefined) delta.toolCalls.push(...this.calls.push(part.functionCall, signature));
        return;
      case "executableCode":
        // Only present when the caller enabled codeExecution through provider_options: shown as Markdown.
        if (part.executableCode) delta.content += `\n\`\`\`${part.executableCode.language.toLowerCase()}\n${part.executableCode.code}\n\`\`\`\n`;
        return;
      case "codeExecutionResult":
        if (part.codeExecutionResult) delta.content += `\n\`\`\`output\n${part.codeExecutionResult.output ?? ""}\n\`\`\`\n`;
        return;
      case "inlineData":
      case "fileData":
      case "functionResponse": {
        const what = kind === "inlineData" ? `inline ${part.inlineData?.mimeType ?? "media"}` : kind;
        warn(this.context, `candidate ${this.candidateIndex} contained a ${what} part, which a chat completion cannot carry; it was left out.`);
        return;
      }
      default: {
        const exhaustive: never = kind;
        warn(this.context, `candidate ${this.candidateIndex} contained an unknown part kind ${String(exhaustive)}; it was left out.`);
      }
    }
  }

  /** A signature on a thought (with its text) or on answer text (text ""), to hand back to Gemini. */
  private signed(delta: CandidateDelta, text: string, signature: string): void {
    delta.reasoningDetails.push({ type: "reasoning.text", text, signature, format: GEMINI_REASONING_FORMAT, index: this.detailCount++ });
  }
}

type Logprobs = NonNullable<ChatCompletion["choices"][number]["logprobs"]>;
type TokenLogprob = NonNullable<Logprobs["content"]>[number];

const encoder = new TextEncoder();

/** Gemini's chosen / top candidates per token -> OpenAI's per-token logprobs. */
export function mapLogprobs(result: GeminiLogprobsResult | undefined): Logprobs | null {
  const chosen = result?.chosenCandidates;
  if (chosen === undefined || chosen.length === 0) return null;
  const content: TokenLogprob[] = chosen.map((candidate, position) => {
    const token = candidate.token ?? "";
    const top = result?.topCandidates?.[position]?.candidates ?? [];
    return {
      token,
      logprob: candidate.logProbability ?? 0,
      bytes: Array.from(encoder.encode(token)),
      top_logprobs: top.map((alternative) => ({
        token: alternative.token ?? "",
        logprob: alternative.logProbability ?? 0,
        bytes: Array.from(encoder.encode(alternative.token ?? "")),
      })),
    };
  });
  return { content, refusal: null };
}

/**
 * usageMetadata -> usage. completion_tokens = candidates + thoughts, because OpenAI counts reasoning
 * inside completion_tokens (reasoning_tokens is a subset of it) and Gemini bills thoughts as output;
 * prompt_tokens includes tool-use prompt tokens, so the three totals agree with totalTokenCount.
 */
export function mapUsage(usage: GeminiUsageMetadata): CompletionUsage {
  const prompt = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  const thoughts = usage.thoughtsTokenCount;
  const completion = (usage.candidatesTokenCount ?? 0) + (thoughts ?? 0);
  const mapped: CompletionUsage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage.totalTokenCount ?? prompt + completion,
  };
  if (usage.cachedContentTokenCount !== undefined) mapped.prompt_tokens_details = { cached_tokens: usage.cachedContentTokenCount };
  if (thoughts !== undefined) mapped.completion_tokens_details = { reasoning_tokens: thoughts };
  return mapped;
}
