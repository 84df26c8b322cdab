// `npm run docs`: the unified API's Redocly page builds (self-contained: no script from elsewhere),
// and docs/api.md lists every export each entry point has at run time.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ENTRIES, API_REFERENCE } from "../../generator/api-reference.js";
import { buildUnifiedReference } from "../../scripts/docs.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

describe("npm run docs", () => {
  it("builds the unified API reference from spec/unified/openapi.yaml into one self-contained page", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "onellm-docs-"));
    try {
      const output = path.join(dir, "index.html");
      buildUnifiedReference(output);
      const html = readFileSync(output, "utf8");
      expect(html).toContain("onellm unified chat completions API");
      for (const field of ["fallback_models", "reasoning_effort", "provider_options", "reasoning_details"]) expect(html).toContain(field);
      expect(html).not.toMatch(/<script[^>]+src="https?:/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(API_ENTRIES.map((entry) => [entry.specifier, entry.file] as const))("docs/api.md lists every run-time export of %s", async (specifier, file) => {
    const reference = readFileSync(path.join(ROOT, API_REFERENCE), "utf8");
    const section = reference.slice(reference.indexOf(`## \`${specifier}\``)).split(/\n## /)[0]!;
    const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    const names = Object.keys(module).filter((name) => name !== "default");
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(section, `${specifier} exports ${name}`).toContain(`#### \`${name}\``);
  });
});
