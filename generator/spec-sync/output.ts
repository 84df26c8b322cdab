// Deterministic serialisation of derived specs and the lock file.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import YAML from "yaml";
import type { JsonObject } from "./walk.js";

export function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Root keys first in this order (so `x-onellm` sits near the top), then the rest in source order. */
const ROOT_ORDER = ["openapi", "info", "x-onellm", "servers", "security", "tags", "paths", "components"];

export function orderRoot(doc: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of ROOT_ORDER) if (key in doc) out[key] = doc[key];
  for (const [key, value] of Object.entries(doc)) if (!(key in out)) out[key] = value;
  return out;
}

export interface HeaderSource {
  /** Upstream file, relative to the project root, forward slashes. */
  upstream: string;
  upstreamSha256: string;
  /** Overlay files applied, relative to the project root. */
  overlays: readonly string[];
}

export function headerComment(source: HeaderSource): string {
  return (
    `# Derived by npm run spec:sync from ${source.upstream} (sha256 ${source.upstreamSha256})` +
    ` + ${source.overlays.join(" + ")}. Do not edit.\n`
  );
}

/**
 * YAML text for a derived spec: header comment, then the document with its key
 * order as built, no line folding and no anchors (a shared object is written out
 * each time it occurs, so every file reads on its own). Scalars are quoted by
 * YAML 1.1 rules (no directive is written): the text reads the same in 1.2, and a
 * 1.1 parser (js-yaml, PyYAML) no longer turns `2023-06-01` into a date or
 * `OFF`/`n` into booleans.
 */
export function serializeSpec(doc: JsonObject, source: HeaderSource): string {
  const body = YAML.stringify(orderRoot(doc), { lineWidth: 0, aliasDuplicateObjects: false, version: "1.1" });
  return headerComment(source) + body;
}

function listFiles(directory: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(directory).sort();
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = join(directory, entry);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/**
 * `{ "<spec path relative to root>": "<sha256>" }` for every file under the
 * given spec directories, keys sorted, as written to spec/spec.lock.json.
 */
export function buildLock(root: string, directories: readonly string[]): string {
  const entries = directories
    .flatMap((directory) => listFiles(join(root, directory)))
    .map((file) => [relative(root, file).split(sep).join("/"), sha256(readFileSync(file))] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries), null, 2) + "\n";
}
