// Generic, provider-independent rewrites applied to every slice before its
// overlay. Each one is pure over the JSON tree (it mutates the given document
// in place and returns nothing) and idempotent.

import { isObject, isOperationPath, isResponsePath, walk, type JsonObject } from "./walk.js";

/** Vendor extensions that survive prose stripping (the generator reads them). */
const KEPT_EXTENSIONS = new Set(["x-onellm"]);

/**
 * Removes what only documentation uses: `description` (a response keeps the
 * first line of its, because OpenAPI requires it), `summary` (operations keep
 * theirs: redocly's operation-summary rule), `externalDocs`, `example(s)` and
 * vendor extensions (`x-oaiMeta`, `x-stainless-*`, `x-google-*`, ...).
 */
export function stripProse(doc: JsonObject, options: ProseOptions = {}): void {
  walk(doc, (node, path) => {
    for (const key of Object.keys(node)) {
      if (key.startsWith("x-") && !KEPT_EXTENSIONS.has(key)) delete node[key];
    }
    delete node["externalDocs"];
    delete node["example"];
    delete node["examples"];
    if (!isOperationPath(path)) delete node["summary"];
    const description = node["description"];
    if (isResponsePath(path) && typeof description === "string") {
      node["description"] = firstLine(description);
    } else if (options.keepDescriptions === true && typeof description === "string" && isSchemaPath(path)) {
      const kept = firstParagraph(description);
      if (kept === "") delete node["description"];
      else node["description"] = kept;
    } else {
      delete node["description"];
    }
  });
}

export interface ProseOptions {
  /**
   * Keep each schema's description, cut to its first paragraph (the unified spec: its descriptions
   * become the JSDoc users see in their editor). Everything else is stripped as usual.
   */
  keepDescriptions?: boolean;
}

/** A node under components.schemas: a schema, one of its properties, items or branches. */
function isSchemaPath(path: readonly string[]): boolean {
  return path[0] === "components" && path[1] === "schemas" && path.length >= 3;
}

/** Upstream links are site-relative (`/docs/guides/...`); in an editor only an absolute link works. */
const DOCS_ORIGIN = "https://platform.openai.com";

/**
 * The first paragraph of a Markdown description (up to the first blank line), its lines joined and
 * site-relative links made absolute. Later paragraphs (long examples, tables) stay upstream.
 */
export function firstParagraph(text: string): string {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "") {
      if (lines.length > 0) break;
      continue;
    }
    lines.push(trimmed);
  }
  return lines.join(" ").replace(/\]\((\/[^)\s]*)\)/g, `](${DOCS_ORIGIN}$1)`);
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ""
  );
}

/**
 * `{anyOf: [{type: number, description: D}, {type: "null"}]}` (OpenAI's form of a nullable field)
 * -> D moves up beside the anyOf. Code generators read a property's JSDoc from the property's own
 * schema, never from inside a branch, so without this `temperature` would show no documentation.
 * Only when exactly one branch is not the null type and the node has no description of its own.
 */
export function hoistBranchDescription(node: JsonObject): void {
  if (typeof node["description"] === "string") return;
  for (const key of COMPOSITIONS) {
    const branches = node[key];
    if (!Array.isArray(branches)) continue;
    const meaningful = branches.filter((branch) => !isNullSchema(branch));
    const only = meaningful[0];
    if (meaningful.length !== 1 || !isObject(only) || typeof only["description"] !== "string") continue;
    node["description"] = only["description"];
    delete only["description"];
    return;
  }
}

/** Keys that describe a schema rather than constrain it; they stay outside an anyOf wrapper. */
const ANNOTATION_KEYS = new Set(["title", "description", "default", "deprecated", "readOnly", "writeOnly", "$comment"]);

/**
 * OpenAPI 3.0 `nullable: true` -> JSON Schema 2020-12 (OpenAPI 3.1) null:
 * `type: [T, "null"]` when the schema has a type (and `null` joins its enum),
 * otherwise `anyOf: [<schema>, {type: "null"}]`. ajv (as Prism configures it)
 * throws on `nullable` without `type`, and Prism then silently skips request
 * validation, so this is what makes a broken request get its 422.
 */
export function convertNullableSchema(node: JsonObject): void {
  if (!("nullable" in node)) return;
  const nullable = node["nullable"] === true;
  delete node["nullable"];
  if (!nullable) return;

  const type = node["type"];
  if (typeof type === "string" || Array.isArray(type)) {
    const types: unknown[] = Array.isArray(type) ? [...type] : [type];
    if (!types.includes("null")) types.push("null");
    node["type"] = types;
    const values = node["enum"];
    if (Array.isArray(values) && !values.includes(null)) node["enum"] = [...values, null];
    return;
  }

  const constraintKeys = Object.keys(node).filter((key) => !ANNOTATION_KEYS.has(key));
  const anyOf = node["anyOf"];
  if (constraintKeys.length === 1 && constraintKeys[0] === "anyOf" && Array.isArray(anyOf)) {
    if (!anyOf.some(isNullSchema)) anyOf.push({ type: "null" });
    return;
  }
  const inner: JsonObject = {};
  for (const key of constraintKeys) {
    inner[key] = node[key];
    delete node[key];
  }
  node["anyOf"] = [inner, { type: "null" }];
}

