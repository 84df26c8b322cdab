// Tools both ways of a conversation: function definitions and tool_choice (with response_format
// emulated through a forced tool, as Converse has no JSON mode), the assistant's earlier tool calls
// (toolUse blocks) and the caller's tool results (toolResult blocks). Tool-use ids must match
// ^[a-zA-Z0-9_-]{1,64}$: ids minted elsewhere are rewritten, identically in calls and results.
import { InvalidRequestError } from "../../errors.js";
import type { ChatCompletionAssistantMessageParam, ChatCompletionCreateParams, ChatCompletionToolMessageParam } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import { parseToolArguments } from "../tool-arguments.js";
import type { ToolCallIds, ToolCallIdRule } from "../tool-call-ids.js";
import { asksCachePoint, CACHE_POINT } from "./bedrock-content.js";
import type { BedrockContentBlock, BedrockTool, BedrockToolChoice, BedrockToolConfig, BedrockToolSpec } from "./bedrock-schema.js";

type UnifiedTools = NonNullable<ChatCompletionCreateParams["tools"]>;
type UnifiedToolChoice = ChatCompletionCreateParams["tool_choice"];
type UnifiedToolCalls = NonNullable<ChatCompletionAssistantMessageParam["tool_calls"]>;
type ResponseFormat = ChatCompletionCreateParams["response_format"];

/** Converse's tool-use ids; others' (Gemini's, OpenAI's `call_…` with dots or colons, long agent ids) are rewritten per request. */
export const BEDROCK_TOOL_CALL_ID: ToolCallIdRule = {
  alphabet: "word",
  minLength: 1,
  maxLength: 64,
  source: "spec/providers/bedrock.yaml ToolUseId (Smithy bedrock-runtime 2023-09-30): length 1-64, pattern ^[a-zA-Z0-9_-]+$",
};
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const JSON_TOOL = "json_response";


// Keyed by the per-target translation context: the request side registers the JSON tool, the
// response and stream sides of the same call read it.
const jsonTools = new WeakMap<TranslateContext, string>();

/** The forced tool whose input is the answer, when response_format is emulated for this call. */
export function jsonToolFor(context: TranslateContext): string | undefined {
  return jsonTools.get(context);
}

/** The tool specs, and those a caller marked for a cachePoint after them. */
function toBedrockTools(tools: UnifiedTools, context: TranslateContext): { specs: BedrockToolSpec[]; cached: Set<BedrockToolSpec> } {
  const result: BedrockToolSpec[] = [];
  const cached = new Set<BedrockToolSpec>();
  tools.forEach((tool, index) => {
    switch (tool.type) {
      case "function": {
        const { name, description, parameters } = tool.function;
        if (!TOOL_NAME.test(name)) {
          throw new InvalidRequestError(`Invalid \`tools[${index}].function.name\`: Bedrock tool names match ^[a-zA-Z0-9_-]{1,64}$, got ${JSON.stringify(name)}.`, `tools[${index}].function.name`);
        }
        const spec: BedrockToolSpec = {
          name,
          ...(description === undefined || description === "" ? {} : { description }),
          inputSchema: { json: parameters ?? { type: "object", properties: {} } },
        };
        result.push(spec);
        if (asksCachePoint(tool, `tools[${index}]`, context)) cached.add(spec);
        break;
      }
      case "custom":
        context.unsupported(`tools[${index}] (custom tool)`, "Bedrock tools take JSON input, not free-form text");
        break;
      default: {
        const unlisted: never = tool;
        context.unsupported(`tools[${index}]`, `unknown tool type ${String((unlisted as { type?: unknown }).type)}`);
      }
    }
  });
  return { specs: result, cached };
}

function toBedrockToolChoice(choice: UnifiedToolChoice, hasTools: boolean, context: TranslateContext): BedrockToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (typeof choice === "string") {
    switch (choice) {
      case "auto":
        return hasTools ? { auto: {} } : undefined;
      case "required":
        return { any: {} };
      case "none":
        // Without tools there is nothing to refuse; with them Converse has no way to forbid calls.
        if (hasTools) context.unsupported("tool_choice", 'Converse has no "none"; leave the tools out of this request instead');
        return undefined;
      default: {
        const unlisted: never = choice;
        context.unsupported("tool_choice", `unknown mode ${JSON.stringify(unlisted)}`);
        return undefined;
      }
    }
  }
  switch (choice.type) {
    case "function":
      return { tool: { name: choice.function.name } };
    case "allowed_tools":
      context.unsupported("tool_choice", "Converse has no allowed_tools choice; narrow `tools` instead");
      return undefined;
    case "custom":
      context.unsupported("tool_choice", "custom tools do not exist on Bedrock");
      return undefined;
    default: {
      const unlisted: never = choice;
      context.unsupported("tool_choice", `unknown type ${String((unlisted as { type?: unknown }).type)}`);
      return undefined;
    }
  }
}

