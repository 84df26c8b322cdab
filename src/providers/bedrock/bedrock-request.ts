// Unified request -> Converse body. Every unified field is declared once in bedrock-fields.ts (a
// compile error when the unified spec gains one); what Converse cannot honour goes through the policy.
import { InvalidRequestError } from "../../errors.js";
import type { ChatCompletionAssistantMessageParam, ChatCompletionMessageParam, ChatCompletionUserMessageParam } from "../../types.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import { ownReasoningDetails } from "../reasoning-details.js";
import { reportUnmappedFields } from "../request-fields.js";
import { ToolCallIds } from "../tool-call-ids.js";
import { BEDROCK_DECLARATIONS } from "./bedrock-fields.js";
import { asksCachePoint, CACHE_POINT, textBlock, userPartBlocks } from "./bedrock-content.js";
import type { DownloadedImages } from "./bedrock-media.js";
import type { BedrockChatRequest, BedrockContentBlock, BedrockInferenceConfig, BedrockMessage, BedrockSystemBlock } from "./bedrock-schema.js";
import { BEDROCK_TOOL_CALL_ID, toolResultBlock, toolUseBlocks, toToolConfig } from "./bedrock-tools.js";

/** The `format` of reasoning blocks Bedrock produced (DESIGN §1). */
export const BEDROCK_REASONING_FORMAT = "amazon-bedrock-v1";

/** Converse's stopSequences take at most four entries (its InferenceConfiguration). */
const MAX_STOP_SEQUENCES = 4;

/** The whole request; throws UnsupportedParameterError / InvalidRequestError before any network. */
export function toBedrockRequest(request: UnifiedRequest, images: DownloadedImages, context: TranslateContext): BedrockChatRequest {
  reportUnmappedFields(request, BEDROCK_DECLARATIONS, context);
  if (request.n !== undefined && request.n !== null && request.n !== 1) context.unsupported("n", "Converse returns one answer per request");
  const { system, messages } = convertMessages(request.messages, images, context);
  const body: BedrockChatRequest = { messages };
  if (system.length > 0) body.system = system;
  const inference = inferenceConfig(request, context);
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;
  const toolConfig = toToolConfig(request.tools ?? undefined, request.tool_choice, request.response_format, context) ?? historyToolConfig(messages, context);
  if (toolConfig !== undefined) body.toolConfig = toolConfig;
  if (request.metadata !== undefined && request.metadata !== null && Object.keys(request.metadata).length > 0) body.requestMetadata = { ...request.metadata };
  return body;
}

function inferenceConfig(request: UnifiedRequest, context: TranslateContext): BedrockInferenceConfig {
  const config: BedrockInferenceConfig = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) config.maxTokens = maxTokens;
  const { temperature, top_p: topP, stop } = request;
  if (temperature !== undefined && temperature !== null) {
    if (temperature > 1) context.unsupported("temperature", `Converse accepts 0–1, got ${temperature}`);
    else config.temperature = temperature;
  }
  if (topP !== undefined && topP !== null) config.topP = topP;
  if (stop !== undefined && stop !== null) {
    const sequences = (typeof stop === "string" ? [stop] : stop).filter((sequence) => sequence.length > 0);
    if (sequences.length > MAX_STOP_SEQUENCES) context.unsupported("stop", `Converse takes at most ${MAX_STOP_SEQUENCES} stop sequences, got ${sequences.length}`);
    else if (sequences.length > 0) config.stopSequences = sequences;
  }
  return config;
}

/**
 * Converse wants a toolConfig whenever the messages hold toolUse or toolResult blocks. When the
 * caller sends an earlier tool exchange without tools, the tools named in it are declared with an
 * open input schema (said in the warnings) so the history is accepted as it is.
 */
function historyToolConfig(messages: readonly BedrockMessage[], context: TranslateContext): BedrockChatRequest["toolConfig"] {
  const names = new Set<string>();
  for (const message of messages) for (const block of message.content) if ("toolUse" in block) names.add(block.toolUse.name);
  if (names.size === 0) return undefined;
  context.emulated("tools", `Converse needs the tools of an earlier tool exchange declared; ${[...names].join(", ")} declared with an open input schema`);
  return { tools: [...names].map((name) => ({ toolSpec: { name, inputSchema: { json: { type: "object" } } } })) };
}

/**
 * push(...items) passes every item as an argument, so a caller's list of ~100,000 parts or tool
 * calls overflows the stack (an untyped RangeError); a loop has no such limit.
 */
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

interface Conversation {
  system: BedrockSystemBlock[];
  messages: BedrockMessage[];
}

/**
 * System and developer messages, wherever they are, become `system` in order. The rest become
 * alternating user/assistant messages: consecutive same-role messages merge, and tool results join
 * the user message that follows the assistant's tool calls.
 */
