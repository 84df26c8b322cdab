// The unified request -> a dialect's native body, field by field from its surface: a field is taken
// as is, renamed (max_completion_tokens -> max_tokens, seed -> random_seed), honoured by onellm
// (stream_options where usage always comes), left out when it is OpenAI's default, or reported to the
// unsupported-parameter policy before anything is sent. Enum values are checked against the surface.
import { InvalidRequestError } from "../../errors.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import { translateMessages, type MessageRules } from "./openai-compatible-messages.js";
import { isDefaultValue, targetField, targetToolChoice, withoutExtraFields } from "./openai-compatible-rules.js";
import { emulateResponseFormat } from "./openai-compatible-json-mode.js";

type Json = Record<string, unknown>;

export function translateRequest(request: UnifiedRequest, rules: MessageRules, context: TranslateContext): Json {
  const { surface, reference } = rules;
  const native: Json = { model: context.model };
  const renamedFrom = new Map<string, string>();
  let instruction: string | undefined;
  for (const [field, value] of Object.entries(request)) {
    if (field === "model" || value === undefined) continue;
    if (field === "messages") {
      native["messages"] = translateMessages(request.messages, rules, context);
      continue;
    }
    const target = targetField(surface, field);
    if (target === undefined) {
      if (value === null || isDefaultValue(field, value)) continue;
      if (field === "stream_options" && rules.quirks.usageAlwaysStreamed) continue;
      if (surface.strict || reference.fields.includes(field)) context.unsupported(field);
      // A field OpenAI does not define, for a lenient dialect: the caller's own extension, forwarded.
      else native[field] = value;
      continue;
    }
    let checked: unknown;
    const emulation = target === "response_format" ? responseFormatEmulation(value, rules, context) : undefined;
    if (emulation !== undefined) {
      checked = emulation.format;
      instruction = emulation.instruction;
    } else {
      checked = checkValue(target, field, value, rules, context);
    }
    if (checked === undefined) continue;
    const earlier = renamedFrom.get(target);
    if (earlier !== undefined && native[target] !== checked) {
      throw new InvalidRequestError(
        `\`${earlier}\` and \`${field}\` are both set (to different values); ${context.provider} knows both as \`${target}\`: send one.`,
        field,
      );
    }
    renamedFrom.set(target, field);
    native[target] = checked;
  }
  if (instruction !== undefined && Array.isArray(native["messages"])) native["messages"] = [{ role: "system", content: instruction }, ...native["messages"]];
  return native;
}

/** A response_format of a type the dialect lacks but can emulate with one it has. */
function responseFormatEmulation(value: unknown, rules: MessageRules, context: TranslateContext) {
  const accepted = rules.surface.enums["response_format.type"];
  if (accepted === undefined || typeof value !== "object" || value === null) return undefined;
  const type = (value as Json)["type"];
  if (typeof type !== "string" || accepted.includes(type)) return undefined;
  return emulateResponseFormat(value as Json, accepted, context);
}

/** The value as the dialect takes it, or undefined when it was reported (and is not sent). */
function checkValue(target: string, field: string, value: unknown, rules: MessageRules, context: TranslateContext): unknown {
  const { surface, quirks } = rules;
  if (target === "tool_choice" && typeof value === "string") {
    const choice = targetToolChoice(surface, quirks, value);
    if (choice === undefined) context.unsupported(`tool_choice: "${value}"`, `${context.provider} takes ${listOf(surface.enums["tool_choice"])}`);
    return choice;
  }
  if (target === "tools" && Array.isArray(value)) return checkTools(value as Json[], rules, context);
  const accepted = surface.enums[target];
  if (accepted !== undefined && typeof value === "string" && !accepted.includes(value)) {
    context.unsupported(`${field}: "${value}"`, `${context.provider} takes ${listOf(accepted)}`);
    return undefined;
  }
  const tags = surface.enums[`${target}.type`];
  const tag = typeof value === "object" && value !== null ? (value as Json)["type"] : undefined;
  if (tags !== undefined && typeof tag === "string" && !tags.includes(tag)) {
    context.unsupported(`${field}.type: "${tag}"`, `${context.provider} takes ${listOf(tags)}`);
    return undefined;
  }
  return value;
}

function checkTools(tools: Json[], rules: MessageRules, context: TranslateContext): Json[] | undefined {
  const types = rules.surface.enums["tools[].type"];
  const kept = tools.filter((tool, index) => {
    const type = tool["type"];
    if (types === undefined || typeof type !== "string" || types.includes(type)) return true;
    context.unsupported(`tools[${index}] (type "${type}")`, `${context.provider} takes ${listOf(types)} tools`);
    return false;
  });
  if (kept.length === 0) return undefined;
  const fieldRules = { accepted: rules.surface.toolFields, reference: rules.reference.toolFields, strict: rules.surface.strict };
  const checked = kept.map((tool) => withoutExtraFields(tool, [], fieldRules, `tools[${tools.indexOf(tool)}]`, (parameter) => context.unsupported(parameter)));
  if (!rules.quirks.toolParametersRequired) return checked;
  return checked.map((tool) => {
    const fn = tool["function"] as Json | undefined;
    if (fn === undefined || fn["parameters"] !== undefined) return tool;
    // A function OpenAI lets declare no parameters takes none: the empty object schema says so.
    return { ...tool, function: { ...fn, parameters: { type: "object", properties: {} } } };
  });
}

function listOf(values: readonly string[] | undefined): string {
  return values === undefined || values.length === 0 ? "no value" : values.map((value) => `"${value}"`).join(", ");
}
