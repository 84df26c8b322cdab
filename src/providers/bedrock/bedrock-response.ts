// ConverseResponse -> ChatCompletion in OpenAI's exact shape: text, reasoning (plain text in
// reasoning_content, and the signed blocks in reasoning_details so they can be replayed), tool
// calls (the JSON-mode tool's input as content), usage with cache reads and writes.
import { randomUUID } from "../../core/random-id.js";
import type { ChatCompletion, ChatCompletionMessage, ChatCompletionMessageToolCall, CompletionUsage } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import type { ReasoningDetail } from "../reasoning-details.js";
import { mapStopReason } from "./bedrock-finish-reason.js";
import { BEDROCK_REASONING_FORMAT } from "./bedrock-request.js";
import type { BedrockChatResponse, BedrockTokenUsage } from "./bedrock-schema.js";
import { jsonToolFor } from "./bedrock-tools.js";

/**
 * Converse counts cache reads and writes apart from inputTokens; OpenAI's prompt_tokens includes
 * them, with the reads repeated in prompt_tokens_details.cached_tokens.
 */
export function toCompletionUsage(usage: BedrockTokenUsage): CompletionUsage {
  const cacheRead = usage.cacheReadInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteInputTokens ?? 0;
  const prompt = usage.inputTokens + cacheRead + cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.outputTokens,
    total_tokens: prompt + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: cacheRead, ...(cacheWrite > 0 ? { cache_write_tokens: cacheWrite } : {}) },
  };
}

export function toChatCompletion(response: BedrockChatResponse, context: TranslateContext): ChatCompletion {
  const jsonTool = jsonToolFor(context);
  let text: string | null = null;
  let reasoning: string | undefined;
  let jsonAnswer: string | undefined;
  const details: ReasoningDetail[] = [];
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  const content = "message" in response.output ? response.output.message.content : [];
  content.forEach((block, index) => {
    if ("text" in block) {
      text = (text ?? "") + block.text;
    } else if ("reasoningContent" in block) {
      const reasoningBlock = block.reasoningContent;
      if ("reasoningText" in reasoningBlock) {
        const { text: thought, signature } = reasoningBlock.reasoningText;
        reasoning = (reasoning ?? "") + thought;
        details.push({ type: "reasoning.text", text: thought, ...(signature === undefined ? {} : { signature }), format: BEDROCK_REASONING_FORMAT, index });
      } else {
        details.push({ type: "reasoning.encrypted", data: reasoningBlock.redactedContent, format: BEDROCK_REASONING_FORMAT, index });
      }
    } else if ("toolUse" in block) {
      const args = JSON.stringify(block.toolUse.input ?? {});
      if (jsonTool !== undefined && block.toolUse.name === jsonTool) jsonAnswer ??= args;
      else toolCalls.push({ id: block.toolUse.toolUseId, type: "function", function: { name: block.toolUse.name, arguments: args } });
    }
    // Images, documents, videos, guard content and tool results do not come back from a model turn.
  });
  const message: ChatCompletionMessage = {
    role: "assistant",
    content: jsonAnswer === undefined ? text : (text ?? "") + jsonAnswer,
    refusal: null,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    ...(reasoning === undefined ? {} : { reasoning_content: reasoning }),
    ...(details.length > 0 ? { reasoning_details: details } : {}),
  };
  context.extras["native_finish_reasons"] = [response.stopReason];
  return {
    id: `bedrock-${randomUUID()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: context.model,
    choices: [
      {
        index: 0,
        message,
        finish_reason: mapStopReason(response.stopReason, { jsonAnswerOnly: jsonAnswer !== undefined && toolCalls.length === 0 }),
        logprobs: null,
      },
    ],
    usage: toCompletionUsage(response.usage),
  };
}