export function convertMessages(messages: readonly ChatCompletionMessageParam[], images: DownloadedImages, context: TranslateContext): Conversation {
  const system: BedrockSystemBlock[] = [];
  const turns: { role: BedrockMessage["role"]; content: BedrockContentBlock[]; source: number }[] = [];
  const append = (role: BedrockMessage["role"], blocks: BedrockContentBlock[], source: number) => {
    if (blocks.length === 0) return;
    const last = turns[turns.length - 1];
    if (last !== undefined && last.role === role) appendAll(last.content, blocks);
    else turns.push({ role, content: blocks, source });
  };
  let documents = 0;
  const ids = ToolCallIds.of(messages, BEDROCK_TOOL_CALL_ID);
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    if ("name" in message && message.name !== undefined) context.unsupported(`${path}.name`, "Converse messages carry no participant name");
    switch (message.role) {
      case "system":
      case "developer":
        appendAll(system, systemBlocks(message.content, path, context));
        break;
      case "user": {
        const blocks = userBlocks(message.content, path, images, documents, context);
        documents += blocks.filter((block) => "document" in block).length;
        append("user", blocks, index);
        break;
      }
      case "assistant":
        append("assistant", assistantBlocks(message, path, ids, context), index);
        break;
      case "tool": {
        // A breakpoint on any part of the result caches through the whole toolResult block.
        const parts = typeof message.content === "string" ? [] : message.content;
        const cached = parts.filter((part, partIndex) => asksCachePoint(part, `${path}.content[${partIndex}]`, context)).length > 0;
        append("user", cached ? [toolResultBlock(message, ids), CACHE_POINT] : [toolResultBlock(message, ids)], index);
        break;
      }
      case "function":
        context.unsupported(`${path} (role function)`, "use tool messages with tool_call_id");
        break;
      default: {
        const unlisted: never = message;
        throw new InvalidRequestError(`Invalid \`${path}.role\`: ${String((unlisted as { role?: unknown }).role)}.`, `${path}.role`);
      }
    }
  });
  while (turns[0]?.role === "assistant") {
    context.unsupported(`messages[${turns[0].source}] (assistant message before any user message)`, "Converse conversations start with a user message");
    turns.shift();
  }
  if (turns.length === 0) throw new InvalidRequestError("Invalid `messages`: Bedrock needs at least one user message besides system and developer messages.", "messages");
  return {
    system,
    messages: turns.map((turn) => {
      if (turn.role === "assistant") return { role: "assistant", content: turn.content };
      // Converse, like Claude, wants tool results first in a user message; a result's cachePoint moves with it.
      const results: BedrockContentBlock[] = [];
      const rest: BedrockContentBlock[] = [];
      let afterResult = false;
      for (const block of turn.content) {
        afterResult = "toolResult" in block || ("cachePoint" in block && afterResult);
        (afterResult ? results : rest).push(block);
      }
      return { role: "user", content: [...results, ...rest] };
    }),
  };
}

function systemBlocks(content: string | readonly { text: string }[], path: string, context: TranslateContext): BedrockSystemBlock[] {
  const parts = typeof content === "string" ? [{ text: content }] : content;
  const blocks: BedrockSystemBlock[] = [];
  parts.forEach((part, partIndex) => {
    if (part.text.trim() === "") return;
    blocks.push({ text: part.text });
    if (asksCachePoint(part, `${path}.content[${partIndex}]`, context)) blocks.push(CACHE_POINT);
  });
  return blocks;
}

function userBlocks(content: ChatCompletionUserMessageParam["content"], path: string, images: DownloadedImages, documents: number, context: TranslateContext): BedrockContentBlock[] {
  if (typeof content === "string") {
    const block = textBlock(content);
    if (block === undefined) throw blankUserMessage(path);
    return [block];
  }
  const blocks: BedrockContentBlock[] = [];
  let documentIndex = documents;
  content.forEach((part, partIndex) => {
    const converted = userPartBlocks(part, `${path}.content[${partIndex}]`, images, documentIndex, context);
    if (converted.some((block) => "document" in block)) documentIndex++;
    appendAll(blocks, converted);
  });
  // Parts left out under the drop/warn policy were reported already; blank text was not.
  if (blocks.length === 0 && content.every((part) => part.type === "text")) throw blankUserMessage(path);
  return blocks;
}

function blankUserMessage(path: string): InvalidRequestError {
  return new InvalidRequestError(`Invalid \`${path}.content\`: Bedrock rejects a user message that is empty or only whitespace.`, `${path}.content`);
}

/** Bedrock's own earlier reasoning (format amazon-bedrock-v1) first, then text, then tool calls. */
function assistantBlocks(message: ChatCompletionAssistantMessageParam, path: string, ids: ToolCallIds, context: TranslateContext): BedrockContentBlock[] {
  const blocks: BedrockContentBlock[] = [];
  for (const detail of ownReasoningDetails(message, BEDROCK_REASONING_FORMAT)) {
    if (detail.type === "reasoning.text") {
      blocks.push({ reasoningContent: { reasoningText: detail.signature === undefined ? { text: detail.text } : { text: detail.text, signature: detail.signature } } });
    } else if (detail.type === "reasoning.encrypted") {
      blocks.push({ reasoningContent: { redactedContent: detail.data } });
    }
  }
  const content = message.content;
  if (typeof content === "string") {
    const block = textBlock(content);
    if (block) blocks.push(block);
  } else if (Array.isArray(content)) {
    content.forEach((part, partIndex) => {
      const block = textBlock(part.type === "text" ? part.text : part.refusal);
      if (block === undefined) return;
      blocks.push(block);
      if (asksCachePoint(part, `${path}.content[${partIndex}]`, context)) blocks.push(CACHE_POINT);
    });
  }
  if (!blocks.some((block) => "text" in block) && typeof message.refusal === "string") {
    const block = textBlock(message.refusal);
    if (block) blocks.push(block);
  }
  if (message.audio !== undefined && message.audio !== null) context.unsupported(`${path}.audio`, "Converse cannot refer to earlier audio output");
  if (message.function_call !== undefined && message.function_call !== null) context.unsupported(`${path}.function_call`, "use tool_calls");
  if (message.tool_calls) appendAll(blocks, toolUseBlocks(message.tool_calls, path, ids, context));
  return blocks;
}

