// docs/api.md: the public TypeScript surface — every export of each package entry point, its kind,
// its signature and the first paragraph of its documentation — read by the TypeScript compiler from
// the entry points themselves, so it lists exactly what `import { ... } from "onellm-sdk"` offers.
// Written by `npm run generate` (and `npm run docs`), checked by check:generated.
import path from "node:path";
import ts from "typescript";

export const API_REFERENCE = "docs/api.md";

/** Package entry points (package.json "exports") and the source files they are built from. */
export const API_ENTRIES: readonly { specifier: string; file: string; about: string }[] = [
  { specifier: "onellm-sdk", file: "src/index.ts", about: "the client, its errors, streams, helpers and types" },
  { specifier: "onellm-sdk/helpers/zod", file: "src/helpers/zod.ts", about: "response formats and tools from zod 4 schemas (zod is an optional peer dependency)" },
  { specifier: "onellm-sdk/otel", file: "src/observability/otel.ts", about: "OpenTelemetry hooks (`@opentelemetry/api` is an optional peer dependency)" },
];

type Kind = "class" | "function" | "interface" | "type" | "variable" | "enum";

interface Entry {
  name: string;
  kind: Kind;
  summary: string;
  signature: string | undefined;
  members: { name: string; signature: string; summary: string }[];
}

const KIND_TITLES: Readonly<Record<Kind, string>> = {
  class: "Classes",
  function: "Functions",
  variable: "Values",
  enum: "Enums",
  interface: "Interfaces",
  type: "Types",
};

/** The first paragraph of a symbol's documentation, on one line. */
function summaryOf(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const paragraph = text.split(/\n\s*\n/)[0] ?? "";
  return paragraph.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}

function kindOf(symbol: ts.Symbol): Kind | undefined {
  const flags = symbol.flags;
  if (flags & ts.SymbolFlags.Class) return "class";
  if (flags & ts.SymbolFlags.Function) return "function";
  if (flags & ts.SymbolFlags.Enum) return "enum";
  if (flags & ts.SymbolFlags.Variable) return "variable";
  if (flags & ts.SymbolFlags.Interface) return "interface";
  if (flags & ts.SymbolFlags.TypeAlias) return "type";
  return undefined;
}

const PRINT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;

/** A signature on one line, or undefined when it would not fit one (a long type: read its JSDoc in your editor). */
function oneLine(text: string, limit = 160): string | undefined {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= limit ? flat.replace(/\|/g, "\\|") : undefined;
}

function signatureOf(symbol: ts.Symbol, kind: Kind, checker: ts.TypeChecker): string | undefined {
  const declaration = symbol.declarations?.[0];
  if (declaration === undefined) return undefined;
  if (kind === "function") {
    const signatures = checker.getTypeOfSymbolAtLocation(symbol, declaration).getCallSignatures();
    return signatures.map((signature) => oneLine(`${symbol.name}${checker.signatureToString(signature, undefined, PRINT)}`, 240)).filter(Boolean).join("<br>") || undefined;
  }
  if (kind === "type" && ts.isTypeAliasDeclaration(declaration)) return oneLine(`type ${symbol.name} = ${declaration.type.getText()}`);
  if (kind === "variable") return oneLine(`${symbol.name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, declaration), undefined, PRINT)}`);
  return undefined;
}

