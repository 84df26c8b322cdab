// docs/capabilities.md: what every provider takes of the unified request — each request field,
// role and content-part kind, natively (under which name), emulated or refused — and what each
// model family can do. Written by `npm run generate` from the data the code runs on: the translated
// providers' declarations (src/providers/<p>/<p>-fields.ts, read by their unsupported-parameter
// check), the OpenAI dialects' surfaces and quirks (read by the dialect translator), and the model
// capability table (src/models). A declaration that changes changes this document.
import type { CapabilityRow } from "../src/models/model-capabilities.js";
import type { DialectDefinition } from "../src/providers/openai-compatible/openai-compatible-dialect.js";
import { classifyDialect, type DialectClassification } from "../src/providers/openai-compatible/openai-compatible-rules.js";
import type { DialectSurface } from "../src/providers/openai-compatible/openai-compatible-surface.js";
import { CONTENT_PART_KINDS, MESSAGE_ROLES, type ContentPartKind, type MessageRole, type ProviderDeclarations, type Support } from "../src/providers/request-fields.js";

export const CAPABILITIES_DOC = "docs/capabilities.md";

export interface CapabilityInput {
  /** OpenAI's own surface: OpenAI and Azure OpenAI pass the request as it is. */
  reference: { definition: DialectDefinition; surface: DialectSurface };
  passthrough: readonly DialectDefinition[];
  dialects: readonly { definition: DialectDefinition; surface: DialectSurface }[];
  translated: readonly ProviderDeclarations[];
  families: readonly CapabilityRow[];
}

/** One column of a matrix: a provider's support for every row. */
interface Column {
  label: string;
  /** For note anchors. */
  name: string;
  /** The column whose declarations these are (Vertex AI's share Gemini's and Anthropic's): notes are listed under it. */
  owner: string;
  fields: ReadonlyMap<string, Support>;
  roles: ReadonlyMap<MessageRole, Support>;
  parts: ReadonlyMap<ContentPartKind, Support>;
}

const MARK: Readonly<Record<Support["support"], string>> = { native: "✓", emulated: "≈", unsupported: "✗" };

function anchor(...parts: string[]): string {
  return parts.join("-").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function shown(value: unknown): string {
  return `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
}

/** Notes this short stay in the cell; longer ones are listed under the table. */
const INLINE_NOTE_CHARS = 40;

/**
 * Long notes are listed under the table, once per provider whose declarations they are: Vertex AI's
 * columns share Gemini's and Anthropic's declarations, so their cells point at those notes.
 */
class Notes {
  private readonly anchors = new Map<string, string>();
  readonly sections = new Map<string, string[]>();

  constructor(owners: readonly string[]) {
    for (const owner of owners) this.sections.set(owner, []);
  }

  ref(support: Support, column: Column, row: string): string {
    if (support.note === undefined) return "";
    if (support.note.length <= INLINE_NOTE_CHARS) return ` (${support.note})`;
    const key = `${column.owner}\u0000${row}\u0000${support.note}`;
    let id = this.anchors.get(key);
    if (id === undefined) {
      id = anchor("note", column.owner, row);
      this.anchors.set(key, id);
      this.sections.get(column.owner)?.push(`- <a id="${id}"></a>\`${row}\`: ${support.note}`);
    }
    return ` [note](#${id})`;
  }
}

function cell(support: Support | undefined, column: Column, row: string, notes: Notes | undefined): string {
  if (support === undefined) return "—";
  const as = support.as === undefined ? "" : ` ${shown(support.as)}`;
  const accepted = support.accepted === undefined ? "" : ` (${support.accepted.map(shown).join(", ")} taken)`;
  const model = support.dependsOn === undefined ? "" : " per model";
  // Without a notes section (the dialect matrices, whose notes are short) the note is inline.
  const note = notes === undefined ? (support.note === undefined ? "" : ` (${support.note})`) : notes.ref(support, column, row);
  return `${MARK[support.support]}${as}${accepted}${model}${note}`;
}

function matrix(title: string, rows: readonly string[], columns: readonly Column[], pick: (column: Column, row: string) => Support | undefined, notes?: Notes): string {
  const header = `| ${title} | ${columns.map((column) => column.label).join(" | ")} |`;
  const rule = `|---|${columns.map(() => "---").join("|")}|`;
  const body = rows.map((row) => `| \`${row}\` | ${columns.map((column) => cell(pick(column, row), column, row, notes)).join(" | ")} |`);
  return [header, rule, ...body].join("\n");
}

function translatedColumn(declarations: ProviderDeclarations, all: readonly ProviderDeclarations[]): Column {
  const owner = all.find((candidate) => candidate.roles === declarations.roles) ?? declarations;
  return {
    label: declarations.label,
    name: declarations.name,
    owner: owner.label,
    fields: new Map(Object.entries(declarations.fields)),
    roles: new Map(MESSAGE_ROLES.map((role) => [role, declarations.roles[role]])),
    parts: new Map(CONTENT_PART_KINDS.map((kind) => [kind, declarations.parts[kind]])),
  };
}

function dialectColumn(definition: DialectDefinition, classification: DialectClassification): Column {
  return { label: definition.label, name: definition.name, owner: definition.label, ...classification };
}

/** The order fields are listed in (by topic); a field not named here follows, in OpenAI's spec order. */
const FIELD_ORDER = [
  "model", "messages", "stream", "stream_options", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "seed", "n",
  "presence_penalty", "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "tools", "tool_choice", "parallel_tool_calls", "functions",
  "function_call", "response_format", "reasoning_effort", "verbosity", "web_search_options", "modalities", "audio", "prediction", "user",
  "safety_identifier", "metadata", "store", "service_tier", "prompt_cache_key", "prompt_cache_retention", "prompt_cache_options", "moderation",
];

