// Runs every emitter over the loaded specs, in memory. generate writes the result, --check compares it.
import { emitBarrels } from "./emitters/barrels.js";
import { emitClient } from "./emitters/clients.js";
import { emitMapping } from "./emitters/mapping.js";
import { emitStarters } from "./emitters/starters.js";
import { emitSurface } from "./emitters/surface.js";
import { emitTypes } from "./emitters/types.js";
import { GeneratorError } from "./generator-error.js";
import type { GeneratedFile } from "./output-paths.js";
import type { LoadedSpec, ProviderSpec } from "./spec-files.js";
import { readSurface } from "./surface.js";
import { renderProviderTable, renderTranslatedTable } from "./readme-table.js";
import { renderCapabilities } from "./capability-doc.js";
import { CAPABILITY_TABLE } from "../src/models/capability-table.js";
import { TRANSLATED_DECLARATIONS } from "./translated-declarations.js";
import { AZURE_DIALECT } from "../src/providers/azure/azure-dialect.js";
import { DIALECTS, OPENAI_DIALECT } from "../src/providers/openai-compatible/openai-compatible-dialects.js";
import type { DialectSurface } from "../src/providers/openai-compatible/openai-compatible-surface.js";
import type { DialectDefinition } from "../src/providers/openai-compatible/openai-compatible-dialect.js";

export interface ProviderStarter {
  readonly provider: string;
  readonly files: readonly GeneratedFile[];
}

export interface Emission {
  /** Everything under generated/, sorted by path. */
  readonly generated: readonly GeneratedFile[];
  /** README's provider table (undefined when the specs hold no OpenAI spec to compare dialects with). */
  readonly providerTable: string | undefined;
  /** README's table of translated providers, from their declarations. */
  readonly translatedTable: string;
  /** docs/capabilities.md (undefined without an OpenAI spec, as the provider table). */
  readonly capabilities: string | undefined;
  /** Starter files per provider, written only where src/providers/<p>/ does not exist. */
  readonly starters: readonly ProviderStarter[];
}

export async function emitAll(specs: readonly LoadedSpec[]): Promise<Emission> {
  const generated: GeneratedFile[] = [];
  const starters: ProviderStarter[] = [];
  // Every spec's problems in one run, rather than one spec per attempt.
  const problems: string[] = [];
  for (const spec of specs) {
    try {
      generated.push(...(await emitTypes(spec)));
      if (spec.kind === "provider") {
        const mapping = emitMapping(spec);
        generated.push(...emitClient(spec), ...mapping);
        // An OpenAI dialect is served by the shared adapter: it gets its surface, not a folder of its own;
        // a spec served by another provider's folder (implementedBy) gets no starter folder either.
        if (spec.config.dialect === "openai") {
          generated.push(...emitSurface(spec));
        } else if (spec.config.implementedBy === undefined) {
          starters.push({
            provider: spec.config.provider,
            files: mapping.flatMap((translator) => emitStarters(spec.config.provider, translator)),
          });
        }
      }
    } catch (error) {
      if (!(error instanceof GeneratorError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) {
    throw new GeneratorError(problems.join("\n\n"));
  }
  generated.push(...emitBarrels(specs));

  const paths = generated.map((file) => file.path);
  const duplicate = paths.find((filePath, index) => paths.indexOf(filePath) !== index);
  if (duplicate !== undefined) {
    throw new GeneratorError(`two emitters wrote ${duplicate}`);
  }
  const dialects = dialectInputs(specs);
  return {
    providerTable: dialects === undefined ? undefined : renderProviderTable({ ...dialects, passthrough: [AZURE_DIALECT] }),
    translatedTable: renderTranslatedTable(TRANSLATED_DECLARATIONS),
    capabilities: dialects === undefined ? undefined : renderCapabilities({ ...dialects, passthrough: [AZURE_DIALECT], translated: TRANSLATED_DECLARATIONS, families: CAPABILITY_TABLE }),
    generated: generated.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    starters: starters.sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0)),
  };
}

/** Each dialect's definition and surface (spec surfaces read here, declared ones as declared), and OpenAI's as the reference. */
function dialectInputs(specs: readonly LoadedSpec[]): { reference: { definition: DialectDefinition; surface: DialectSurface }; dialects: { definition: DialectDefinition; surface: DialectSurface }[] } | undefined {
  const surfaces = new Map<string, DialectSurface>();
  for (const spec of specs) {
    if (spec.kind === "provider" && spec.config.dialect === "openai") {
      surfaces.set(spec.config.provider, readSurface(spec.document, (spec as ProviderSpec).config.schemas.request, spec.path));
    }
  }
  const reference = surfaces.get("openai");
  if (reference === undefined) return undefined;
  const dialects = DIALECTS.map((definition) => {
    const ref = definition.surface;
    const surface = "spec" in ref ? surfaces.get(ref.spec) : ref.declared;
    if (surface === undefined) throw new GeneratorError(`dialect ${definition.name} reads spec/providers/${"spec" in ref ? ref.spec : "?"}.yaml, which has no \`dialect: openai\``);
    return { definition, surface };
  });
  return { reference: { definition: OPENAI_DIALECT, surface: reference }, dialects };
}
