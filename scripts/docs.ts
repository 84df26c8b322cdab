// `npm run docs`: the API reference. docs/api/index.html — the unified API (every field of
// spec/unified/openapi.yaml, request and response) as one self-contained Redocly page — and
// docs/api.md, the package's TypeScript surface. The HTML is built, not committed (docs/api/ is
// ignored); docs/api.md is committed and kept current by `npm run generate` / check:generated.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { API_REFERENCE, renderApiReference } from "../generator/api-reference.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const UNIFIED_SPEC = "spec/unified/openapi.yaml";

/** Builds the Redocly page of the unified spec at `output`. */
export function buildUnifiedReference(output: string): void {
  mkdirSync(path.dirname(output), { recursive: true });
  const redocly = path.join(ROOT, "node_modules", ".bin", "redocly");
  execFileSync(redocly, ["build-docs", path.join(ROOT, UNIFIED_SPEC), "--output", output, "--title", "onellm unified chat completions API"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

function main(): void {
  const html = path.join(ROOT, "docs", "api", "index.html");
  buildUnifiedReference(html);
  console.log(`  built    ${path.relative(ROOT, html)} (${UNIFIED_SPEC}, Redocly)`);
  writeFileSync(path.join(ROOT, API_REFERENCE), renderApiReference(ROOT));
  console.log(`  written  ${API_REFERENCE} (the TypeScript surface)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
