// Tools both ways of a conversation: function definitions and tool_choice, the assistant's earlier
// tool calls (with the text before them as Cohere's tool_plan) and the caller's tool results.
import type { ChatCompletionAssistantMessageParam, ChatCompletionCreateParams, ChatCompletionToolMessageParam } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import { reportCacheFields } from "./cohere-caching.js";
import type { CohereTool, CohereToolCall, CohereToolChoice, CohereToolMessage } from "./cohere-schema.js";

type UnifiedTools = NonNullable<ChatCompletionCreateParams["tools"]>;
type UnifiedToolChoice = ChatCompletionCreateParams["tool_choice"];
type UnifiedToolCalls = NonNullable<ChatCompletionAssistantMessageParam["tool_calls"]>;

export interface CohereToolSetup {
  tools: CohereTool[];
  toolChoice: CohereToolChoice | undefined;
  /** Every function asked for `strict: true` (Cohere's switch is request-wide). */
  strict: boolean;
}

/** Function tools -> ToolV2; custom (free-form) tools have no Cohere equivalent. */
function toCohereTools(tools: UnifiedTools, context: TranslateContext): { tools: CohereTool[]; strict: boolean } {
  const result: CohereTool[] = [];
  let strict = tools.length > 0;
  tools.forEach((tool, index) => {
    switch (tool.type) {
      case "function": {
        const { name, description, parameters } = tool.function;
        if (tool.function.strict !== true) strict = false;
        reportCacheFields(tool, `tools[${index}]`, context);
        result.push({
          type: "function",
          function: {
            name,
            // A function without `parameters` takes no arguments: Cohere requires a schema.
            parameters: parameters ?? { type: "object", properties: {} },
            ...(description === undefined ? {} : { description }),
          },
        });
        break;
      }
      case "custom":
        strict = false;
        context.unsupported(`tools[${index}] (custom tool)`, "Cohere tools take JSON arguments, not free-form text");
        break;
      default: {
        const unlisted: never = tool;
        context.unsupported(`tools[${index}]`, `unknown tool type ${String((unlisted as { type?: unknown }).type)}`);
      }
    }
  });
  return { tools: result, strict };
}

/**
 * `tools` + `tool_choice` -> Cohere's tools and tool_choice (REQUIRED / NONE; auto is the default).
 * Cohere cannot name one tool to call, so a named choice is emulated: only that tool is offered,
 * and a call is required (said in the warnings).
 */
export function toCohereToolSetup(tools: UnifiedTools | undefined, choice: UnifiedToolChoice, context: TranslateContext): CohereToolSetup {
  const converted = tools ? toCohereTools(tools, context) : { tools: [], strict: false };
  const setup: CohereToolSetup = { tools: converted.tools, toolChoice: undefined, strict: converted.strict };
  if (choice === undefined || choice === null) return setup;
  if (typeof choice === "string") {
    switch (choice) {
      case "auto":
        return setup;
      case "none":
        return { ...setup, toolChoice: "NONE" };
      case "required":
        return { ...setup, toolChoice: "REQUIRED" };
      default: {
        const unlisted: never = choice;
        context.unsupported("tool_choice", `unknown mode ${JSON.stringify(unlisted)}`);
        return setup;
      }
    }
  }
  switch (choice.type) {
    case "function": {
      const name = choice.function.name;
      const named = setup.tools.filter((tool) => tool.function?.name === name);
      if (named.length === 0) {
        context.unsupported("tool_choice", `it names "${name}", which is not among \`tools\``);
        return setup;
      }
      context.emulated("tool_choice", `Cohere cannot force one named tool; only "${name}" was offered, with tool_choice REQUIRED`);
      return { ...setup, tools: named, toolChoice: "REQUIRED" };
    }
    case "allowed_tools":
      context.unsupported("tool_choice", "Cohere has no allowed_tools choice; narrow `tools` instead");
      return setup;
    case "custom":
      context.unsupported("tool_choice", "custom tools do not exist on Cohere");
      return setup;
    default: {
      const unlisted: never = choice;
      context.unsupported("tool_choice", `unknown type ${String((unlisted as { type?: unknown }).type)}`);
      return setup;
    }
  }
}

/** An assistant message's earlier tool calls -> ToolCallV2 (Cohere takes any id string). */
export function toCohereToolCalls(toolCalls: UnifiedToolCalls, messagePath: string, context: TranslateContext): CohereToolCall[] {
  const calls: CohereToolCall[] = [];
  toolCalls.forEach((call, index) => {
    switch (call.type) {
      case "function":
        calls.push({ id: call.id, type: "function", function: { name: call.function.name, arguments: call.function.arguments || "{}" } });
        break;
      case "custom":
        context.unsupported(`${messagePath}.tool_calls[${index}] (custom tool call)`, "Cohere tools take JSON arguments, not free-form text");
        break;
      default: {
        const unlisted: never = call;
        context.unsupported(`${messagePath}.tool_calls[${index}]`, `unknown tool call type ${String((unlisted as { type?: unknown }).type)}`);
      }
    }
  });
  return calls;
}

/** A `tool` message -> a Cohere tool message; text parts become text content blocks. */
export function toCohereToolMessage(message: ChatCompletionToolMessageParam, path: string, context: TranslateContext): CohereToolMessage {
  const content =
    typeof message.content === "string"
      ? message.content
      : message.content.map((part, index) => {
          reportCacheFields(part, `${path}.content[${index}]`, context);
          return { type: "text" as const, text: part.text };
        });
  return { role: "tool", tool_call_id: message.tool_call_id, content };
}
