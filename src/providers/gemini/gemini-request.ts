// The unified request -> Gemini's GenerateContentRequest. gemini-fields.ts declares how each
// request field is taken; every field it declares unsupported goes through the unsupported-parameter
// policy when set. `generationConfig` carries only what the caller set: no defaults are ever injected.
import type { GeminiChatRequest } from "../../../generated/providers/gemini/translator.gen.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import type { MediaMap } from "./gemini-media.js";
import { convertMessages, type ImageDetailLevel } from "./gemini-messages.js";
import type { GeminiGenerationConfig, GeminiThinkingConfig, GeminiThinkingLevel } from "./gemini-native.js";
import { capabilitiesOf, type ModelCapabilities } from "../../models/model-capabilities.js";
import { toGeminiSchema } from "./gemini-schema.js";
import { GEMINI_DECLARATIONS } from "./gemini-fields.js";
import { reportUnmappedFields } from "../request-fields.js";
import { convertToolChoice, convertTools, reportConversion } from "./gemini-tools.js";

export function buildRequest(request: UnifiedRequest, context: TranslateContext, media: MediaMap): GeminiChatRequest {
  reportUnmappedFields(request, GEMINI_DECLARATIONS, context);
  const capabilities = capabilitiesOf("google", context.model);
  const { systemInstruction, contents, imageDetail } = convertMessages(request.messages, context, media, capabilities);
  const body: GeminiChatRequest = { contents };
  if (systemInstruction !== undefined && !capabilities.systemInstruction) {
    // Gemma on the Gemini API answers 400 "Developer instruction is not enabled" to systemInstruction.
    const first = contents[0];
    if (first?.role === "user") first.parts = [...(systemInstruction.parts ?? []), ...(first.parts ?? [])];
    else contents.unshift({ role: "user", parts: systemInstruction.parts ?? [] });
    context.emulated("system messages", `${capabilities.family} takes no systemInstruction, so the system text opens the first user turn`);
  } else if (systemInstruction !== undefined) {
    body.systemInstruction = systemInstruction;
  }
  const tools = convertTools(request, context, capabilities);
  if (tools !== undefined) body.tools = tools;
  const toolConfig = convertToolChoice(request.tool_choice, context);
  if (toolConfig !== undefined) body.toolConfig = toolConfig;
  const generationConfig = buildGenerationConfig(request, context, imageDetail, capabilities);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  return body;
}

export function buildGenerationConfig(
  request: UnifiedRequest,
  context: TranslateContext,
  imageDetail: readonly ImageDetailLevel[] = [],
  capabilities: ModelCapabilities = capabilitiesOf("google", context.model),
): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  // Before Gemini 3, image `detail` can only be one mediaResolution for the whole request.
  const [level, ...others] = imageDetail;
  if (level !== undefined && others.length === 0) config.mediaResolution = level;
  else if (level !== undefined) context.unsupported("image_url.detail", "different `detail` on different images needs Gemini 3; earlier models take one media resolution per request");
  if (isSet(request.temperature)) config.temperature = request.temperature;
  if (isSet(request.top_p)) config.topP = request.top_p;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (isSet(maxTokens)) config.maxOutputTokens = maxTokens;
  if (isSet(request.stop)) config.stopSequences = typeof request.stop === "string" ? [request.stop] : request.stop;
  if (isSet(request.n)) config.candidateCount = request.n;
  applyPenalties(request, config, context, capabilities);
  if (isSet(request.seed)) config.seed = request.seed;
  if (request.logprobs === true) config.responseLogprobs = true;
  if (isSet(request.top_logprobs)) config.logprobs = request.top_logprobs;
  applyResponseFormat(request.response_format, config, context, capabilities);
  const thinking = thinkingConfig(request.reasoning_effort, context, capabilities);
  if (thinking !== undefined) config.thinkingConfig = thinking;
  return config;
}

/**
 * Gemini 2.5 and later answer 400 "Penalty is not enabled" to either penalty, so there they go
 * through the unsupported policy (0, the default, asks for nothing); older models take them.
 */
function applyPenalties(request: UnifiedRequest, config: GeminiGenerationConfig, context: TranslateContext, capabilities: ModelCapabilities): void {
  const penalties = [
    ["presence_penalty", request.presence_penalty, "presencePenalty"],
    ["frequency_penalty", request.frequency_penalty, "frequencyPenalty"],
  ] as const;
  for (const [field, value, native] of penalties) {
    if (!isSet(value)) continue;
    if (capabilities.penalties) config[native] = value;
    else if (value !== 0) context.unsupported(field, `${capabilities.family} answers 400 "Penalty is not enabled"`);
  }
}

