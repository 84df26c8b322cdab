// `reasoning_effort` -> Claude's extended thinking, per model (src/models): a thinking budget per
// level, plus `output_config.effort` where the model takes it (Opus 4.5), or adaptive thinking
// steered by `output_config.effort` (4.6 and later). Anthropic requires the budget to be below
// `max_tokens`, so the default token limit makes room for it, and a caller's limit that leaves
// none is an error before the network. Thinking also rules out a temperature other than 1, a top_p
// below 0.95 and a forced tool choice (Anthropic answers 400 to each).
import { InvalidRequestError } from "../../errors.js";
import type { EffortLevel, ModelCapabilities } from "../../models/model-capabilities.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import type { ReasoningDetail } from "../../types.js";
import type { AnthropicEffort, AnthropicRedactedThinkingBlock, AnthropicThinkingBlock, AnthropicThinkingConfig } from "./anthropic-schema.js";

/** Marks reasoning Anthropic produced, so only Anthropic reads it back. */
export const ANTHROPIC_REASONING_FORMAT = "anthropic-claude-v1";

/**
 * Anthropic requires `max_tokens`; OpenAI does not. When the caller sets neither `max_tokens` nor
 * `max_completion_tokens`, onellm asks for 4096 tokens (every current Claude model allows at least
 * that) plus, with thinking, the thinking budget. Documented in the README's provider notes.
 */
export const DEFAULT_MAX_TOKENS = 4096;

/** Thinking budget per level (1024 is Anthropic's minimum; 31999 still fits Opus 4's 32000 output tokens). */
const BUDGETS: Record<EffortLevel, number> = { minimal: 1024, low: 2048, medium: 8192, high: 16384, xhigh: 24576, max: 31999 };

export interface ThinkingPlan {
  thinking: AnthropicThinkingConfig | undefined;
  effort: AnthropicEffort | undefined;
  maxTokens: number;
}

/** Thinking, effort and max_tokens for the request; reports what the model cannot honour. */
export function planThinking(request: UnifiedRequest, capabilities: ModelCapabilities, context: TranslateContext): ThinkingPlan {
  const callerLimit = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const effort = request.reasoning_effort;
  const none: ThinkingPlan = { thinking: undefined, effort: undefined, maxTokens: callerLimit ?? DEFAULT_MAX_TOKENS };
  // Claude does not think unless asked to, so "none" is what Anthropic does anyway.
  if (effort === undefined || effort === null || effort === "none") return none;
  if (capabilities.thinking === "none" || capabilities.thinking === "levels") {
    context.unsupported("reasoning_effort", `${capabilities.family} has no extended thinking`);
    return none;
  }
  const budget = BUDGETS[effort];
  const maxTokens = callerLimit ?? Math.min(budget + DEFAULT_MAX_TOKENS, capabilities.maxOutputTokens);
  const takesEffort = (capabilities.efforts as readonly string[]).includes(effort);
  if (capabilities.thinking === "adaptive-effort") {
    if (!takesEffort) {
      context.unsupported("reasoning_effort", `"${effort}": ${capabilities.family} takes ${capabilities.efforts.map((level) => `"${level}"`).join(", ")}`);
      return none;
    }
    return { thinking: { type: "adaptive" }, effort: effort as AnthropicEffort, maxTokens };
  }
  requireRoom(budget, maxTokens, `reasoning_effort "${effort}" (a thinking budget of ${budget} tokens)`, "max_completion_tokens");
  return {
    thinking: { type: "enabled", budget_tokens: budget },
    effort: capabilities.thinking === "budget-effort" && takesEffort ? (effort as AnthropicEffort) : undefined,
    maxTokens,
  };
}

/** A thinking budget must be below max_tokens; otherwise Anthropic answers 400, so it is ours to say first. */
export function requireRoom(budget: number, maxTokens: number, what: string, field: string): void {
  if (budget < maxTokens) return;
  throw new InvalidRequestError(
    `Invalid \`${field}\`: ${what} must be below max_tokens, which is ${maxTokens}. Raise max_completion_tokens above ${budget}, or ask for less thinking.`,
    field,
  );
}

/** With thinking on, temperature must be 1 and top_p at least 0.95 (Anthropic's extended-thinking rules). */
export function checkSamplingWithThinking(request: UnifiedRequest, context: TranslateContext): void {
  if (request.temperature !== undefined && request.temperature !== null && request.temperature !== 1) {
    context.unsupported("temperature", "Anthropic's extended thinking takes only temperature 1; leave it out or drop reasoning_effort");
  }
  if (request.top_p !== undefined && request.top_p !== null && request.top_p < 0.95) {
    context.unsupported("top_p", "Anthropic's extended thinking takes top_p between 0.95 and 1");
  }
}

/**
 * An assistant message's own Anthropic reasoning, replayed unchanged: signed thinking and
 * redacted_thinking blocks (format anthropic-claude-v1). Other producers' pieces, and thinking text
 * without a signature (Anthropic would refuse it), are not Anthropic's to read and stay out.
 */
export function thinkingBlocks(details: readonly ReasoningDetail[] | undefined): (AnthropicThinkingBlock | AnthropicRedactedThinkingBlock)[] {
  const blocks: (AnthropicThinkingBlock | AnthropicRedactedThinkingBlock)[] = [];
  for (const detail of details ?? []) {
    if (detail.format !== ANTHROPIC_REASONING_FORMAT) continue;
    switch (detail.type) {
      case "reasoning.text":
        if (detail.signature !== undefined && detail.signature !== "") blocks.push({ type: "thinking", thinking: detail.text, signature: detail.signature });
        break;
      case "reasoning.encrypted":
        blocks.push({ type: "redacted_thinking", data: detail.data });
        break;
      case "reasoning.summary":
        break;
      default: {
        const unlisted: never = detail;
        void unlisted;
      }
    }
  }
  return blocks;
}