/** The JSON-mode tool for response_format json_object / json_schema, or undefined for text. */
function jsonModeTool(format: ResponseFormat, context: TranslateContext): BedrockToolSpec | undefined {
  if (format === undefined || format === null) return undefined;
  switch (format.type) {
    case "text":
      return undefined;
    case "json_object":
      return { name: JSON_TOOL, description: "Respond with your complete answer as a JSON object.", inputSchema: { json: { type: "object" } } };
    case "json_schema": {
      const schema = format.json_schema.schema;
      if (schema !== undefined && schema["type"] !== undefined && schema["type"] !== "object") {
        context.unsupported("response_format.json_schema.schema", `Bedrock structured output is emulated with a tool, whose input must be an object (got type ${JSON.stringify(schema["type"])})`);
        return undefined;
      }
      const name = TOOL_NAME.test(format.json_schema.name) ? format.json_schema.name : JSON_TOOL;
      const description = format.json_schema.description ?? "Respond with your complete answer as JSON matching this schema.";
      return { name, description, inputSchema: { json: { ...(schema ?? {}), type: "object" } } };
    }
    default: {
      const unlisted: never = format;
      context.unsupported("response_format", `unknown type ${String((unlisted as { type?: unknown }).type)}`);
      return undefined;
    }
  }
}

/**
 * tools + tool_choice + response_format -> toolConfig. With the caller's tools on "auto", the model
 * may call them or answer through the JSON tool (choice `any`); a caller's forced choice leaves no
 * text answer to shape, so nothing is added then. `historyHasTools`: Converse wants a toolConfig
 * whenever the messages hold toolUse or toolResult blocks.
 */
export function toToolConfig(
  tools: UnifiedTools | undefined,
  choice: UnifiedToolChoice,
  format: ResponseFormat,
  context: TranslateContext,
): BedrockToolConfig | undefined {
  const { specs: converted, cached } = tools ? toBedrockTools(tools, context) : { specs: [], cached: new Set<BedrockToolSpec>() };
  let toolChoice = toBedrockToolChoice(choice, converted.length > 0, context);
  const jsonTool = jsonModeTool(format, context);
  if (jsonTool !== undefined && !("any" in (toolChoice ?? {})) && !("tool" in (toolChoice ?? {}))) {
    const name = uniqueName(jsonTool.name, converted);
    jsonTools.set(context, name);
    context.emulated("response_format", `${format?.type ?? "json"} through a forced tool "${name}"; its input is returned as message.content`);
    converted.push({ ...jsonTool, name });
    toolChoice = converted.length === 1 ? { tool: { name } } : { any: {} };
  }
  if (converted.length === 0) return undefined;
  // Converse caches the tool list up to a cachePoint entry, as it does messages (spec Tool: toolSpec | cachePoint).
  const specs: BedrockTool[] = converted.flatMap((toolSpec) => (cached.has(toolSpec) ? [{ toolSpec }, CACHE_POINT] : [{ toolSpec }]));
  return toolChoice === undefined ? { tools: specs } : { tools: specs, toolChoice };
}

function uniqueName(preferred: string, tools: readonly BedrockToolSpec[]): string {
  const taken = new Set(tools.map((tool) => tool.name));
  if (!taken.has(preferred)) return preferred;
  for (let suffix = 1; ; suffix++) {
    const candidate = `${preferred.slice(0, 60)}_${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** An assistant message's earlier tool calls -> toolUse blocks; arguments must be a JSON object. */
export function toolUseBlocks(toolCalls: UnifiedToolCalls, messagePath: string, ids: ToolCallIds, context: TranslateContext): BedrockContentBlock[] {
  const blocks: BedrockContentBlock[] = [];
  toolCalls.forEach((call, index) => {
    const path = `${messagePath}.tool_calls[${index}]`;
    switch (call.type) {
      case "function":
        blocks.push({ toolUse: { toolUseId: ids.id(call.id), name: call.function.name, input: parseToolArguments(call.function.arguments, `${path}.function.arguments`, "Bedrock") } });
        break;
      case "custom":
        context.unsupported(`${path} (custom tool call)`, "Bedrock tools take JSON input, not free-form text");
        break;
      default: {
        const unlisted: never = call;
        context.unsupported(path, `unknown tool call type ${String((unlisted as { type?: unknown }).type)}`);
      }
    }
  });
  return blocks;
}


/** A `tool` message -> a toolResult block; Converse rejects empty content, so a blank result says so. */
export function toolResultBlock(message: ChatCompletionToolMessageParam, ids: ToolCallIds): BedrockContentBlock {
  const texts = typeof message.content === "string" ? [message.content] : message.content.map((part) => part.text);
  const content = texts.filter((text) => text.trim() !== "").map((text) => ({ text }));
  return { toolResult: { toolUseId: ids.id(message.tool_call_id), content: content.length > 0 ? content : [{ text: "(empty result)" }] } };
}