function isNullSchema(schema: unknown): boolean {
  return isObject(schema) && schema["type"] === "null" && Object.keys(schema).length === 1;
}

/** OpenAPI 3.0 boolean `exclusiveMinimum/Maximum` -> the numeric 3.1 form. */
export function convertExclusiveBounds(node: JsonObject): void {
  const pairs = [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const;
  for (const [exclusive, bound] of pairs) {
    if (typeof node[exclusive] !== "boolean") continue;
    if (node[exclusive] === true && typeof node[bound] === "number") {
      node[exclusive] = node[bound];
      delete node[bound];
    } else {
      delete node[exclusive];
    }
  }
}

/**
 * Draft 2019-09 `$recursiveRef: "#"` inside a component that declares
 * `$recursiveAnchor: true` -> a plain `$ref` to that component (OpenAPI 3.1
 * tools and ajv's default draft do not know the 2019-09 keywords).
 */
export function convertRecursiveRefs(doc: JsonObject): void {
  const components = doc["components"];
  const schemas = isObject(components) && isObject(components["schemas"]) ? components["schemas"] : {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema)) continue;
    const anchored = schema["$recursiveAnchor"] === true;
    walk(schema, (node) => {
      delete node["$recursiveAnchor"];
      if (node["$recursiveRef"] === undefined) return;
      if (!anchored) throw new Error(`$recursiveRef in components/schemas/${name} without $recursiveAnchor`);
      delete node["$recursiveRef"];
      node["$ref"] = `#/components/schemas/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    });
  }
}

const COMPOSITIONS = ["allOf", "anyOf", "oneOf"] as const;

/**
 * `{allOf: [X]}` (likewise anyOf/oneOf) with nothing beside it is X. Upstream
 * uses that form to hang a description on a `$ref`; once the prose is gone it
 * only adds a level (and a redocly warning). Repeats while it applies.
 */
export function collapseSingleComposition(node: JsonObject): void {
  for (;;) {
    // A kept description beside the composition does not stop the collapse (the derived structure
    // must not depend on whether prose is kept); it stays, as the more specific text.
    const keys = Object.keys(node).filter((key) => key !== "description");
    const key = keys[0];
    if (keys.length !== 1 || !COMPOSITIONS.some((composition) => composition === key)) return;
    const branches = node[key as string];
    if (!Array.isArray(branches) || branches.length !== 1 || !isObject(branches[0])) return;
    const only = branches[0];
    const description = node["description"];
    delete node[key as string];
    Object.assign(node, only);
    if (typeof description === "string") node["description"] = description;
  }
}

/** `items` on a schema whose type cannot be an array constrains nothing; it only trips type-mismatch checks. */
export function dropInapplicableItems(node: JsonObject): void {
  const type = node["type"];
  if (!("items" in node) || type === undefined) return;
  const types = Array.isArray(type) ? type : [type];
  if (!types.includes("array")) delete node["items"];
}

/**
 * A `discriminator` without `mapping` makes openapi-typescript type the tag as the schema's NAME
 * (`role: "ChatCompletionRequestToolMessage"`), which no real request has. Each member's own
 * single-valued tag (`enum: [tool]` or `const`) gives the true mapping; when a member has none,
 * the discriminator is removed (it only misleads generators; validation uses the oneOf itself).
 */
export function completeDiscriminatorMappings(doc: JsonObject): void {
  walk(doc, (node) => {
    const discriminator = node["discriminator"];
    if (!isObject(discriminator) || isObject(discriminator["mapping"])) return;
    const property = discriminator["propertyName"];
    const members = node["oneOf"] ?? node["anyOf"];
    if (typeof property !== "string" || !Array.isArray(members)) {
      delete node["discriminator"];
      return;
    }
    const mapping: JsonObject = {};
    for (const member of members) {
      const ref = isObject(member) ? member["$ref"] : undefined;
      const value = typeof ref === "string" ? singleTagValue(resolveLocal(doc, ref), property) : undefined;
      if (value === undefined || typeof ref !== "string") {
        delete node["discriminator"];
        return;
      }
      mapping[value] = ref;
    }
    discriminator["mapping"] = mapping;
  });
}

function resolveLocal(doc: JsonObject, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let current: unknown = doc;
  for (const token of ref.slice(2).split("/")) {
    if (!isObject(current)) return undefined;
    current = current[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return current;
}

function singleTagValue(schema: unknown, property: string): string | undefined {
  if (!isObject(schema) || !isObject(schema["properties"])) return undefined;
  const tag = schema["properties"][property];
  if (!isObject(tag)) return undefined;
  if (typeof tag["const"] === "string") return tag["const"];
  const values = Array.isArray(tag["enum"]) ? tag["enum"].filter((value) => value !== null) : [];
  return values.length === 1 && typeof values[0] === "string" ? values[0] : undefined;
}

/** Runs the per-schema rewrites over the whole document and moves a 3.0 document to 3.1. */
export function normalizeSchemas(doc: JsonObject): void {
  convertRecursiveRefs(doc);
  walk(doc, (node) => {
    collapseSingleComposition(node);
    convertNullableSchema(node);
    convertExclusiveBounds(node);
    dropInapplicableItems(node);
  });
  if (typeof doc["openapi"] === "string" && doc["openapi"].startsWith("3.0")) doc["openapi"] = "3.1.0";
}