function applyResponseFormat(format: UnifiedRequest["response_format"], config: GeminiGenerationConfig, context: TranslateContext, capabilities: ModelCapabilities): void {
  if (format === undefined) return;
  switch (format.type) {
    case "text":
      return;
    case "json_object":
      config.responseMimeType = "application/json";
      return;
    case "json_schema": {
      config.responseMimeType = "application/json";
      // `name` labels the format and `strict` is Gemini's only mode (output is constrained to the schema).
      const { schema, description } = format.json_schema;
      if (schema === undefined) return;
      // The format's description has no other place than the schema's own.
      const described = description !== undefined && schema["description"] === undefined ? { ...schema, description } : schema;
      if (capabilities.fullJsonSchema) {
        config.responseJsonSchema = described;
        return;
      }
      const converted = toGeminiSchema(described);
      if (converted.schema !== undefined) config.responseSchema = converted.schema;
      reportConversion(context, "response_format.json_schema.schema", capabilities, converted);
      return;
    }
    default: {
      const exhaustive: never = format;
      context.unsupported("response_format", `type ${JSON.stringify((exhaustive as { type?: unknown }).type)}`);
    }
  }
}

/** Thinking budgets Google documents for reasoning_effort on Gemini 2.x (its OpenAI-compatible API uses them). */
const THINKING_BUDGETS = { none: 0, minimal: 1024, low: 1024, medium: 8192, high: 24576 } as const;

/**
 * reasoning_effort -> thinkingLevel (Gemini 3) or thinkingBudget (2.5), with includeThoughts so the
 * thoughts come back as reasoning_content. A level the model does not take is refused, not moved.
 */
function thinkingConfig(effort: UnifiedRequest["reasoning_effort"], context: TranslateContext, capabilities: ModelCapabilities): GeminiThinkingConfig | undefined {
  if (effort === undefined || effort === null) return undefined;
  if (capabilities.thinking === "none") {
    if (effort !== "none") context.unsupported("reasoning_effort", `${capabilities.family} does not think`);
    return undefined;
  }
  const levels = capabilities.thinking === "levels";
  switch (effort) {
    case "none":
      // Gemini 3 has no "off" level, and 2.5 Pro answers 400 to a zero budget ("only works in thinking mode").
      if (!capabilities.thinkingOff) {
        context.unsupported("reasoning_effort", `"none": ${capabilities.family} cannot turn thinking off`);
        return undefined;
      }
      return { thinkingBudget: THINKING_BUDGETS[effort] };
    case "minimal":
    case "low":
    case "medium":
    case "high":
      if (!levels) return { thinkingBudget: THINKING_BUDGETS[effort], includeThoughts: true };
      if (!capabilities.efforts.includes(effort)) {
        context.unsupported("reasoning_effort", `"${effort}": ${capabilities.family} takes ${capabilities.efforts.map((level) => `"${level}"`).join(", ")}`);
        return undefined;
      }
      return { thinkingLevel: effort.toUpperCase() as GeminiThinkingLevel, includeThoughts: true };
    case "xhigh":
    case "max":
      context.unsupported("reasoning_effort", `"${effort}": Gemini's highest setting is "high"`);
      return undefined;
    default: {
      const exhaustive: never = effort;
      context.unsupported("reasoning_effort", JSON.stringify(exhaustive));
      return undefined;
    }
  }
}

function isSet<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

/**
 * `provider_options.google` merged into the body last: objects merge key by key, anything else
 * replaces, except `tools`, which are added to the translated ones: built-in tools (googleSearch,
 * urlContext, codeExecution) go there, and replacing would silently drop the caller's functions.
 */
export function mergeProviderOptions(body: GeminiChatRequest, options: Readonly<Record<string, unknown>> | undefined): GeminiChatRequest {
  if (options === undefined) return body;
  const merged = deepMerge(body as unknown as Record<string, unknown>, options);
  const extraTools = options["tools"];
  if (body.tools !== undefined && Array.isArray(extraTools)) merged["tools"] = [...body.tools, ...(extraTools as unknown[])];
  const result = merged as unknown as GeminiChatRequest;
  // A thinking config given here asks for thoughts too (README: they arrive as reasoning_content),
  // unless it turns thinking off or says otherwise itself.
  const thinking = result.generationConfig?.thinkingConfig;
  if (thinking !== undefined && thinking.includeThoughts === undefined && thinking.thinkingBudget !== 0) {
    result.generationConfig = { ...result.generationConfig, thinkingConfig: { ...thinking, includeThoughts: true } };
  }
  return result;
}

function deepMerge(target: Record<string, unknown>, source: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(source)) {
    // Own keys only, set with defineProperty: `__proto__` is a key like any other here (Gemini will
    // say what it thinks of it), never the prototype, and Object.prototype is never merged into.
    const existing = Object.hasOwn(merged, key) ? merged[key] : undefined;
    const next = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
    Object.defineProperty(merged, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
