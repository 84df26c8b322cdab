// Unified request -> Anthropic Messages body. Every top-level field is declared once in
// anthropic-fields.ts (a compile error when the unified spec gains one); fields Anthropic cannot
// honour go through the unsupported-parameter policy, never silently changed.
import { InvalidRequestError } from "../../errors.js";
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionMessageParam,
  ChatCompletionUserMessageParam,
} from "../../types.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import { isBlank, textBlock, textBlocks, userPartToBlock } from "./anthropic-content.js";
import { capabilitiesOf } from "../../models/model-capabilities.js";
import { applyResponseFormat } from "./anthropic-json-mode.js";
import { ANTHROPIC_DECLARATIONS } from "./anthropic-fields.js";
import { reportUnmappedFields } from "../request-fields.js";
import type {
  AnthropicAnyTool,
  AnthropicChatRequest,
  AnthropicInputBlock,
  AnthropicInputMessage,
  AnthropicOutputConfig,
  AnthropicTextBlock,
  AnthropicWebSearchTool,
} from "./anthropic-schema.js";
import { checkSamplingWithThinking, planThinking, thinkingBlocks } from "./anthropic-thinking.js";
import { ToolCallIds } from "../tool-call-ids.js";
import { ANTHROPIC_TOOL_CALL_ID, toAnthropicToolChoice, toAnthropicTools, toolResultBlock, toolUseBlocks } from "./anthropic-tools.js";

export { DEFAULT_MAX_TOKENS } from "./anthropic-thinking.js";

/** The whole request; throws UnsupportedParameterError / InvalidRequestError before any network. */
export function toAnthropicRequest(request: UnifiedRequest, context: TranslateContext): AnthropicChatRequest {
  reportUnmappedFields(request, ANTHROPIC_DECLARATIONS, context);
  const capabilities = capabilitiesOf("anthropic", context.model);
  const plan = planThinking(request, capabilities, context);
  const { system, messages } = convertMessages(request.messages, context);
  const body: AnthropicChatRequest = { model: context.model, max_tokens: plan.maxTokens, messages };
  if (system.length > 0) body.system = system;
  if (plan.thinking !== undefined) body.thinking = plan.thinking;

  if (plan.thinking !== undefined) {
    checkSamplingWithThinking(request, context);
    if (request.temperature === 1) body.temperature = 1;
    if (request.top_p !== undefined && request.top_p !== null && request.top_p >= 0.95 && request.top_p !== 1) body.top_p = request.top_p;
  } else {
    if (request.temperature !== undefined && request.temperature !== null) {
      if (request.temperature > 1) context.unsupported("temperature", `Anthropic accepts 0–1, got ${request.temperature}`);
      else body.temperature = request.temperature;
    }
    applyTopP(request.top_p, body, context);
  }
  const stopSequences = toStopSequences(request.stop, context);
  if (stopSequences.length > 0) body.stop_sequences = stopSequences;
  const userId = request.safety_identifier ?? request.user;
  if (userId !== undefined && userId !== null) body.metadata = { user_id: userId };
  if (request.stream === true) body.stream = true;
  if (request.n !== undefined && request.n !== null && request.n !== 1) {
    context.unsupported("n", "Anthropic returns one choice per request");
  }
  applyServiceTier(request.service_tier, body, context);

  const tools = request.tools ? toAnthropicTools(request.tools, context) : [];
  let toolChoice = toAnthropicToolChoice(request.tool_choice, request.parallel_tool_calls, context);
  if (plan.thinking !== undefined && (toolChoice?.type === "any" || toolChoice?.type === "tool")) {
    context.unsupported("tool_choice", 'Anthropic refuses a forced tool choice with thinking on ("Thinking may not be enabled when tool_choice forces tool use"); use "auto" or leave out reasoning_effort');
    toolChoice = toolChoice.disable_parallel_tool_use === true ? { type: "auto", disable_parallel_tool_use: true } : undefined;
  }
  const setup = applyResponseFormat(request.response_format, { tools, toolChoice }, context, {
    native: capabilities.structuredOutputs === "native",
    thinking: plan.thinking !== undefined,
  });
  const allTools: AnthropicAnyTool[] = [...setup.tools];
  const search = webSearchTool(request.web_search_options, context);
  if (search !== undefined) allTools.push(search);
  if (allTools.length > 0) {
    body.tools = allTools;
    if (setup.toolChoice !== undefined) body.tool_choice = setup.toolChoice;
  }
  const outputConfig: AnthropicOutputConfig = {};
  if (setup.outputFormat !== undefined) outputConfig.format = setup.outputFormat;
  if (plan.effort !== undefined) outputConfig.effort = plan.effort;
  if (Object.keys(outputConfig).length > 0) body.output_config = outputConfig;
  return body;
}