/** Every request field: OpenAI's and any a declaration adds, in FIELD_ORDER, then the rest. */
function fieldRows(input: CapabilityInput): string[] {
  const all = [...input.reference.surface.fields];
  for (const declarations of input.translated) for (const field of Object.keys(declarations.fields)) if (!all.includes(field)) all.push(field);
  return [...FIELD_ORDER.filter((field) => all.includes(field)), ...all.filter((field) => !FIELD_ORDER.includes(field))];
}

function messagesMatrix(columns: readonly Column[], notes?: Notes): string {
  return [
    matrix("role", MESSAGE_ROLES, columns, (column, row) => column.roles.get(row as MessageRole), notes),
    "",
    matrix("content part", CONTENT_PART_KINDS, columns, (column, row) => column.parts.get(row as ContentPartKind), notes),
  ].join("\n");
}

function thinking(row: CapabilityRow): string {
  return row.thinking === "none" ? "none" : row.thinking;
}

function familyTable(rows: readonly CapabilityRow[]): string {
  const yes = (value: boolean) => (value ? "yes" : "no");
  const sources = (text: string) => text.split("; ").map((source) => source.replace(/(https:\/\/\S+)/, "<$1>")).join("; ");
  return [
    "| family | model ids | thinking | `reasoning_effort` levels | thinking off | structured outputs | full JSON Schema | max output tokens | images | audio | penalties | system prompt | source |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      (row) =>
        `| ${row.family} | \`${row.match.source}\` | ${thinking(row)} | ${row.efforts.length === 0 ? "—" : row.efforts.join(", ")} | ${yes(row.thinkingOff)} | ${row.structuredOutputs} | ${yes(row.fullJsonSchema)} | ${row.maxOutputTokens.toLocaleString("en-US")} | ${yes(row.vision)} | ${yes(row.audio)} | ${yes(row.penalties)} | ${yes(row.systemInstruction)} | ${sources(row.source)} |`,
    ),
  ].join("\n");
}

export function renderCapabilities(input: CapabilityInput): string {
  const { reference } = input;
  const referenceClassification = classifyDialect(reference.surface, reference.definition.quirks, true, reference.surface);
  const openai = dialectColumn(reference.definition, referenceClassification);
  const translated = [openai, ...input.translated.map((declarations) => translatedColumn(declarations, input.translated))];
  const dialects = [...input.passthrough.map((definition) => dialectColumn(definition, referenceClassification)), ...input.dialects.map(({ definition, surface }) => dialectColumn(definition, classifyDialect(surface, definition.quirks, definition.nativeN, reference.surface)))];
  const fields = fieldRows(input);
  const notes = new Notes([...new Set(translated.map((column) => column.owner))]);
  const translatedFields = matrix("request field", fields, translated, (column, row) => column.fields.get(row), notes);
  const translatedMessages = messagesMatrix(translated, notes);
  const noteSections = [...notes.sections]
    .filter(([, lines]) => lines.length > 0)
    .map(([label, lines]) => `#### ${label}${label === "Google Gemini" || label === "Anthropic" ? ` (and Vertex AI's ${label === "Anthropic" ? "Claude" : "Gemini"})` : ""}\n\n${lines.join("\n")}`)
    .join("\n\n");
  const familyProviders = [...new Set(input.families.map((row) => row.provider))];
  return `<!-- Written by npm run generate from the providers' declarations, the dialect surfaces and src/models; do not edit. -->
# What each provider takes

Every request field, message role and content part of the unified request, for every provider:
taken natively (✓, under the provider's own name where it differs), emulated by onellm (≈), or refused
(✗: the \`unsupportedParams\` policy applies — by default an \`UnsupportedParameterError\` before anything
is sent; \`"warn"\` or \`"drop"\` send the request without it and say so in \`onellm.warnings\`). "per model"
means the model family decides: see [Model families](#model-families).

This page is generated by \`npm run generate\` from the data the code itself runs on, so it cannot
drift from it: the translated providers' declarations (\`src/providers/<provider>/<provider>-fields.ts\`,
read by their unsupported-parameter check and held to the translators by
\`test/providers/capability-declarations.test.ts\`), the OpenAI-compatible dialects' accepted request
surfaces (generated from their specs, or declared with their sources in
\`src/providers/openai-compatible/openai-compatible-declared.ts\`) and quirks, and the model capability
table (\`src/models/capability-table.ts\`). \`npm run check:generated\` fails in CI when it is stale.

## Translated providers

OpenAI, first, is the reference: its request is passed as it is.

### Request fields

${translatedFields}

### Messages

${translatedMessages}

### Notes

${noteSections}

## OpenAI-compatible providers

Each takes OpenAI's request shape, limited to its accepted surface; a strict provider (one that
refuses unknown fields) never receives a field it does not declare.

### Request fields

${matrix("request field", fields.filter((field) => referenceClassification.fields.has(field)), dialects, (column, row) => column.fields.get(row))}

### Messages

${messagesMatrix(dialects)}

## Model families

Where a provider's models differ (thinking, structured outputs, penalties, limits), the translators
read the family's row of \`src/models/capability-table.ts\`; the first row whose pattern matches the
model id wins, and the last row of each provider covers models newer than the table. Vertex AI's
dated Claude ids (\`claude-sonnet-4@20250514\`) are matched in Anthropic's spelling (\`claude-sonnet-4-20250514\`).

${familyProviders.map((provider) => `### ${provider === "google" ? "Google Gemini (and Vertex AI's Gemini)" : "Anthropic (and Vertex AI's Claude)"}\n\n${familyTable(input.families.filter((row) => row.provider === provider))}`).join("\n\n")}
`;
}
