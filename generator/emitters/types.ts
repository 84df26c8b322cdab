// openapi-typescript -> types.gen.ts for the unified spec and for each provider spec.
import openapiTS, { astToString, type OpenAPI3, type OpenAPITSOptions } from "openapi-typescript";
import { SyntaxKind } from "ts-morph";
import { findDiscriminatorConflicts } from "../discriminators.js";
import { createSourceFile, discardSourceFile, printSourceFile } from "../format.js";
import { GeneratorError } from "../generator-error.js";
import { UNIFIED_DIR, providerDir, type GeneratedFile } from "../output-paths.js";
import type { LoadedSpec } from "../spec-files.js";
import { banner } from "../templates.js";

/**
 * Chosen for precise types under our strict tsconfig:
 * - defaultNonNullable: false. openapi-typescript's default (true) makes every schema property with a
 *   `default` required, and it only spares parameters and inline request bodies: our request bodies are
 *   component schemas, so `temperature`, `n`, `stream`... would become mandatory to send.
 * - emptyObjectsUnknown: true. `type: object` with no properties (a JSON-schema or `args` object) allows
 *   any member, so `Record<string, unknown>`, not the default `Record<string, never>` that accepts nothing.
 * - alphabetize: true. Members sorted by name, so a spec that only reorders keys generates no diff.
 * - enum / enumValues / immutable / arrayLength / rootTypes: off. Unions instead of runtime `enum`
 *   objects, mutable request bodies a translator can build up, and no extra exports beside
 *   `components`/`paths`/`operations` (translator.gen.ts names the schemas a provider uses).
 * - additionalProperties: false. Honour the spec: no index signature unless it asks for one.
 */
export const OPENAPI_TS_OPTIONS: OpenAPITSOptions = {
  silent: true,
  alphabetize: true,
  defaultNonNullable: false,
  emptyObjectsUnknown: true,
  additionalProperties: false,
  enum: false,
  enumValues: false,
  immutable: false,
  arrayLength: false,
  rootTypes: false,
  excludeDeprecated: false,
};

export function typesPath(spec: LoadedSpec): string {
  const dir = spec.kind === "unified" ? UNIFIED_DIR : providerDir(spec.config.provider);
  return `${dir}/types.gen.ts`;
}

/** `options` is for tests; generate always uses OPENAPI_TS_OPTIONS. */
export async function emitTypes(spec: LoadedSpec, options = OPENAPI_TS_OPTIONS): Promise<GeneratedFile[]> {
  const conflicts = findDiscriminatorConflicts(spec.document);
  if (conflicts.length > 0) {
    throw new GeneratorError(
      `${spec.path}: ${conflicts.length} oneOf member(s) would be typed with a discriminator value their own schema forbids:\n  ${conflicts.join("\n  ")}\nGive each such discriminator a \`mapping\` (value -> $ref) in spec/overlays/, then run \`npm run spec:sync\`.`,
    );
  }
  // openapi-typescript rewrites parts of the document it is given (discriminator enums): hand it a copy.
  const nodes = await openapiTS(structuredClone(spec.document) as unknown as OpenAPI3, options);
  const file = createSourceFile(`${banner(spec.path, spec.sha256)}\n${astToString(nodes)}`);
  const anyType = file.getFirstDescendantByKind(SyntaxKind.AnyKeyword);
  if (anyType !== undefined) {
    const line = anyType.getStartLineNumber();
    discardSourceFile(file);
    throw new GeneratorError(`${spec.path}: openapi-typescript produced \`any\` (types.gen.ts line ${line}); check OPENAPI_TS_OPTIONS`);
  }
  return [{ path: typesPath(spec), contents: printSourceFile(file) }];
}
