// index.ts barrels: one per provider, one over all providers, one for the unified types.
import { formatTypeScript } from "../format.js";
import { camelCase } from "../naming.js";
import { PROVIDERS_DIR, UNIFIED_DIR, providerDir, type GeneratedFile } from "../output-paths.js";
import { PROVIDER_SPEC_DIR, sha256, type LoadedSpec, type ProviderSpec } from "../spec-files.js";
import { banner, renderTemplate } from "../templates.js";

export function emitBarrels(specs: readonly LoadedSpec[]): GeneratedFile[] {
  const providers = specs
    .filter((spec): spec is ProviderSpec => spec.kind === "provider")
    .sort((a, b) => compare(a.config.provider, b.config.provider));
  const files: GeneratedFile[] = [];
  for (const spec of specs) {
    if (spec.kind === "unified") {
      files.push(barrel(`${UNIFIED_DIR}/index.ts`, "barrel-unified", { banner: banner(spec.path, spec.sha256) }));
    } else {
      const dir = providerDir(spec.config.provider);
      files.push(barrel(`${dir}/index.ts`, "barrel-provider", { banner: banner(spec.path, spec.sha256) }));
    }
  }
  if (providers.length > 0) {
    // Derived from every provider spec, so its banner hashes their (path, sha256) list.
    const fingerprint = sha256(providers.map((spec) => `${spec.path} ${spec.sha256}\n`).join(""));
    files.push(
      barrel(`${PROVIDERS_DIR}/index.ts`, "barrel-providers", {
        banner: banner(`${PROVIDER_SPEC_DIR}/*.yaml`, fingerprint),
        providers: providers.map((spec) => ({ name: spec.config.provider, namespace: camelCase(spec.config.provider) })),
      }),
    );
  }
  return files;
}

function barrel(path: string, template: "barrel-provider" | "barrel-providers" | "barrel-unified", data: object): GeneratedFile {
  return { path, contents: formatTypeScript(renderTemplate(template, data)) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
