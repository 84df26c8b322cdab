// upstream document + overlays -> derived document. Pure apart from the
// documents it is given (which it does not mutate).

import YAML from "yaml";
import { applyOverlay, type Overlay } from "./overlay.js";
import { pruneUnreachable, sliceDocument, type SliceRoots } from "./slice.js";
import { completeDiscriminatorMappings, hoistBranchDescription, normalizeSchemas, stripProse, type ProseOptions } from "./transforms.js";
import { HTTP_METHODS, isObject, walk, type JsonObject } from "./walk.js";

export interface NamedOverlay {
  file: string;
  overlay: Overlay;
}

/** Parses upstream text: JSON when it is JSON (Anthropic's `.yaml` is), YAML otherwise; no shared nodes. */
export function parseUpstream(text: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = YAML.parse(text, { maxAliasCount: -1 });
  }
  if (!isObject(parsed)) throw new Error("upstream spec is not a mapping");
  // A JSON round trip unshares YAML aliases, so later in-place edits touch one place only.
  return JSON.parse(JSON.stringify(parsed)) as JsonObject;
}

function operationsIn(doc: JsonObject): SliceRoots["operations"] {
  const paths = isObject(doc["paths"]) ? doc["paths"] : {};
  return Object.entries(paths).flatMap(([path, item]) =>
    isObject(item) ? Object.keys(item).filter((key) => HTTP_METHODS.has(key)).map((method) => ({ path, method })) : [],
  );
}

/** Schema names the code generator reads from `x-onellm.schemas`. */
function onellmSchemas(doc: JsonObject): string[] {
  const meta = doc["x-onellm"];
  const schemas = isObject(meta) ? meta["schemas"] : undefined;
  return isObject(schemas) ? Object.values(schemas).map(String) : [];
}

/**
 * Slice (roots from every overlay's `keep`), strip prose (or, with `prose.keepDescriptions`, keep
 * each schema description's first paragraph), normalise schemas to OpenAPI 3.1, apply the overlays
 * in order, then drop whatever nothing reaches.
 */
export function deriveSpec(upstream: JsonObject, overlays: readonly NamedOverlay[], prose: ProseOptions = {}): JsonObject {
  const roots: SliceRoots = {
    operations: overlays.flatMap(({ overlay }) => overlay.keep.operations),
    schemas: overlays.flatMap(({ overlay }) => overlay.keep.schemas),
  };
  if (roots.operations.length === 0) throw new Error("no operations to keep: the first overlay needs keep.operations");
  const doc = structuredClone(sliceDocument(upstream, roots));
  stripProse(doc, prose);
  normalizeSchemas(doc);
  if (prose.keepDescriptions === true) walk(doc, hoistBranchDescription);
  for (const { file, overlay } of overlays) applyOverlay(doc, overlay, file);
  completeDiscriminatorMappings(doc);

  const meta = doc["x-onellm"];
  if (!isObject(meta)) throw new Error("derived spec has no x-onellm block (set it in the overlay)");
  const schemas = isObject(doc["components"]) && isObject(doc["components"]["schemas"]) ? doc["components"]["schemas"] : {};
  for (const name of onellmSchemas(doc)) {
    if (!isObject(schemas[name])) throw new Error(`x-onellm.schemas names ${name}, which is not in components.schemas`);
  }
  pruneUnreachable(doc, { operations: operationsIn(doc), schemas: [...(roots.schemas ?? []), ...onellmSchemas(doc)] });
  return doc;
}
