// messages[] for a dialect: each role, message field and content part is either taken by the
// target's surface, renamed, dropped as onellm's own (refusal, annotations, reasoning_*, onellm,
// tool_calls[].extra_content), or reported to the unsupported-parameter policy. Nothing unknown
// reaches a strict provider. Tool-call ids the dialect would refuse are rewritten (tool-call-ids.ts).
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import type { DialectQuirks } from "./openai-compatible-dialect.js";
import { adaptMistralPart } from "./openai-compatible-parts.js";
import { ToolCallIds } from "../tool-call-ids.js";
import { ONELLM_MESSAGE_FIELDS, ONELLM_TOOL_CALL_FIELDS, targetRole, withoutExtraFields, withoutHelperFields } from "./openai-compatible-rules.js";
import { roleSurface, type DialectSurface, type RoleSurface } from "./openai-compatible-surface.js";

type Json = Record<string, unknown>;

export interface MessageRules {
  readonly surface: DialectSurface;
  readonly quirks: DialectQuirks;
  /** OpenAI's own surface: a message field OpenAI defines but the target lacks is reported, never forwarded. */
  readonly reference: DialectSurface;
}

export function translateMessages(messages: UnifiedRequest["messages"], rules: MessageRules, context: TranslateContext): Json[] {
  const out: Json[] = [];
  const ids = ToolCallIds.of(messages, rules.surface.toolCallId);
  messages.forEach((message, index) => {
    const translated = translateMessage(message as unknown as Json, index, rules, ids, context);
    if (translated !== undefined) out.push(translated);
  });
  return out;
}

function translateMessage(message: Json, index: number, rules: MessageRules, ids: ToolCallIds, context: TranslateContext): Json | undefined {
  const role = String(message["role"]);
  const target = targetRole(rules.surface, role);
  const accepts = target === undefined ? undefined : roleSurface(rules.surface, target);
  if (target === undefined || accepts === undefined) {
    context.unsupported(`messages[${index}] (role "${role}")`, `${context.provider} takes the roles ${Object.keys(rules.surface.roles).join(", ")}`);
    return undefined;
  }
  const openaiFields = roleSurface(rules.reference, role)?.fields ?? [];
  const out: Json = { role: target };
  for (const [field, value] of Object.entries(message)) {
    if (field === "role" || value === undefined) continue;
    if (!accepts.fields.includes(field)) {
      if (ONELLM_MESSAGE_FIELDS.has(field) || value === null) continue;
      if (accepts.strict || openaiFields.includes(field)) {
        context.unsupported(`messages[${index}].${field}`);
        continue;
      }
      // A field neither OpenAI nor this dialect defines, for a lenient one: the caller's own extension.
      out[field] = value;
      continue;
    }
    if (field === "content") out[field] = translateContent(value, index, accepts, rules, context);
    else if (field === "tool_calls" && Array.isArray(value)) out[field] = translateToolCalls(value as Json[], index, rules.surface, ids, context);
    else if (field === "tool_call_id" && typeof value === "string") out[field] = ids.id(value);
    else out[field] = value;
  }
  return withRefusalAsText(message, out);
}

/**
 * A returned refusal (content null, `refusal` set) is what the assistant said: a dialect without
 * `refusal` gets it as the message's text, as the translated providers do, rather than an empty turn.
 */
function withRefusalAsText(message: Json, out: Json): Json {
  const refusal = message["refusal"];
  if (out["role"] !== "assistant" || "refusal" in out || typeof refusal !== "string" || refusal === "") return out;
  const content = out["content"];
  if (content !== undefined && content !== null && content !== "" && !(Array.isArray(content) && content.length === 0)) return out;
  return { ...out, content: refusal };
}

function translateContent(content: unknown, index: number, accepts: RoleSurface, rules: MessageRules, context: TranslateContext): unknown {
  if (!Array.isArray(content)) return content;
  const { quirks } = rules;
  const fieldRules = { accepted: rules.surface.partFields, reference: rules.reference.partFields, strict: accepts.strict };
  const kept: Json[] = [];
  (content as Json[]).forEach((original, partIndex) => {
    const type = String(original["type"]);
    const where = `messages[${index}].content[${partIndex}]`;
    const part = withoutExtraFields(original, ["type", type], fieldRules, where, (parameter) => context.unsupported(parameter));
    if (accepts.parts.length === 0 && type === "text") {
      kept.push(part);
      return;
    }
    if (!accepts.parts.includes(type)) {
      context.unsupported(`${where} (${type})`, `${context.provider} takes ${accepts.parts.length === 0 ? "only text" : accepts.parts.join(", ")} here`);
      return;
    }
    if (type === "image_url" && quirks.inlineImagesOnly && isRemoteImage(part)) {
      context.unsupported(`${where} (image_url by http(s) URL)`, `${context.provider} takes images only as data: URIs`);
      return;
    }
    const adapted = quirks.mistralParts ? adaptMistralPart(part, where, context) : part;
    if (adapted !== undefined) kept.push(adapted);
  });
  // A role whose content must be a string gets its text parts joined, which says the same.
  if (accepts.parts.length === 0) return kept.map((part) => String(part["text"] ?? "")).join("\n");
  return kept;
}

function isRemoteImage(part: Json): boolean {
  const image = part["image_url"];
  const url = typeof image === "string" ? image : typeof image === "object" && image !== null ? (image as Json)["url"] : undefined;
  return typeof url === "string" && /^https?:/i.test(url);
}

function translateToolCalls(calls: Json[], index: number, surface: DialectSurface, ids: ToolCallIds, context: TranslateContext): Json[] {
  return calls.map((call, callIndex) => {
    const out: Json = {};
    for (const [field, value] of Object.entries(call)) {
      if (value === undefined) continue;
      if (field === "id" && typeof value === "string") out[field] = ids.id(value);
      else if (field === "function") out[field] = withoutHelperFields(value);
      else if (surface.toolCallFields.includes(field)) out[field] = value;
      else if (!ONELLM_TOOL_CALL_FIELDS.has(field) && value !== null) context.unsupported(`messages[${index}].tool_calls[${callIndex}].${field}`);
    }
    return out;
  });
}