/**
 * `web_search_options` -> Anthropic's web search server tool; its `user_location` is OpenAI's
 * approximate location field for field. There is no search context size (the default asks for none).
 */
function webSearchTool(options: UnifiedRequest["web_search_options"], context: TranslateContext): AnthropicWebSearchTool | undefined {
  if (options === undefined || options === null) return undefined;
  const tool: AnthropicWebSearchTool = { type: "web_search_20250305", name: "web_search" };
  const size = options.search_context_size;
  if (size !== undefined && size !== "medium") context.unsupported("web_search_options.search_context_size", "Anthropic's web search tool has no search context size; max_uses limits searches (provider_options)");
  const location = options.user_location?.approximate;
  if (location !== undefined) {
    tool.user_location = { type: "approximate" };
    for (const key of ["city", "country", "region", "timezone"] as const) {
      const value = location[key];
      if (value !== undefined) tool.user_location[key] = value;
    }
  }
  return tool;
}

/**
 * Anthropic documents temperature and top_p as alternatives, and current models (Sonnet/Haiku 4.5
 * and later, Opus 4.1 and later) reject a request with both, so with a temperature top_p is the
 * unsupported policy. top_p 1 is Anthropic's default (no cut-off): nothing to send.
 */
function applyTopP(topP: UnifiedRequest["top_p"], body: AnthropicChatRequest, context: TranslateContext): void {
  if (topP === undefined || topP === null || topP === 1) return;
  if (body.temperature !== undefined) {
    context.unsupported("top_p", "Anthropic takes temperature or top_p, not both (current Claude models reject the pair); set only one");
    return;
  }
  body.top_p = topP;
}

/** `stop` -> stop_sequences; Anthropic rejects blank ones such as "\n" with a 400, so each is reported. */
function toStopSequences(stop: UnifiedRequest["stop"], context: TranslateContext): string[] {
  if (stop === undefined || stop === null) return [];
  const single = typeof stop === "string";
  const sequences: string[] = [];
  (single ? [stop] : stop).forEach((sequence, index) => {
    if (isBlank(sequence)) {
      context.unsupported(single ? "stop" : `stop[${index}]`, `Anthropic rejects stop sequences that are empty or only whitespace, got ${JSON.stringify(sequence)}`);
    } else {
      sequences.push(sequence);
    }
  });
  return sequences;
}

function applyServiceTier(tier: UnifiedRequest["service_tier"], body: AnthropicChatRequest, context: TranslateContext): void {
  if (tier === undefined || tier === null) return;
  switch (tier) {
    case "auto":
      body.service_tier = "auto";
      return;
    case "default":
      body.service_tier = "standard_only";
      return;
    case "flex":
    case "scale":
    case "priority":
    case "fast":
      context.unsupported("service_tier", `Anthropic offers "auto" and "default" (standard_only), not "${tier}"`);
      return;
    default: {
      const unlisted: never = tier;
      context.unsupported("service_tier", `unknown tier ${JSON.stringify(unlisted)}`);
    }
  }
}

interface Turn {
  role: AnthropicInputMessage["role"];
  content: AnthropicInputBlock[];
  /** Index of the first unified message in this turn, for error paths. */
  source: number;
}

interface Conversation {
  system: AnthropicTextBlock[];
  messages: AnthropicInputMessage[];
}

/**
 * System and developer messages, wherever they are, become `system` in order. The rest become
 * alternating user/assistant turns: consecutive same-role messages merge, and tool results join
 * the user turn that follows the assistant's tool calls.
 */
