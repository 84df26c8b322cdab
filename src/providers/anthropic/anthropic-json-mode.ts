// `response_format` json_object / json_schema. On models with structured outputs (src/models), a
// json_schema goes natively as `output_config.format` and the answer is plain text content. Else
// it is emulated: Anthropic gets one extra tool whose input schema is the requested schema, and
// tool_choice makes the model answer through it. The tool's input comes back as `message.content`
// (a JSON string) with finish_reason "stop". json_object always takes the tool (a native format
// needs a closed object schema, which would only allow `{}`). A forced tool cannot be combined
// with thinking (Anthropic answers 400 "Thinking may not be enabled when tool_choice forces tool
// use"), so there the emulation is refused through the unsupported policy.
//
// With the caller's own tools and tool_choice "auto", the model may call those tools or answer
// through the JSON tool (tool_choice "any"), which is OpenAI's behaviour with both set. When the
// caller's tool_choice already forces a tool call ("required" or a named tool) the turn has no text
// answer for response_format to shape, so nothing is added.
import type { ChatCompletionCreateParams } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import type { AnthropicInputSchema, AnthropicJsonOutputFormat, AnthropicTool, AnthropicToolChoice } from "./anthropic-schema.js";

type ResponseFormat = ChatCompletionCreateParams["response_format"];

export interface JsonModePlan {
  /** The name of the tool whose input is the answer. */
  toolName: string;
}

export interface ToolSetup {
  tools: AnthropicTool[];
  toolChoice: AnthropicToolChoice | undefined;
}

export interface FormatSetup extends ToolSetup {
  /** The native structured-output format, when the model takes one. */
  outputFormat?: AnthropicJsonOutputFormat;
}

export interface FormatOptions {
  /** The model takes `output_config.format`. */
  native: boolean;
  /** Thinking is on (no forced tool possible). */
  thinking: boolean;
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
  options: FormatOptions = { native: false, thinking: false },
): FormatSetup {
  if (format === undefined || format === null) return setup;
  if (format.type === "json_schema" && options.native) {
    const outputFormat = nativeFormat(format.json_schema.schema, context);
    return outputFormat === undefined ? setup : { ...setup, outputFormat };
  }
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
  if (options.thinking) {
    context.unsupported(
      "response_format",
      `${format.type} on this model is emulated with a forced tool, which Anthropic refuses with thinking on ("Thinking may not be enabled when tool_choice forces tool use"); use a model with structured outputs (Claude Sonnet/Haiku/Opus 4.5 and later) for json_schema, or leave out reasoning_effort`,
    );
    return setup;
  }

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

/**
 * A json_schema for `output_config.format`. Anthropic's structured outputs need every object closed
 * (`additionalProperties: false`): an object that says nothing gets it, with a warning naming where;
 * one that asks for extra properties cannot be honoured and goes through the unsupported policy.
 */
function nativeFormat(schema: Record<string, unknown> | undefined, context: TranslateContext): AnthropicJsonOutputFormat | undefined {
  const closed: string[] = [];
  const open: string[] = [];
  const moved: string[] = [];
  const converted = closeObjects(schema ?? { type: "object" }, "", { closed, open, moved });
  if (open.length > 0) {
    context.unsupported(
      "response_format.json_schema.schema",
      `Anthropic's structured outputs need additionalProperties: false on every object; ${open.map((at) => at || "the root").join(", ")} allow${open.length === 1 ? "s" : ""} more`,
    );
    return undefined;
  }
  if (closed.length > 0) {
    context.warnings.push(
      `anthropic: response_format.json_schema.schema: additionalProperties: false was added at ${closed.map((at) => at || "the root").join(", ")} (Anthropic's structured outputs take closed objects only).`,
    );
  }
  if (moved.length > 0) {
    context.warnings.push(
      `anthropic: response_format.json_schema.schema: ${moved.join(", ")} moved into the description (Anthropic's structured outputs do not enforce numeric, length or count constraints); check them in your code.`,
    );
  }
  return { type: "json_schema", schema: converted as Record<string, unknown> };
}

/** Constraints Anthropic's structured outputs do not take; like Anthropic's SDKs, they move into the description. */
const UNENFORCED = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "maxItems", "minProperties", "maxProperties"];

interface SchemaChanges {
  closed: string[];
  open: string[];
  moved: string[];
}

function closeObjects(node: unknown, pointer: string, changes: SchemaChanges): unknown {
  if (Array.isArray(node)) return node.map((item, index) => closeObjects(item, `${pointer}/${index}`, changes));
  if (typeof node !== "object" || node === null) return node;
  const result: Record<string, unknown> = {};
  const unenforced: string[] = [];
  const inSchema = !pointer.endsWith("/properties") && !pointer.endsWith("/$defs") && !pointer.endsWith("/definitions");
  for (const [key, value] of Object.entries(node)) {
    // Only schema positions are walked: `properties` maps names to schemas, `enum`/`const` hold data.
    if (key === "enum" || key === "const" || key === "default" || key === "examples") result[key] = value;
    else if (inSchema && (UNENFORCED.includes(key) || (key === "minItems" && typeof value === "number" && value > 1))) unenforced.push(`${key}: ${JSON.stringify(value)}`);
    else result[key] = closeObjects(value, `${pointer}/${key}`, changes);
  }
  if (unenforced.length > 0) {
    const note = `(${unenforced.join(", ")})`;
    result["description"] = typeof result["description"] === "string" ? `${result["description"]} ${note}` : note;
    changes.moved.push(`${unenforced.map((entry) => entry.split(":")[0]).join(", ")} at ${pointer || "the root"}`);
  }
  const isObjectSchema = result["type"] === "object" || (Array.isArray(result["type"]) && result["type"].includes("object")) || typeof result["properties"] === "object";
  if (isObjectSchema && inSchema) {
    const additional = result["additionalProperties"];
    if (additional === undefined) {
      result["additionalProperties"] = false;
      changes.closed.push(pointer);
    } else if (additional !== false) {
      changes.open.push(pointer);
    }
  }
  return result;
}
