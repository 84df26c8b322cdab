// Anthropic Message -> ChatCompletion in OpenAI's exact shape.
import type { ChatCompletion, ChatCompletionMessage, ChatCompletionMessageToolCall, CompletionUsage, ReasoningDetail, UrlCitationAnnotation } from "../../types.js";
import { urlCitations } from "./anthropic-citations.js";
import { ANTHROPIC_REASONING_FORMAT } from "./anthropic-thinking.js";
import type { TranslateContext } from "../contract.js";
import { mapStopReason, recordNativeStopReason } from "./anthropic-finish-reason.js";
import { jsonModeFor } from "./anthropic-json-mode.js";
import type { AnthropicChatResponse, AnthropicUsage } from "./anthropic-schema.js";

type TokenCounts = Pick<AnthropicUsage, "input_tokens" | "output_tokens" | "cache_read_input_tokens" | "cache_creation_input_tokens">;

/**
 * Anthropic counts cached input apart from `input_tokens`; OpenAI's prompt_tokens includes it,
 * with the cache reads repeated in prompt_tokens_details.cached_tokens.
 */
export function toCompletionUsage(usage: TokenCounts): CompletionUsage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const prompt = usage.input_tokens + cacheRead + cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.output_tokens,
    total_tokens: prompt + usage.output_tokens,
    prompt_tokens_details: { cached_tokens: cacheRead, ...(cacheWrite > 0 ? { cache_write_tokens: cacheWrite } : {}) },
  };
}

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function toChatCompletion(response: AnthropicChatResponse, context: TranslateContext): ChatCompletion {
  const jsonMode = jsonModeFor(context);
  let text: string | null = null;
  let reasoning: string | undefined;
  let jsonAnswer: string | undefined;
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  const details: ReasoningDetail[] = [];
  const annotations: UrlCitationAnnotation[] = [];

  for (const block of response.content) {
    switch (block.type) {
      case "text": {
        const start = text?.length ?? 0;
        text = (text ?? "") + block.text;
        annotations.push(...urlCitations(block.citations ?? [], start, text.length));
        break;
      }
      case "thinking":
        reasoning = (reasoning ?? "") + block.thinking;
        details.push({ type: "reasoning.text", text: block.thinking, signature: block.signature, format: ANTHROPIC_REASONING_FORMAT, index: details.length });
        break;
      case "redacted_thinking":
        // Encrypted reasoning: nothing readable and never part of the answer, but it must go back.
        details.push({ type: "reasoning.encrypted", data: block.data, format: ANTHROPIC_REASONING_FORMAT, index: details.length });
        break;
      case "tool_use": {
        const args = JSON.stringify(block.input);
        if (jsonMode !== undefined && block.name === jsonMode.toolName) jsonAnswer ??= args;
        else toolCalls.push({ id: block.id, type: "function", function: { name: block.name, arguments: args } });
        break;
      }
      case "server_tool_use":
      case "web_search_tool_result":
      case "web_fetch_tool_result":
      case "code_execution_tool_result":
      case "bash_code_execution_tool_result":
      case "text_editor_code_execution_tool_result":
      case "tool_search_tool_result":
      case "container_upload":
        // Server-side tool activity (tools enabled through provider_options) has no OpenAI
        // equivalent; the model's answer about it arrives in text blocks.
        break;
      default: {
        const unlisted: never = block;
        void unlisted;
      }
    }
  }

  // With the forced JSON tool the model writes no text first (Anthropic prefills the tool call),
  // so the content is the JSON document itself.
  const content = jsonAnswer === undefined ? text : (text ?? "") + jsonAnswer;
  const message: ChatCompletionMessage = {
    role: "assistant",
    content,
    refusal: null,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    ...(reasoning === undefined ? {} : { reasoning_content: reasoning }),
    ...(details.length === 0 ? {} : { reasoning_details: details }),
    ...(annotations.length === 0 ? {} : { annotations }),
  };
  recordNativeStopReason(context.extras, response.stop_reason);
  return {
    id: response.id,
    object: "chat.completion",
    created: nowInSeconds(),
    model: response.model,
    choices: [
      {
        index: 0,
        message,
        finish_reason: mapStopReason(response.stop_reason, { jsonAnswerOnly: jsonAnswer !== undefined && toolCalls.length === 0 }),
        logprobs: null,
      },
    ],
    usage: toCompletionUsage(response.usage),
  };
}
