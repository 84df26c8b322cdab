// Tools, tool_choice, tool-call ids and tool results between OpenAI's shape and Gemini's
// functionDeclarations / functionCall / functionResponse.
import { toStandardBase64 } from "../../core/encoding.js";
import { InvalidRequestError } from "../../errors.js";
import type { ChatCompletionMessageToolCall } from "../../types.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import type { GeminiFunctionCallingMode, GeminiFunctionDeclaration, GeminiTool, GeminiToolConfig } from "./gemini-native.js";
import { toGeminiSchema, type SchemaConversion } from "./gemini-schema.js";
import type { ModelCapabilities } from "../../models/model-capabilities.js";
import { GENERATED_ID } from "./gemini-function-calls.js";
import { warn } from "./gemini-warnings.js";

type ToolChoice = NonNullable<UnifiedRequest["tool_choice"]>;

/**
 * `tools` -> one Gemini tool holding every function declaration, plus the googleSearch tool for
 * `web_search_options`. Models that take full JSON Schema get the parameters as they are
 * (`parametersJsonSchema`); older ones get Gemini's `Schema`, with every change reported.
 */
export function convertTools(request: Pick<UnifiedRequest, "tools" | "web_search_options">, context: TranslateContext, capabilities: ModelCapabilities): GeminiTool[] | undefined {
  const declarations: GeminiFunctionDeclaration[] = [];
  (request.tools ?? []).forEach((tool, index) => {
    const path = `tools[${index}]`;
    switch (tool.type) {
      case "function": {
        const fn = tool.function;
        // The spec requires a description; an empty one says nothing the model would miss.
        const declaration: GeminiFunctionDeclaration = { name: fn.name, description: fn.description ?? "" };
        if (fn.parameters !== undefined && capabilities.fullJsonSchema) {
          declaration.parametersJsonSchema = fn.parameters;
        } else if (fn.parameters !== undefined) {
          const converted = toGeminiSchema(fn.parameters);
          if (converted.schema !== undefined) declaration.parameters = converted.schema;
          reportConversion(context, `${path}.function.parameters (${fn.name})`, capabilities, converted);
        }
        if (fn.strict === true) {
          warn(context, `${path}.function.strict (${fn.name}): Gemini does not enforce strict argument schemas; arguments are not guaranteed to match.`);
        }
        if (tool.cache_control !== undefined) context.unsupported(`${path}.cache_control`, "Gemini caches through cachedContent, not per-tool breakpoints");
        declarations.push(declaration);
        break;
      }
      case "custom":
        context.unsupported(`${path}`, `custom tool "${tool.custom.name}"; only function tools exist in Gemini`);
        break;
      default: {
        const exhaustive: never = tool;
        throw new InvalidRequestError(`Unknown tool type in ${path}: ${JSON.stringify(exhaustive)}`, path);
      }
    }
  });
  const tools: GeminiTool[] = declarations.length > 0 ? [{ functionDeclarations: declarations }] : [];
  const search = webSearchTool(request.web_search_options, context);
  if (search !== undefined) tools.push(search);
  return tools.length > 0 ? tools : undefined;
}

/** What the Schema conversion left out or changed, said in the warnings. */
export function reportConversion(context: TranslateContext, where: string, capabilities: ModelCapabilities, conversion: SchemaConversion): void {
  for (const entry of conversion.dropped) {
    warn(context, `${where}: ${capabilities.family} takes Gemini's Schema, which cannot express ${entry}; it was left out.`);
  }
  for (const entry of conversion.changed) warn(context, `${where}: ${entry}.`);
}

/**
 * `web_search_options` -> Gemini's googleSearch tool (grounding with Google Search). Search context
 * size and user location have no equivalent there; the default size asks for nothing.
 */
function webSearchTool(options: UnifiedRequest["web_search_options"], context: TranslateContext): GeminiTool | undefined {
  if (options === undefined || options === null) return undefined;
  const size = options.search_context_size;
  if (size !== undefined && size !== "medium") context.unsupported("web_search_options.search_context_size", "Gemini's googleSearch tool has no search context size");
  if (options.user_location !== undefined && options.user_location !== null) {
    context.unsupported("web_search_options.user_location", "Gemini's googleSearch tool takes no user location");
  }
  return { googleSearch: {} };
}

