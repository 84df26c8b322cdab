// A dialect's finish_reason -> OpenAI's set. The values providers add do not collide, so one table
// serves every dialect; each row names its source.
import { APIError } from "../../errors.js";
import type { FinishReason } from "../../types.js";

type OpenAIFinishReason = NonNullable<FinishReason>;

const OPENAI: ReadonlySet<string> = new Set<OpenAIFinishReason>(["stop", "length", "tool_calls", "content_filter", "function_call"]);

const MAPPED: Readonly<Record<string, OpenAIFinishReason>> = {
  // Mistral (spec/providers/mistral.yaml ChatCompletionChoice): the context window, not max_tokens, ended it.
  model_length: "length",
  // Together and vLLM-based servers: the model's end-of-sequence token.
  eos: "stop",
  // Gateways that pass Anthropic's reason through.
  max_tokens: "length",
  end_turn: "stop",
  stop_sequence: "stop",
  tool_use: "tool_calls",
};

/**
 * Reasons that mean the output was cut short by a failure, not finished: Mistral's `error`
 * (spec/providers/mistral.yaml) and DeepSeek's `insufficient_system_resource` (api-docs.deepseek.com,
 * "the request is interrupted due to insufficient resource of the inference system").
 */
const FAILED: ReadonlySet<string> = new Set(["error", "insufficient_system_resource"]);

/** OpenAI's finish_reason for a dialect's. A failure reason is a retryable APIError (the output is incomplete). */
export function mapFinishReason(native: string | null | undefined, provider: string, model: string): OpenAIFinishReason | null {
  if (native === null || native === undefined) return null;
  if (OPENAI.has(native)) return native as OpenAIFinishReason;
  const mapped = MAPPED[native];
  if (mapped !== undefined) return mapped;
  if (FAILED.has(native)) {
    throw new APIError(`${provider} ended the answer with finish_reason "${native}": the output is incomplete.`, {
      provider,
      model,
      retryable: true,
    });
  }
  // A reason no provider documented when this was written: the answer did end.
  return "stop";
}
