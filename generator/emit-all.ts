// Runs every emitter over the loaded specs, in memory. generate writes the result, --check compares it.
import { emitBarrels } from "./emitters/barrels.js";
import { emitClient } from "./emitters/clients.js";
import { emitMapping } from "./emitters/mapping.js";
import { emitStarters } from "./emitters/starters.js";
import { emitTypes } from "./emitters/types.js";
import { GeneratorError } from "./generator-error.js";
import type { GeneratedFile } from "./output-paths.js";
import type { LoadedSpec } from "./spec-files.js";

export interface ProviderStarter {
  readonly provider: string;
  readonly files: readonly GeneratedFile[];
}

export interface Emission {
  /** Everything under generated/, sorted by path. */
  readonly generated: readonly GeneratedFile[];
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
        // A spec served by another provider's folder gets no starter folder of its own.
        if (spec.config.implementedBy === undefined) starters.push({
          provider: spec.config.provider,
          files: mapping.flatMap((translator) => emitStarters(spec.config.provider, translator)),
        });
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
  return {
    generated: generated.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    starters: starters.sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0)),
  };
}
