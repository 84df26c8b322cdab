// Gemini's GenerateContentResponse -> ChatCompletion: one choice per candidate (index kept), text
// joined, thought parts into reasoning_content, function calls into tool_calls.
import { randomUUID } from "../../core/random-id.js";
import type { GeminiChatResponse } from "../../../generated/providers/gemini/translator.gen.js";
import { APIError } from "../../errors.js";
import type { ChatCompletion, ChatCompletionMessage } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import { CandidateReader, mapLogprobs, mapUsage } from "./gemini-candidate.js";
import { toolCallsFromPieces } from "./gemini-function-calls.js";
import { describeBlockReason, mapFinishReason } from "./gemini-finish-reason.js";
import type { GeminiBlockReason, GeminiCandidate, GeminiSafetyRating } from "./gemini-native.js";
import { warn } from "./gemini-warnings.js";

type Choice = ChatCompletion["choices"][number];

export function translateResponse(response: GeminiChatResponse, context: TranslateContext): ChatCompletion {
  const id = response.responseId ?? `gemini-${randomUUID()}`;
  const candidates = [...(response.candidates ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const nativeReasons: (string | null)[] = [];
  let choices: Choice[];
  if (candidates.length === 0) {
    const blockReason = response.promptFeedback?.blockReason;
    if (blockReason === undefined) {
      throw new APIError(`${context.provider} returned no candidates and no promptFeedback.blockReason`, {
        provider: context.provider,
        model: context.model,
        body: JSON.stringify(response),
        retryable: true,
      });
    }
    choices = [promptBlockedChoice(blockReason, response.promptFeedback?.safetyRatings, context)];
    nativeReasons.push(null);
  } else {
    choices = candidates.map((candidate, position) => {
      nativeReasons.push(candidate.finishReason ?? null);
      return candidateChoice(candidate, candidate.index ?? position, id, context);
    });
  }
  context.extras["native_finish_reasons"] = nativeReasons;
  const completion: ChatCompletion = {
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: response.modelVersion ?? context.model,
    choices,
  };
  if (response.usageMetadata !== undefined) completion.usage = mapUsage(response.usageMetadata);
  return completion;
}

function candidateChoice(candidate: GeminiCandidate, index: number, responseId: string, context: TranslateContext): Choice {
  const reader = new CandidateReader(index, responseId, context);
  const delta = reader.read(candidate);
  const toolCalls = toolCallsFromPieces([...delta.toolCalls, ...reader.finish()]);
  const message: ChatCompletionMessage = {
    role: "assistant",
    // OpenAI's shape: null when the turn is only tool calls, "" when there is nothing at all.
    content: delta.content !== "" ? delta.content : toolCalls.length > 0 ? null : "",
    refusal: null,
  };
  if (delta.reasoning !== "") message.reasoning_content = delta.reasoning;
  if (delta.reasoningDetails.length > 0) message.reasoning_details = delta.reasoningDetails;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (delta.annotations.length > 0) message.annotations = delta.annotations;
  const finishReason = finishOf(candidate, index, toolCalls.length > 0, context);
  return { index, message, finish_reason: finishReason, logprobs: mapLogprobs(candidate.logprobsResult) };
}

/** The mapped finish reason; a missing one (never seen in a complete response) reads as "stop". */
export function finishOf(candidate: GeminiCandidate, index: number, hasToolCalls: boolean, context: TranslateContext): Choice["finish_reason"] {
  const native = candidate.finishReason;
  if (native === undefined) return hasToolCalls ? "tool_calls" : "stop";
  const mapped = mapFinishReason(native, hasToolCalls);
  if (mapped.note !== undefined) {
    const ratings = blockedRatings(candidate.safetyRatings);
    const message = candidate.finishMessage ? ` (${candidate.finishMessage})` : "";
    warn(context, `choice ${index} ended with finishReason ${native}: ${mapped.note}${ratings}${message}.`);
  }
  return mapped.finishReason;
}

/**
 * A prompt Gemini refused outright has no candidates. It becomes one `content_filter` choice with
 * empty content plus a warning naming the blockReason, so `choices[0]` exists and the refusal is
 * visible, rather than an error (nothing is wrong with the request's shape) or an empty success.
 */
export function promptBlockedChoice(reason: GeminiBlockReason, ratings: GeminiSafetyRating[] | undefined, context: TranslateContext): Choice {
  warn(context, `Gemini blocked the prompt (promptFeedback.blockReason ${reason}: ${describeBlockReason(reason)}${blockedRatings(ratings)}); no output was generated.`);
  return {
    index: 0,
    message: { role: "assistant", content: "", refusal: null },
    finish_reason: "content_filter",
    logprobs: null,
  };
}

function blockedRatings(ratings: GeminiSafetyRating[] | undefined): string {
  const blocked = (ratings ?? []).filter((rating) => rating.blocked === true);
  return blocked.length === 0 ? "" : `; blocked: ${blocked.map((rating) => `${rating.category} (${rating.probability})`).join(", ")}`;
}
