// Tools, tool_choice, tool-call ids and tool results between OpenAI's shape and Gemini's
// functionDeclarations / functionCall / functionResponse.
import { toBase64Url, toStandardBase64 } from "../../core/encoding.js";
import { sha256Hex } from "../../core/sha256.js";
import { InvalidRequestError } from "../../errors.js";
import type { ChatCompletionMessageToolCall } from "../../types.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import type { GeminiFunctionCall, GeminiFunctionCallingMode, GeminiFunctionDeclaration, GeminiTool, GeminiToolConfig } from "./gemini-native.js";
import { toGeminiSchema } from "./gemini-schema.js";
import { warn } from "./gemini-warnings.js";

type ToolChoice = NonNullable<UnifiedRequest["tool_choice"]>;

/** `tools` -> one Gemini tool holding every function declaration. */
export function convertTools(tools: UnifiedRequest["tools"], context: TranslateContext): GeminiTool[] | undefined {
  if (!tools || tools.length === 0) return undefined;
  const declarations: GeminiFunctionDeclaration[] = [];
  tools.forEach((tool, index) => {
    const path = `tools[${index}]`;
    switch (tool.type) {
      case "function": {
        const fn = tool.function;
        // The spec requires a description; an empty one says nothing the model would miss.
        const declaration: GeminiFunctionDeclaration = { name: fn.name, description: fn.description ?? "" };
        if (fn.parameters !== undefined) {
          const { schema, dropped } = toGeminiSchema(fn.parameters);
          if (schema !== undefined) declaration.parameters = schema;
          for (const entry of dropped) {
            warn(context, `${path}.function.parameters (${fn.name}): Gemini's Schema cannot express ${entry}; it was left out.`);
          }
        }
        if (fn.strict === true) {
          warn(context, `${path}.function.strict (${fn.name}): Gemini does not enforce strict argument schemas; arguments are not guaranteed to match.`);
        }
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
  return declarations.length > 0 ? [{ functionDeclarations: declarations }] : undefined;
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
 * Gemini's thought signature travels inside the tool-call id (base64url, so the id stays within
 * [A-Za-z0-9_-]): OpenAI-shaped callers echo ids back verbatim, and Gemini 3 rejects a function
 * call in the history without its signature.
 */
const SIGNATURE_MARK = "__thought__";

/** The shape of the ids onellm makes up when Gemini sent none (Gemini 2.x); they never go back to Gemini. */
const GENERATED_ID = /^call_[0-9a-f]{24}$/;

/** A deterministic id per (response, candidate, call ordinal), or Gemini's own id when it sent one. */
export function toolCallId(responseId: string, candidateIndex: number, ordinal: number, call: GeminiFunctionCall, thoughtSignature: string | undefined): string {
  const base = call.id ?? `call_${sha256Hex(`${responseId}/${candidateIndex}/${ordinal}`).slice(0, 24)}`;
  if (thoughtSignature === undefined || thoughtSignature === "") return base;
  return `${base}${SIGNATURE_MARK}${toBase64Url(thoughtSignature)}`;
}

/**
 * The id to send back as `functionCall.id` / `functionResponse.id`: Gemini 3 issues one per call
 * and matches each result to its call by it. Ids onellm generated are left out (Gemini never saw
 * them); any other id (Gemini's, or one the caller chose) is sent on both sides, so they pair up.
 */
export function functionCallIdOf(id: string): string | undefined {
  const at = id.lastIndexOf(SIGNATURE_MARK);
  const base = at === -1 ? id : id.slice(0, at);
  return base === "" || GENERATED_ID.test(base) ? undefined : base;
}

/** Gemini 3 and later: thinking levels instead of budgets, and thought signatures enforced on function calls. */
export function isGemini3OrLater(model: string): boolean {
  const major = /(?:^|\/)gemini-(\d+)(?=[.-]|$)/.exec(model)?.[1];
  return major !== undefined && Number(major) >= 3;
}

/**
 * What Gemini documents for a function call with no signature of its own (made by another model or
 * provider): "skip_thought_signature_validator". Written in standard base64, the spelling the spec's
 * `format: byte` accepts; it decodes to the very same bytes, which is all the API ever compares.
 */
export const SKIP_THOUGHT_SIGNATURE = toStandardBase64("skip_thought_signature_validator");

/** The thought signature a tool-call id carries, if it came from {@link toolCallId}. */
export function thoughtSignatureOf(id: string): string | undefined {
  const at = id.lastIndexOf(SIGNATURE_MARK);
  if (at === -1) return undefined;
  const encoded = id.slice(at + SIGNATURE_MARK.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  return toStandardBase64(encoded);
}

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
