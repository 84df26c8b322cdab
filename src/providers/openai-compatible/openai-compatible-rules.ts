// The rules every dialect shares, applied from its surface: which OpenAI field or role a dialect
// knows under another name, which message fields are onellm's own, which values are OpenAI's
// defaults (sending nothing behaves the same). Read by the translator and by README's table.
import type { DialectQuirks } from "./openai-compatible-dialect.js";
import { CONTENT_PART_KINDS, MESSAGE_ROLES, type ContentPartKind, type MessageRole, type Support } from "../request-fields.js";
import { roleSurface, type DialectSurface } from "./openai-compatible-surface.js";
import { responseFormatStandIn } from "./openai-compatible-json-mode.js";

/**
 * OpenAI fields a dialect may know only under another name: renamed when the surface lacks the
 * first and has the second. `seed` -> `random_seed` is Mistral's spelling; `max_completion_tokens`
 * is OpenAI's newer name for `max_tokens`, which most dialects still take only as `max_tokens`.
 */
export const FIELD_RENAMES: readonly (readonly [from: string, to: string])[] = [
  ["max_completion_tokens", "max_tokens"],
  ["seed", "random_seed"],
];

/** OpenAI's `developer` role is its newer name for `system`. */
export const ROLE_RENAMES: readonly (readonly [from: string, to: string])[] = [["developer", "system"]];

/**
 * Fields onellm adds to the messages it returns (`parsed` by the stream and parse helpers, as in
 * `openai`). A reply appended as-is carries them; a target that does not take them gets the message
 * without them (the contract: no warning, no error).
 */
export const ONELLM_MESSAGE_FIELDS: ReadonlySet<string> = new Set(["refusal", "annotations", "reasoning_content", "reasoning_details", "onellm", "parsed"]);

/**
 * What the stream and parse helpers (as `openai`'s) add to a returned message's tool call's
 * `function`: the arguments parsed. No provider takes it back.
 */
export const HELPER_FUNCTION_FIELDS: ReadonlySet<string> = new Set(["parsed_arguments"]);

/** A tool call's `function` as providers take it back: without the helpers' parsed arguments. */
export function withoutHelperFields(fn: unknown): unknown {
  if (typeof fn !== "object" || fn === null || !Object.keys(fn).some((key) => HELPER_FUNCTION_FIELDS.has(key))) return fn;
  return Object.fromEntries(Object.entries(fn).filter(([key]) => !HELPER_FUNCTION_FIELDS.has(key)));
}

/**
 * onellm's own fields on content parts and tools (Anthropic's prompt-cache breakpoints): a target
 * without them reports each to the unsupported-parameter policy.
 */
export const ONELLM_PART_FIELDS: ReadonlySet<string> = new Set(["cache_control"]);

/** onellm's own field on a returned tool call (Gemini's thought signature travels in it). */
export const ONELLM_TOOL_CALL_FIELDS: ReadonlySet<string> = new Set(["extra_content"]);

/** OpenAI's defaults: a dialect without the field behaves the same when it is not sent. */
export const DEFAULT_VALUES: Readonly<Record<string, unknown>> = {
  n: 1,
  stream: false,
  logprobs: false,
  parallel_tool_calls: true,
  tool_choice: "auto",
};

/**
 * The surface as the provider really takes it: minus what its documentation says it refuses, plus a
 * tool-call id constraint its spec does not state.
 */
export function effectiveSurface(surface: DialectSurface, quirks: DialectQuirks): DialectSurface {
  const fields = quirks.refusedFields ?? [];
  const messageFields = quirks.refusedMessageFields ?? [];
  if (quirks.toolCallId !== undefined) surface = { ...surface, toolCallId: quirks.toolCallId };
  if (fields.length === 0 && messageFields.length === 0) return surface;
  const roles = Object.fromEntries(
    Object.entries(surface.roles).map(([role, accepted]) => [role, { ...accepted, fields: accepted.fields.filter((field) => !messageFields.includes(field)) }]),
  );
  return { ...surface, fields: surface.fields.filter((field) => !fields.includes(field)), roles };
}

export interface ExtraFieldRules {
  /** The fields the target takes here. */
  readonly accepted: readonly string[];
  /** OpenAI's fields here: one the target lacks is reported, never forwarded. */
  readonly reference: readonly string[];
  /** The target refuses what it does not declare. */
  readonly strict: boolean;
}

/**
 * `object` without the fields the target does not take, each reported under `where.field` (onellm's
 * own, OpenAI's, or any for a strict target); a lenient target keeps a caller's own extension.
 * `skip` names the fields judged elsewhere (a part's type and payload).
 */
