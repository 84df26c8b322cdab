// `response_format` json_object / json_schema, emulated: Anthropic gets one extra tool whose input
// schema is the requested schema, and tool_choice makes the model answer through it. The tool's
// input comes back as `message.content` (a JSON string) with finish_reason "stop".
//
// With the caller's own tools and tool_choice "auto", the model may call those tools or answer
// through the JSON tool (tool_choice "any"), which is OpenAI's behaviour with both set. When the
// caller's tool_choice already forces a tool call ("required" or a named tool) the turn has no text
// answer for response_format to shape, so nothing is added.
import type { ChatCompletionCreateParams } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import type { AnthropicInputSchema, AnthropicTool, AnthropicToolChoice } from "./anthropic-schema.js";

type ResponseFormat = ChatCompletionCreateParams["response_format"];

export interface JsonModePlan {
  /** The name of the tool whose input is the answer. */
  toolName: string;
}

export interface ToolSetup {
  tools: AnthropicTool[];
  toolChoice: AnthropicToolChoice | undefined;
}

const DEFAULT_TOOL_NAME = "json_response";
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

// Keyed by the per-target translation context: the request side registers the tool, the response
// and stream sides of the same call read it. Nothing of it reaches onellm metadata.
const plans = new WeakMap<TranslateContext, JsonModePlan>();

/** The JSON-mode tool registered for this call, if `response_format` was emulated. */
export function jsonModeFor(context: TranslateContext): JsonModePlan | undefined {
  return plans.get(context);
}

/** Adds the JSON-mode tool to the caller's tools and choice when `response_format` asks for JSON. */
export function applyResponseFormat(
  format: ResponseFormat,
  setup: ToolSetup,
  context: TranslateContext,
): ToolSetup {
  if (format === undefined || format === null) return setup;
  let schema: AnthropicInputSchema;
  let preferredName = DEFAULT_TOOL_NAME;
  let description: string;
  let strict: boolean | undefined;
  switch (format.type) {
    case "text":
      return setup;
    case "json_object":
      schema = { type: "object" };
      description = "Respond with your complete answer as a JSON object.";
      break;
    case "json_schema": {
      const { name, schema: requested, description: requestedDescription, strict: requestedStrict } = format.json_schema;
      if (requested !== undefined && requested["type"] !== undefined && requested["type"] !== "object") {
        context.unsupported(
          "response_format.json_schema.schema",
          `Anthropic structured output is emulated with a tool, whose input must be an object (got type ${JSON.stringify(requested["type"])})`,
        );
        return setup;
      }
      schema = requested === undefined ? { type: "object" } : { ...requested, type: "object" };
      if (TOOL_NAME.test(name)) preferredName = name;
      description = requestedDescription ?? "Respond with your complete answer as JSON matching this schema.";
      if (typeof requestedStrict === "boolean") strict = requestedStrict;
      break;
    }
    default: {
      const unlisted: never = format;
      context.unsupported("response_format", `unknown type ${String((unlisted as { type?: unknown }).type)}`);
      return setup;
    }
  }

  const forced = setup.toolChoice?.type;
  if (forced === "any" || forced === "tool") return setup;

  const toolName = uniqueName(preferredName, setup.tools);
  const jsonTool: AnthropicTool = {
    name: toolName,
    description,
    input_schema: schema,
    ...(strict === undefined ? {} : { strict }),
  };
  plans.set(context, { toolName });
  context.emulated("response_format", `${format.type} through a forced tool "${toolName}"; its input is returned as message.content`);

  const callerMayUseTools = setup.tools.length > 0 && forced !== "none";
  if (!callerMayUseTools) {
    return { tools: [jsonTool], toolChoice: { type: "tool", name: toolName, disable_parallel_tool_use: true } };
  }
  const serial = setup.toolChoice?.type === "auto" && setup.toolChoice.disable_parallel_tool_use === true;
  return {
    tools: [...setup.tools, jsonTool],
    toolChoice: serial ? { type: "any", disable_parallel_tool_use: true } : { type: "any" },
  };
}

function uniqueName(preferred: string, tools: readonly AnthropicTool[]): string {
  const taken = new Set(tools.map((tool) => tool.name));
  if (!taken.has(preferred)) return preferred;
  for (let suffix = 1; ; suffix++) {
    const candidate = `${preferred.slice(0, 120)}_${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
