// Tools both ways of a conversation: tool definitions and tool_choice, the assistant's earlier
// tool calls (tool_use blocks) and the caller's tool results (tool_result blocks).
import { InvalidRequestError } from "../../errors.js";
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionCreateParams,
  ChatCompletionToolMessageParam,
} from "../../types.js";
import type { TranslateContext } from "../contract.js";
import type { ToolCallIds, ToolCallIdRule } from "../tool-call-ids.js";
import { isBlank, textBlocks } from "./anthropic-content.js";
import type {
  AnthropicInputSchema,
  AnthropicTool,
  AnthropicToolChoice,
  AnthropicToolResultBlock,
  AnthropicToolUseBlock,
} from "./anthropic-schema.js";

type UnifiedTools = NonNullable<ChatCompletionCreateParams["tools"]>;
type UnifiedToolChoice = ChatCompletionCreateParams["tool_choice"];
type UnifiedToolCalls = NonNullable<ChatCompletionAssistantMessageParam["tool_calls"]>;


/**
 * Anthropic's tool ids (tool_use.id, tool_result.tool_use_id). Ids minted elsewhere may break it
 * (`functions.get_weather:0`); they are rewritten per request (tool-call-ids.ts), the same in a call
 * and its result.
 */
export const ANTHROPIC_TOOL_CALL_ID: ToolCallIdRule = {
  alphabet: "word",
  source: "spec/providers/anthropic.yaml: ToolUseBlockParam.id and ToolResultBlockParam.tool_use_id, pattern ^[a-zA-Z0-9_-]+$",
};

/** Function tools -> Anthropic custom tools. Custom (free-form) tools have no equivalent. */
export function toAnthropicTools(tools: UnifiedTools, context: TranslateContext): AnthropicTool[] {
  const result: AnthropicTool[] = [];
  tools.forEach((tool, index) => {
    switch (tool.type) {
      case "function": {
        const { name, description, parameters, strict } = tool.function;
        // A function without `parameters` takes no arguments: an empty object schema.
        const inputSchema: AnthropicInputSchema = parameters ? { ...parameters, type: "object" } : { type: "object", properties: {} };
        result.push({
          name,
          input_schema: inputSchema,
          ...(description === undefined ? {} : { description }),
          ...(typeof strict === "boolean" ? { strict } : {}),
          ...(tool.cache_control === undefined ? {} : { cache_control: tool.cache_control }),
        } satisfies AnthropicTool);
        break;
      }
      case "custom":
        context.unsupported(`tools[${index}] (custom tool)`, "Anthropic tools take JSON input, not free-form text");
        break;
      default: {
        const unlisted: never = tool;
        context.unsupported(`tools[${index}]`, `unknown tool type ${String((unlisted as { type?: unknown }).type)}`);
      }
    }
  });
  return result;
}

/**
 * `tool_choice` (+ `parallel_tool_calls: false`) -> Anthropic's tool_choice. Undefined means
 * Anthropic's default (auto, parallel allowed).
 */
export function toAnthropicToolChoice(
  choice: UnifiedToolChoice,
  parallelToolCalls: boolean | null | undefined,
  context: TranslateContext,
): AnthropicToolChoice | undefined {
  const serial = parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined || choice === null) {
    return parallelToolCalls === false ? { type: "auto", ...serial } : undefined;
  }
  if (typeof choice === "string") {
    switch (choice) {
      case "auto":
        return { type: "auto", ...serial };
      case "none":
        return { type: "none" };
      case "required":
        return { type: "any", ...serial };
      default: {
        const unlisted: never = choice;
        context.unsupported("tool_choice", `unknown mode ${JSON.stringify(unlisted)}`);
        return undefined;
      }
    }
  }
  switch (choice.type) {
    case "function":
      return { type: "tool", name: choice.function.name, ...serial };
    case "allowed_tools":
      context.unsupported("tool_choice", "Anthropic has no allowed_tools choice; narrow `tools` instead");
      return parallelToolCalls === false ? { type: "auto", ...serial } : undefined;
    case "custom":
      context.unsupported("tool_choice", "custom tools do not exist on Anthropic");
      return parallelToolCalls === false ? { type: "auto", ...serial } : undefined;
    default: {
      const unlisted: never = choice;
      context.unsupported("tool_choice", `unknown type ${String((unlisted as { type?: unknown }).type)}`);
      return undefined;
    }
  }
}

/** An assistant message's earlier tool calls -> tool_use blocks; arguments must be a JSON object. */
export function toolUseBlocks(toolCalls: UnifiedToolCalls, messagePath: string, ids: ToolCallIds, context: TranslateContext): AnthropicToolUseBlock[] {
  const blocks: AnthropicToolUseBlock[] = [];
  toolCalls.forEach((call, index) => {
    const path = `${messagePath}.tool_calls[${index}]`;
    switch (call.type) {
      case "function":
        blocks.push({
          type: "tool_use",
          id: ids.id(call.id),
          name: call.function.name,
          input: parseArguments(call.function.arguments, `${path}.function.arguments`),
        } satisfies AnthropicToolUseBlock);
        break;
      case "custom":
        context.unsupported(`${path} (custom tool call)`, "Anthropic tools take JSON input, not free-form text");
        break;
      default: {
        const unlisted: never = call;
        context.unsupported(path, `unknown tool call type ${String((unlisted as { type?: unknown }).type)}`);
      }
    }
  });
  return blocks;
}

function parseArguments(text: string, path: string): Record<string, unknown> {
  // Models emit "" for a call without arguments; it means the empty object.
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError(
      `Invalid \`${path}\`: not valid JSON (${(error as Error).message}). Anthropic needs the arguments of an earlier tool call as a JSON object.`,
      path,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidRequestError(`Invalid \`${path}\`: Anthropic needs a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}.`, path);
  }
  return value as Record<string, unknown>;
}

/** A `tool` message -> a tool_result block (the caller groups consecutive results in one user turn). */
export function toolResultBlock(message: ChatCompletionToolMessageParam, ids: ToolCallIds): AnthropicToolResultBlock {
  const block: AnthropicToolResultBlock = { type: "tool_result", tool_use_id: ids.id(message.tool_call_id) };
  // String content stays a string; parts become text blocks (keeping cache breakpoints). A blank
  // result is sent without content, as Anthropic rejects empty and whitespace-only text.
  if (typeof message.content === "string") {
    if (!isBlank(message.content)) block.content = message.content;
  } else {
    const blocks = textBlocks(message.content);
    if (blocks.length > 0) block.content = blocks;
  }
  return block;
}
