// The documents `npm run generate` writes outside generated/: README.md (its tables and its
// examples, between markers) and docs/capabilities.md. Computed in memory; generate writes what
// differs and check:generated fails on any difference.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Emission } from "./emit-all.js";
import { fillIncludes } from "./readme-includes.js";
import { README, replaceTable, TRANSLATED_END, TRANSLATED_START } from "./readme-table.js";
import { CAPABILITIES_DOC } from "./capability-doc.js";
import { API_REFERENCE, renderApiReference } from "./api-reference.js";

export interface DocumentFile {
  /** Relative to the project root. */
  readonly path: string;
  readonly contents: string;
  /** What generate fills in it (for messages). */
  readonly what: string;
}

/** README as generate leaves it: the given text with its generated parts replaced. */
export function generatedReadme(root: string, readme: string, emission: Emission): string {
  let wanted = emission.providerTable === undefined ? readme : replaceTable(readme, emission.providerTable);
  wanted = replaceTable(wanted, emission.translatedTable, TRANSLATED_START, TRANSLATED_END);
  wanted = fillIncludes(wanted, README, (file) => {
    const full = path.join(root, file);
    return existsSync(full) ? readFileSync(full, "utf8") : undefined;
  });
  return wanted;
}

/** Every document with the contents generate would give it. */
export function wantedDocuments(root: string, emission: Emission): DocumentFile[] {
  const readme = readFileSync(path.join(root, README), "utf8");
  const documents: DocumentFile[] = [{ path: README, contents: generatedReadme(root, readme, emission), what: "provider tables, examples" }];
  if (emission.capabilities !== undefined) documents.push({ path: CAPABILITIES_DOC, contents: emission.capabilities, what: "capability tables" });
  documents.push({ path: API_REFERENCE, contents: renderApiReference(root), what: "the TypeScript surface" });
  return documents;
}