/** A class's public instance and static members (methods and properties), with their first doc paragraph. */
function membersOf(symbol: ts.Symbol, checker: ts.TypeChecker): Entry["members"] {
  const declaration = symbol.declarations?.find(ts.isClassDeclaration);
  if (declaration === undefined) return [];
  const members: Entry["members"] = [];
  for (const member of declaration.members) {
    const modifiers = ts.getCombinedModifierFlags(member);
    if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
    // Private names, `_internal` ones and well-known symbols (`[Symbol.species]`) are not the surface.
    if (member.name === undefined || ts.isPrivateIdentifier(member.name) || ts.isComputedPropertyName(member.name) || member.name.getText().startsWith("_")) continue;
    if (!ts.isMethodDeclaration(member) && !ts.isPropertyDeclaration(member) && !ts.isGetAccessorDeclaration(member)) continue;
    const memberSymbol = checker.getSymbolAtLocation(member.name);
    // `name` is Error's own, overridden by every error class.
    if (memberSymbol === undefined || memberSymbol.name === "name" || members.some((known) => known.name === memberSymbol.name)) continue;
    const isStatic = (modifiers & ts.ModifierFlags.Static) !== 0;
    const type = checker.getTypeOfSymbolAtLocation(memberSymbol, member);
    const call = ts.isMethodDeclaration(member) ? type.getCallSignatures()[0] : undefined;
    const text = call === undefined ? `${memberSymbol.name}: ${checker.typeToString(type, undefined, PRINT)}` : `${memberSymbol.name}${checker.signatureToString(call, undefined, PRINT)}`;
    members.push({ name: `${isStatic ? "static " : ""}${memberSymbol.name}`, signature: oneLine(text, 200) ?? memberSymbol.name, summary: summaryOf(memberSymbol, checker) });
  }
  return members;
}

function entriesOf(file: ts.SourceFile, checker: ts.TypeChecker): Entry[] {
  const module = checker.getSymbolAtLocation(file);
  if (module === undefined) return [];
  const entries: Entry[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const kind = kindOf(symbol);
    if (kind === undefined) continue;
    entries.push({
      name: exported.name,
      kind,
      summary: summaryOf(symbol, checker) || summaryOf(exported, checker),
      signature: signatureOf(symbol, kind, checker),
      members: kind === "class" ? membersOf(symbol, checker) : [],
    });
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function renderEntry(entry: Entry): string {
  const lines = [`#### \`${entry.name}\``, ""];
  if (entry.summary !== "") lines.push(entry.summary, "");
  if (entry.signature !== undefined) lines.push(`\`${entry.signature.replace(/\\\|/g, "|").replace(/<br>/g, "`<br>`")}\``, "");
  if (entry.members.length > 0) {
    lines.push("| member | signature | |", "|---|---|---|");
    for (const member of entry.members) lines.push(`| \`${member.name}\` | \`${member.signature}\` | ${member.summary} |`);
    lines.push("");
  }
  return lines.join("\n");
}

/** docs/api.md, from the entry points under `root`. */
export function renderApiReference(root: string): string {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  };
  const files = API_ENTRIES.map((entry) => path.join(root, entry.file));
  const program = ts.createProgram(files, options);
  const checker = program.getTypeChecker();
  const sections = API_ENTRIES.map((entry, index) => {
    const source = program.getSourceFile(files[index]!);
    if (source === undefined) throw new Error(`${entry.file} is not in the program`);
    const entries = entriesOf(source, checker);
    const groups = (Object.keys(KIND_TITLES) as Kind[])
      .map((kind) => [kind, entries.filter((candidate) => candidate.kind === kind)] as const)
      .filter(([, members]) => members.length > 0)
      .map(([kind, members]) => `### ${KIND_TITLES[kind]}\n\n${members.map(renderEntry).join("\n")}`);
    return `## \`${entry.specifier}\`\n\n${entry.about[0]!.toUpperCase()}${entry.about.slice(1)}: ${entries.length} exports.\n\n${groups.join("\n")}`;
  });
  const toc = API_ENTRIES.map((entry) => `- [\`${entry.specifier}\`](#${entry.specifier.replace(/[^a-z0-9]+/g, "")}) — ${entry.about}`).join("\n");
  return `<!-- Written by npm run generate (and npm run docs) from the package's entry points; do not edit. -->
# API reference: the TypeScript surface

Every export of the package's entry points, with its signature and the first paragraph of its
documentation (your editor shows the rest, examples included). The HTTP-level reference of the
unified request and response — every field of \`spec/unified/openapi.yaml\` — is built by
\`npm run docs\` into \`docs/api/index.html\` (Redocly). What each provider takes of the request is
in [capabilities.md](capabilities.md).

${toc}

${sections.join("\n\n")}`;
}