export function withoutExtraFields(
  object: Readonly<Record<string, unknown>>,
  skip: readonly string[],
  rules: ExtraFieldRules,
  where: string,
  report: (parameter: string) => void,
): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [field, value] of Object.entries(object)) {
    if (skip.includes(field) || rules.accepted.includes(field) || value === undefined) continue;
    const reported = value !== null && (rules.strict || ONELLM_PART_FIELDS.has(field) || rules.reference.includes(field));
    if (!reported && value !== null) continue;
    if (reported) report(`${where}.${field}`);
    copy ??= { ...object };
    delete copy[field];
  }
  return copy ?? (object as Record<string, unknown>);
}

export function isDefaultValue(field: string, value: unknown): boolean {
  return Object.prototype.hasOwnProperty.call(DEFAULT_VALUES, field) && DEFAULT_VALUES[field] === value;
}

/** The name a dialect knows `field` by, or undefined when it has no such field. */
export function targetField(surface: DialectSurface, field: string): string | undefined {
  if (surface.fields.includes(field)) return field;
  for (const [from, to] of FIELD_RENAMES) if (from === field && surface.fields.includes(to)) return to;
  return undefined;
}

/** The role a dialect knows `role` by, or undefined when it has none for it. */
export function targetRole(surface: DialectSurface, role: string): string | undefined {
  if (roleSurface(surface, role)) return role;
  for (const [from, to] of ROLE_RENAMES) if (from === role && roleSurface(surface, to)) return to;
  return undefined;
}

/** The `tool_choice` string a dialect takes for `value`, or undefined when it takes none. */
export function targetToolChoice(surface: DialectSurface, quirks: DialectQuirks, value: string): string | undefined {
  const renamed = quirks.toolChoiceValues?.[value];
  if (renamed !== undefined) return renamed;
  const accepted = surface.enums["tool_choice"];
  if (accepted === undefined || accepted.includes(value)) return value;
  // "any" is the older spelling of "required" (Mistral, Fireworks).
  if (value === "required" && accepted.includes("any")) return "any";
  return undefined;
}

export interface DialectSummary {
  /** OpenAI request fields the dialect takes as they are. */
  native: string[];
  /** `from -> to` renames (fields, roles, values). */
  renamed: string[];
  /** What onellm does for the dialect instead of sending it. */
  emulated: string[];
  /** OpenAI request fields, roles and content parts that go through the unsupported-parameter policy. */
  unsupported: string[];
}

const EMULATED_N = "n > 1: parallel requests";
const EMULATED_USAGE = "`include_usage`: usage always sent; delivered as asked";

/** How a dialect takes one OpenAI request field (`surface` already effective). */
function fieldSupport(surface: DialectSurface, quirks: DialectQuirks, nativeN: boolean, field: string, reference: DialectSurface): Support {
  const target = targetField(surface, field);
  if (field === "n" && !nativeN) return { support: "emulated", note: EMULATED_N };
  if (field === "stream_options" && target === undefined && quirks.usageAlwaysStreamed) return { support: "emulated", note: EMULATED_USAGE };
  if (target === undefined) return { support: "unsupported" };
  const renames = field === "tool_choice" ? Object.entries(quirks.toolChoiceValues ?? {}).map(([from, to]) => `"${from}" → "${to}"`) : [];
  const values = [...renames, ...valueNotes(surface, quirks, field, target, reference)];
  return { support: "native", ...(target === field ? {} : { as: target }), ...(values.length > 0 ? { note: values.join(", ") } : {}) };
}

/**
 * OpenAI's values of a field (or of its `type` tag) that the dialect does not take, as the
 * translator treats them: emulated with a value it has (response_format), else refused through the
 * unsupported-parameter policy. A field is native, yet not every value of it is.
 */
function valueNotes(surface: DialectSurface, quirks: DialectQuirks, field: string, target: string, reference: DialectSurface): string[] {
  const notes: string[] = [];
  for (const [own, theirs] of [[field, target], [`${field}.type`, `${target}.type`], [`${field}[].type`, `${target}[].type`]] as const) {
    const all = reference.enums[own];
    // A strict surface with no tool-type enum takes the tool types whose payload field it declares.
    const accepted = surface.enums[theirs] ?? (own === "tools[].type" && surface.strict ? all?.filter((type) => surface.toolFields.includes(type)) : undefined);
    if (all === undefined || accepted === undefined) continue;
    const renamed = own === "tool_choice" ? (quirks.toolChoiceValues ?? {}) : {};
    const refused: string[] = [];
    for (const value of all) {
      if (accepted.includes(value) || value in renamed) continue;
      const standIn = own === "response_format.type" ? responseFormatStandIn(value, accepted) : undefined;
      if (standIn !== undefined) notes.push(`"${value}" emulated with "${standIn}"`);
      else refused.push(`"${value}"`);
    }
    if (refused.length > 0) notes.push(`${refused.join(", ")} refused`);
  }
  return notes;
}

/** How a dialect takes a role (`surface` already effective). */
function roleSupport(surface: DialectSurface, role: string): Support {
  const target = targetRole(surface, role);
  if (target === undefined) return { support: "unsupported" };
  return { support: "native", ...(target === role ? {} : { as: target }) };
}

