// README's table of OpenAI-dialect providers, written by `npm run generate` from the same data the
// dialect adapter reads: each dialect's definition (prefix, key variable, base URL, quirks) and its
// accepted request surface (generated from its spec, or declared). A spec change that adds or drops
// a field changes the table; check:generated fails until it is regenerated.
import type { DialectDefinition } from "../src/providers/openai-compatible/openai-compatible-dialect.js";
import { summarizeDialect } from "../src/providers/openai-compatible/openai-compatible-rules.js";
import type { DialectSurface } from "../src/providers/openai-compatible/openai-compatible-surface.js";
import { GeneratorError } from "./generator-error.js";
import { CONTENT_PART_KINDS, MESSAGE_ROLES, type ProviderDeclarations, type Support } from "../src/providers/request-fields.js";

export const README = "README.md";
export const TABLE_START = "<!-- provider-table:start (written by npm run generate from the dialect surfaces; do not edit) -->";
export const TABLE_END = "<!-- provider-table:end -->";
export const TRANSLATED_START = "<!-- translated-table:start (written by npm run generate from src/providers/*/*-fields.ts; do not edit) -->";
export const TRANSLATED_END = "<!-- translated-table:end -->";

export interface TableInput {
  /** OpenAI itself first; every row is compared with its surface. */
  reference: { definition: DialectDefinition; surface: DialectSurface };
  /** Dialects that pass OpenAI's request through as it is (Azure OpenAI). */
  passthrough: readonly DialectDefinition[];
  dialects: readonly { definition: DialectDefinition; surface: DialectSurface }[];
}

function cell(values: readonly string[]): string {
  return values.length === 0 ? "—" : values.join(", ");
}

function sourceLink(surface: DialectSurface): string {
  const strict = surface.strict ? " (strict: unknown fields refused)" : "";
  return surface.source.startsWith("http") ? `[docs](${surface.source})${strict}` : `\`${surface.source}\`${strict}`;
}

function prefixOf(definition: DialectDefinition): string {
  const prefixes = [definition.name, ...(definition.aliases ?? [])].map((name) => `\`${name}/\``);
  // A bare model name means openai.
  if (definition.name === "openai") prefixes.push("none");
  return prefixes.join(" or ");
}

function keyOf(definition: DialectDefinition): string {
  const variable = `\`${definition.envPrefixes[0] ?? definition.name.toUpperCase()}_API_KEY\``;
  return definition.requiresApiKey ? variable : `${variable} (optional)`;
}

export function renderProviderTable(input: TableInput): string {
  const header = [
    "| provider | model prefix | key variable | default base URL | request surface | native | renamed | emulated | unsupported (policy applies) |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  const reference = input.reference;
  const passthroughRow = (definition: DialectDefinition) =>
    `| ${definition.label} | ${prefixOf(definition)} | ${keyOf(definition)} | \`${definition.defaultBaseURL}\` | ${sourceLink(reference.surface)} | every chat-completions field, passed through | — | — | — |`;
  const rows = [reference.definition, ...input.passthrough].map(passthroughRow);
  for (const { definition, surface } of input.dialects) {
    const summary = summarizeDialect(surface, definition.quirks, definition.nativeN, reference.surface);
    rows.push(
      `| ${definition.label} | ${prefixOf(definition)} | ${keyOf(definition)} | \`${definition.defaultBaseURL}\` | ${sourceLink(surface)} | ${cell(summary.native)} | ${cell(summary.renamed)} | ${cell(summary.emulated)} | ${cell(summary.unsupported)} |`,
    );
  }
  return [...header, ...rows].join("\n");
}

/** README with the text between the table markers replaced. */
export function replaceTable(readme: string, table: string, startMarker = TABLE_START, endMarker = TABLE_END): string {
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start === -1 || end === -1 || end < start) {
    throw new GeneratorError(`${README} must hold the provider table between\n  ${startMarker}\nand\n  ${endMarker}`);
  }
  return `${readme.slice(0, start + startMarker.length)}\n${table}\n${readme.slice(end)}`;
}

function described(field: string, support: Support): string {
  const model = support.dependsOn === undefined ? "" : " (per model)";
  const accepted = support.accepted === undefined ? "" : ` (${support.accepted.map((value) => JSON.stringify(value)).join(", ")} taken)`;
  return `\`${field}\`${accepted}${model}`;
}

/**
 * README's table of translated providers, from their declarations: each request field native,
 * renamed (native under another name), emulated or unsupported, and the roles and content parts
 * they refuse. docs/capabilities.md has the notes, roles, parts and model families.
 */
export function renderTranslatedTable(providers: readonly ProviderDeclarations[]): string {
  const rows = providers.map((declarations) => {
    const native: string[] = [];
    const renamed: string[] = [];
    const emulated: string[] = [];
    const refused: string[] = [];
    for (const [field, support] of Object.entries(declarations.fields)) {
      if (field === "model" || field === "messages") continue;
      if (support.support === "unsupported") refused.push(described(field, support));
      else if (support.support === "emulated") emulated.push(`${described(field, support)}${support.note === undefined ? "" : ` (${support.note})`}`);
      else if (support.as !== undefined) renamed.push(`${described(field, support)} → \`${support.as}\``);
      else native.push(described(field, support));
    }
    for (const role of MESSAGE_ROLES) if (declarations.roles[role].support === "unsupported") refused.push(`role \`${role}\``);
    for (const kind of CONTENT_PART_KINDS) if (declarations.parts[kind].support === "unsupported") refused.push(`\`${kind}\` parts`);
    const prefixes = declarations.prefixes.map((prefix) => `\`${prefix}/\``).join(" or ");
    return `| ${declarations.label} | ${prefixes} | ${cell(native)} | ${cell(renamed)} | ${cell(emulated)} | ${cell(refused)} |`;
  });
  return ["| provider | model prefix | native | renamed | emulated | unsupported (policy applies) |", "|---|---|---|---|---|---|", ...rows].join("\n");
}