export function convertMessages(messages: readonly ChatCompletionMessageParam[], context: TranslateContext): Conversation {
  const system: AnthropicTextBlock[] = [];
  const turns: Turn[] = [];
  const ids = ToolCallIds.of(messages, ANTHROPIC_TOOL_CALL_ID);
  const append = (role: Turn["role"], blocks: AnthropicInputBlock[], source: number) => {
    if (blocks.length === 0) return;
    const last = turns[turns.length - 1];
    // A loop, not push(...blocks): a message may carry more blocks than a call has room for arguments.
    if (last !== undefined && last.role === role) for (const block of blocks) last.content.push(block);
    else turns.push({ role, content: blocks, source });
  };

  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    if ("name" in message && message.name !== undefined) {
      context.unsupported(`${path}.name`, "Anthropic messages carry no participant name");
    }
    switch (message.role) {
      case "system":
      case "developer":
        for (const block of textBlocks(message.content)) system.push(block);
        break;
      case "user":
        append("user", userBlocks(message.content, path, context), index);
        break;
      case "assistant":
        append("assistant", assistantBlocks(message, path, ids, context), index);
        break;
      case "tool":
        append("user", [toolResultBlock(message, ids)], index);
        break;
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
    context.unsupported(`messages[${turns[0].source}] (assistant message before any user message)`, "Anthropic conversations start with a user turn");
    turns.shift();
  }
  if (turns.length === 0) {
    throw new InvalidRequestError(
      "Invalid `messages`: Anthropic needs at least one user message besides system and developer messages.",
      "messages",
    );
  }
  return { system, messages: turns.map(toInputMessage) };
}

/**
 * A user message's blocks. One with no text at all is an error: Anthropic rejects it, and leaving
 * it out would silently change the conversation (the assistant turn before it would become the
 * last one, a prefill the model continues).
 */
function userBlocks(content: ChatCompletionUserMessageParam["content"], path: string, context: TranslateContext): AnthropicInputBlock[] {
  const blocks: AnthropicInputBlock[] = [];
  if (typeof content === "string") {
    const block = textBlock(content);
    if (block) blocks.push(block);
  } else {
    content.forEach((part, partIndex) => {
      const block = userPartToBlock(part, `${path}.content[${partIndex}]`, context);
      if (block) blocks.push(block);
    });
  }
  // Parts left out under the drop/warn policy were reported already; blank text was not.
  const blankText = typeof content === "string" || content.every((part) => part.type === "text");
  if (blocks.length === 0 && blankText) {
    throw new InvalidRequestError(
      `Invalid \`${path}.content\`: Anthropic rejects a user message that is empty or only whitespace.`,
      `${path}.content`,
    );
  }
  return blocks;
}

function toInputMessage(turn: Turn): AnthropicInputMessage {
  if (turn.role === "assistant") {
    // Anthropic wants the thinking blocks first in an assistant turn ("Expected `thinking` or
    // `redacted_thinking`, but found `tool_use`"), also where two assistant messages were merged.
    const thinking = turn.content.filter((block) => block.type === "thinking" || block.type === "redacted_thinking");
    if (thinking.length === 0) return { role: "assistant", content: turn.content };
    return { role: "assistant", content: [...thinking, ...turn.content.filter((block) => block.type !== "thinking" && block.type !== "redacted_thinking")] };
  }
  // Anthropic wants tool results first in a user turn; text the caller sent in between follows them.
  const results = turn.content.filter((block) => block.type === "tool_result");
  const others = turn.content.filter((block) => block.type !== "tool_result");
  return { role: "user", content: [...results, ...others] };
}

function assistantBlocks(message: ChatCompletionAssistantMessageParam, path: string, ids: ToolCallIds, context: TranslateContext): AnthropicInputBlock[] {
  const blocks: AnthropicInputBlock[] = thinkingBlocks(message.reasoning_details);
  const content = message.content;
  if (typeof content === "string") {
    const block = textBlock(content);
    if (block) blocks.push(block);
  } else if (Array.isArray(content)) {
    for (const part of content) {
      // An earlier refusal is what the assistant said; Anthropic keeps it as text.
      const block = part.type === "text" ? textBlock(part.text, part) : textBlock(part.refusal);
      if (block) blocks.push(block);
    }
  }
  if (blocks.length === 0 && typeof message.refusal === "string") {
    const block = textBlock(message.refusal);
    if (block) blocks.push(block);
  }
  if (message.audio !== undefined && message.audio !== null) {
    context.unsupported(`${path}.audio`, "Anthropic cannot refer to earlier audio output");
  }
  if (message.function_call !== undefined && message.function_call !== null) {
    context.unsupported(`${path}.function_call`, "use tool_calls");
  }
  if (message.tool_calls) for (const block of toolUseBlocks(message.tool_calls, path, ids, context)) blocks.push(block);
  return blocks;
}