/** The part type a content-part kind is sent as, and whether it is a URL (not a data: URI). */
const PART_TYPES: Readonly<Record<ContentPartKind, { type: string; url?: boolean }>> = {
  text: { type: "text" },
  "image_url (https URL)": { type: "image_url", url: true },
  "image_url (data: URI)": { type: "image_url" },
  input_audio: { type: "input_audio" },
  audio_url: { type: "audio_url" },
  "file (file_data)": { type: "file" },
  "file (file_id)": { type: "file" },
};

export interface DialectClassification {
  /** OpenAI's request fields (those of `reference`), `model` and `messages` included. */
  fields: Map<string, Support>;
  roles: Map<MessageRole, Support>;
  parts: Map<ContentPartKind, Support>;
}

/** Whether `surface` takes audio only as input_audio, so onellm converts audio_url parts for it. */
export function convertsAudioUrl(surface: DialectSurface): boolean {
  const parts = roleSurface(surface, "user")?.parts ?? [];
  return parts.includes("input_audio") && !parts.includes("audio_url");
}

/** How a dialect takes every OpenAI field, role and content-part kind: docs/capabilities.md shows it. */
export function classifyDialect(surface: DialectSurface, quirks: DialectQuirks, nativeN: boolean, reference: DialectSurface): DialectClassification {
  surface = effectiveSurface(surface, quirks);
  const fields = new Map<string, Support>();
  for (const field of reference.fields) fields.set(field, field === "model" || field === "messages" ? { support: "native" } : fieldSupport(surface, quirks, nativeN, field, reference));
  const roles = new Map<MessageRole, Support>();
  for (const role of MESSAGE_ROLES) roles.set(role, roleSupport(surface, role));
  const userParts = roleSurface(surface, "user")?.parts ?? [];
  const parts = new Map<ContentPartKind, Support>();
  for (const kind of CONTENT_PART_KINDS) {
    const { type, url } = PART_TYPES[kind];
    if (kind === "audio_url" && convertsAudioUrl(surface)) {
      parts.set(kind, { support: "emulated", as: "input_audio", note: "downloaded safely; wav or mp3" });
    } else if (!userParts.includes(type)) parts.set(kind, { support: "unsupported" });
    else if (url === true && quirks.inlineImagesOnly) parts.set(kind, { support: "unsupported", note: "data: URIs only" });
    else parts.set(kind, { support: "native" });
  }
  return { fields, roles, parts };
}

/** How a dialect meets OpenAI's request, `reference` being OpenAI's own surface. README's table shows it. */
export function summarizeDialect(
  surface: DialectSurface,
  quirks: DialectQuirks,
  nativeN: boolean,
  reference: DialectSurface,
): DialectSummary {
  const summary: DialectSummary = { native: [], renamed: [], emulated: [], unsupported: [] };
  surface = effectiveSurface(surface, quirks);
  for (const field of reference.fields) {
    if (field === "model" || field === "messages") continue;
    const support = fieldSupport(surface, quirks, nativeN, field, reference);
    if (support.support === "emulated") {
      summary.emulated.push(support.note === EMULATED_N ? "`n` > 1 (parallel requests)" : "`stream_options.include_usage` (usage always sent; delivered as asked)");
      continue;
    }
    if (support.support === "unsupported") {
      summary.unsupported.push(`\`${field}\``);
      continue;
    }
    // Values the dialect lacks: tool_choice renames have their own entries in `renamed`.
    const values = valueNotes(surface, quirks, field, targetField(surface, field) ?? field, reference);
    const qualified = values.length === 0 ? "" : ` (${values.join(", ")})`;
    if (support.as !== undefined) summary.renamed.push(`\`${field}\` → \`${support.as}\`${qualified}`);
    else summary.native.push(`\`${field}\`${qualified}`);
  }
  for (const role of Object.keys(reference.roles)) {
    const support = roleSupport(surface, role);
    if (support.support === "unsupported") summary.unsupported.push(`role \`${role}\``);
    else if (support.as !== undefined) summary.renamed.push(`role \`${role}\` → \`${support.as}\``);
  }
  for (const [value, renamed] of Object.entries(quirks.toolChoiceValues ?? {})) summary.renamed.push(`tool_choice \`"${value}"\` → \`"${renamed}"\``);
  const userParts = roleSurface(surface, "user")?.parts ?? [];
  for (const field of quirks.refusedMessageFields ?? []) summary.unsupported.push(`\`messages[].${field}\``);
  if (convertsAudioUrl(surface)) summary.emulated.push("`audio_url` parts (downloaded, sent as `input_audio`)");
  for (const part of roleSurface(reference, "user")?.parts ?? []) {
    if (!userParts.includes(part)) summary.unsupported.push(`\`${part}\` parts`);
    else if (part === "image_url" && quirks.inlineImagesOnly) summary.unsupported.push("image URLs (data: URIs only)");
  }
  return summary;
}
