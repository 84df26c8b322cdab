// Ollama's /api/chat answer (ChatResponse) -> ChatCompletion. Ollama gives no completion or tool-call
// ids, so onellm makes them (random, `chatcmpl-` / `call_` like OpenAI's); token counts come from
// prompt_eval_count and eval_count; `thinking` is the reasoning.
import { randomHex } from "../../core/random-id.js";
import type { OllamaChatResponse } from "../../../generated/providers/ollama/translator.gen.js";
import type { components } from "../../../generated/providers/ollama/types.gen.js";
import type { ChatCompletion, ChatCompletionMessageToolCall, CompletionUsage } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import { mapOllamaFinishReason } from "./ollama-finish-reason.js";

type ToolCall = components["schemas"]["ToolCall"];
type Logprob = components["schemas"]["Logprob"];
type ChoiceLogprobs = ChatCompletion["choices"][number]["logprobs"];

export function newCompletionId(): string {
  return `chatcmpl-${randomHex(24)}`;
}

export function newToolCallId(): string {
  return `call_${randomHex(24)}`;
}

/** Seconds since the epoch of Ollama's `created_at` (now when it is missing or unreadable). */
export function createdSeconds(createdAt: string | undefined): number {
  const parsed = createdAt === undefined ? Number.NaN : Date.parse(createdAt);
  return Math.floor((Number.isNaN(parsed) ? Date.now() : parsed) / 1000);
}

export function toolCallOf(call: ToolCall): ChatCompletionMessageToolCall {
  return { id: newToolCallId(), type: "function", function: { name: call.function?.name ?? "", arguments: JSON.stringify(call.function?.arguments ?? {}) } };
}

export function usageOf(event: { prompt_eval_count?: number; eval_count?: number }): CompletionUsage {
  const prompt = event.prompt_eval_count ?? 0;
  const completion = event.eval_count ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function logprobsOf(logprobs: Logprob[] | undefined): ChoiceLogprobs {
  if (logprobs === undefined) return null;
  const entry = (item: { token?: string; logprob?: number; bytes?: number[] }) => ({
    token: item.token ?? "",
    logprob: item.logprob ?? 0,
    bytes: item.bytes ?? null,
  });
  return { content: logprobs.map((item) => ({ ...entry(item), top_logprobs: (item.top_logprobs ?? []).map(entry) })), refusal: null };
}

export function translateResponse(response: OllamaChatResponse, context: TranslateContext): ChatCompletion {
  const message = response.message ?? {};
  const toolCalls = (message.tool_calls ?? []).map(toolCallOf);
  const content = message.content ?? "";
  context.extras["native_finish_reasons"] = [response.done_reason ?? null];
  return {
    id: newCompletionId(),
    object: "chat.completion",
    created: createdSeconds(response.created_at),
    model: response.model ?? context.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: toolCalls.length > 0 && content === "" ? null : content,
          refusal: null,
          ...(message.thinking ? { reasoning_content: message.thinking } : {}),
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: mapOllamaFinishReason(response.done_reason, toolCalls.length > 0),
        logprobs: logprobsOf(response.logprobs),
      },
    ],
    usage: usageOf(response),
  };
}
