// generated/providers/<p>/surface.gen.ts: an OpenAI dialect's accepted request surface, read from its
// spec (see generator/surface.ts), as a typed constant the shared dialect adapter imports.
import { formatTypeScript } from "../format.js";
import { camelCase } from "../naming.js";
import { providerDir, type GeneratedFile } from "../output-paths.js";
import type { ProviderSpec } from "../spec-files.js";
import { readSurface } from "../surface.js";
import { banner } from "../templates.js";

/** Relative to generated/providers/<p>/. */
const SURFACE_MODULE = "../../../src/providers/openai-compatible/openai-compatible-surface.js";

export function surfaceConstName(provider: string): string {
  return `${camelCase(provider)}Surface`;
}

export function emitSurface(spec: ProviderSpec): GeneratedFile[] {
  const { provider, schemas } = spec.config;
  const surface = readSurface(spec.document, schemas.request, spec.path);
  const contents = [
    banner(spec.path, spec.sha256),
    `import type { DialectSurface } from ${JSON.stringify(SURFACE_MODULE)};`,
    "",
    `/** What ${provider}'s chat endpoint accepts, read from ${spec.path} (components.schemas.${schemas.request}). */`,
    `export const ${surfaceConstName(provider)}: DialectSurface = ${objectLiteral(surface)};`,
    "",
  ].join("\n");
  return [{ path: `${providerDir(provider)}/surface.gen.ts`, contents: formatTypeScript(contents) }];
}

/** JSON with identifier keys unquoted and lists of names on one line, as hand-written TypeScript would have them. */
function objectLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/\[\n((?:\s+"(?:[^"\\]|\\.)*",?\n)+)\s*\]/g, (_list, items: string) => `[${(items.match(/"(?:[^"\\]|\\.)*"/g) ?? []).join(", ")}]`)
    .replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, "$1$2:");
}