/** `tool_choice` -> `toolConfig.functionCallingConfig`. */
export function convertToolChoice(choice: UnifiedRequest["tool_choice"], context: TranslateContext): GeminiToolConfig | undefined {
  if (choice === undefined || choice === null) return undefined;
  const config = (mode: GeminiFunctionCallingMode, names?: string[]): GeminiToolConfig => ({
    functionCallingConfig: names === undefined ? { mode } : { mode, allowedFunctionNames: names },
  });
  if (typeof choice === "string") return config(stringChoiceMode(choice));
  return objectChoice(choice, context, config);
}

function stringChoiceMode(choice: Extract<ToolChoice, string>): GeminiFunctionCallingMode {
  switch (choice) {
    case "auto":
      return "AUTO";
    case "none":
      return "NONE";
    case "required":
      return "ANY";
    default: {
      const exhaustive: never = choice;
      throw new InvalidRequestError(`Unknown tool_choice ${JSON.stringify(exhaustive)}`, "tool_choice");
    }
  }
}

function objectChoice(
  choice: Exclude<ToolChoice, string>,
  context: TranslateContext,
  config: (mode: GeminiFunctionCallingMode, names?: string[]) => GeminiToolConfig,
): GeminiToolConfig | undefined {
  switch (choice.type) {
    case "function":
      return config("ANY", [choice.function.name]);
    case "allowed_tools": {
      const names: string[] = [];
      choice.allowed_tools.tools.forEach((tool, index) => {
        const fn = tool["function"];
        const name = tool["type"] === "function" && typeof fn === "object" && fn !== null ? (fn as { name?: unknown }).name : undefined;
        if (typeof name === "string") names.push(name);
        else context.unsupported(`tool_choice.allowed_tools.tools[${index}]`, "only function tools can be allowed in Gemini");
      });
      // allowedFunctionNames needs ANY or VALIDATED; VALIDATED still lets the model answer in text.
      return config(choice.allowed_tools.mode === "required" ? "ANY" : "VALIDATED", names);
    }
    case "custom":
      context.unsupported("tool_choice", `custom tool "${choice.custom.name}"; only function tools exist in Gemini`);
      return undefined;
    default: {
      const exhaustive: never = choice;
      throw new InvalidRequestError(`Unknown tool_choice ${JSON.stringify(exhaustive)}`, "tool_choice");
    }
  }
}

/**
 * The id to send back as `functionCall.id` / `functionResponse.id`: Gemini 3 issues one per call
 * and matches each result to its call by it. Ids onellm generated are left out (Gemini never saw
 * them); any other id (Gemini's, or one the caller chose) is sent on both sides, so they pair up.
 */
export function functionCallIdOf(id: string): string | undefined {
  return id === "" || GENERATED_ID.test(id) ? undefined : id;
}

/**
 * What Gemini documents for a function call with no signature of its own (made by another model or
 * provider): "skip_thought_signature_validator". Written in standard base64, the spelling the spec's
 * `format: byte` accepts; it decodes to the very same bytes, which is all the API ever compares.
 */
export const SKIP_THOUGHT_SIGNATURE = toStandardBase64("skip_thought_signature_validator");

/** An assistant tool call from the history -> its Gemini functionCall arguments (a JSON object). */
export function parseToolArguments(call: ChatCompletionMessageToolCall, path: string): Record<string, unknown> {
  const text = call.function.arguments;
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError(
      `Invalid \`${path}\`: tool-call arguments must be a JSON object for Gemini, but they are not valid JSON (${(error as Error).message}).`,
      path,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InvalidRequestError(`Invalid \`${path}\`: tool-call arguments must be a JSON object for Gemini, got ${Array.isArray(parsed) ? "an array" : typeof parsed}.`, path);
  }
  return parsed as Record<string, unknown>;
}

/**
 * A tool result -> `functionResponse.response` (a JSON object). A JSON object result is sent as is
 * (Gemini reads its `output` / `error` keys, else takes it whole); anything else goes under `output`.
 */
export function functionResponseBody(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    return { output: parsed };
  } catch {
    return { output: text };
  }
}
