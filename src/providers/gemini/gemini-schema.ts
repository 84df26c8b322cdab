// The ONE converter from JSON Schema (what OpenAI-shaped tools carry) to Gemini's `Schema`, an
// OpenAPI 3.0 subset. What Gemini cannot express is left out and reported, never dropped silently:
// the caller turns each `dropped` entry into a response warning.
import type { GeminiSchema, GeminiSchemaType } from "./gemini-native.js";

export interface SchemaConversion {
  /** `undefined` for an object schema without properties at the root (Gemini rejects those). */
  schema: GeminiSchema | undefined;
  /** One human-readable entry per keyword that could not be expressed, e.g. "`additionalProperties` at /properties/meta". */
  dropped: string[];
  /** One entry per schema sent differently from how it was written (e.g. an untyped one sent as STRING). */
  changed: string[];
}

type Json = Record<string, unknown>;

const JSON_TYPES: Readonly<Record<string, GeminiSchemaType>> = {
  string: "STRING",
  number: "NUMBER",
  integer: "INTEGER",
  boolean: "BOOLEAN",
  array: "ARRAY",
  object: "OBJECT",
};

/** `format` values Gemini's Schema documents per type; others are left out with a note. */
const FORMATS: Partial<Record<GeminiSchemaType, readonly string[]>> = {
  STRING: ["enum", "date-time"],
  NUMBER: ["float", "double"],
  INTEGER: ["int32", "int64"],
};

/** Keywords this converter reads itself (everything else is reported). */
const HANDLED = new Set([
  "type", "nullable", "description", "title", "default", "example", "examples", "enum", "const", "format",
  "properties", "required", "items", "minItems", "maxItems", "minProperties", "maxProperties",
  "minimum", "maximum", "minLength", "maxLength", "pattern", "anyOf", "oneOf", "allOf", "$ref",
  "additionalProperties", "propertyOrdering",
]);

/** Keywords that may sit beside `anyOf` / `oneOf` and still be carried. */
const BESIDE_UNION = new Set(["type", "nullable", "description", "title", "default", "example", "examples", "anyOf", "oneOf"]);

/** Pure annotations: no effect on what the model may produce, so leaving them out loses nothing. */
const ANNOTATIONS = new Set(["$schema", "$id", "$comment", "$defs", "definitions", "readOnly", "writeOnly", "deprecated", "$anchor"]);

interface Walk {
  root: unknown;
  dropped: string[];
  changed: string[];
  /** `$ref`s being expanded on the current path (a repeat is recursion). */
  refs: string[];
}

/** Converts a JSON Schema; `dropped` lists what Gemini's Schema could not carry. */
export function toGeminiSchema(jsonSchema: unknown): SchemaConversion {
  const walk: Walk = { root: jsonSchema, dropped: [], changed: [], refs: [] };
  if (isObject(jsonSchema) && isEmptyObjectSchema(jsonSchema)) {
    // Gemini rejects an OBJECT with no properties; a function without parameters omits them.
    const additional = jsonSchema["additionalProperties"];
    if (additional !== undefined && additional !== false) note(walk, "`additionalProperties`", "");
    const required = jsonSchema["required"];
    if (Array.isArray(required) && required.length > 0) note(walk, `\`required\` ${JSON.stringify(required)} without matching \`properties\``, "");
    reportUnknownKeys(jsonSchema, "", walk);
    return { schema: undefined, dropped: walk.dropped, changed: walk.changed };
  }
  return { schema: convert(jsonSchema, "", walk), dropped: walk.dropped, changed: walk.changed };
}

function convert(node: unknown, pointer: string, walk: Walk): GeminiSchema {
  if (node === true || (isObject(node) && Object.keys(node).length === 0)) return asString(walk, "a schema that accepts any value", pointer);
  if (!isObject(node)) return asString(walk, `a ${node === false ? "schema that accepts nothing" : "non-object schema"}`, pointer);
  if (typeof node["$ref"] === "string") return convertRef(node, node["$ref"], pointer, walk);
  if (Array.isArray(node["allOf"])) return convert(mergeAllOf(node, pointer, walk), pointer, walk);

  const { types, nullable } = readTypes(node, pointer, walk);
  const union = readUnion(node, pointer, walk);
  if (union !== undefined) {
    const branches = union.branches.map((branch, index) => convert(branch, `${pointer}/${union.keyword}/${index}`, walk));
    const single = branches.length === 1 ? branches[0] : undefined;
    // Alternatives carry their own types; Gemini refuses TYPE_UNSPECIFIED, so the union itself has none.
    const base: GeminiSchema = single ? { ...single } : types.length === 1 ? { type: types[0] as GeminiSchemaType, anyOf: branches } : { anyOf: branches };
    if (nullable || union.nullable) base.nullable = true;
    copyAnnotations(node, base, pointer, walk);
    for (const key of Object.keys(node)) {
      if (HANDLED.has(key) && !BESIDE_UNION.has(key)) note(walk, `\`${key}\` next to \`${union.keyword}\``, pointer);
    }
    reportUnknownKeys(node, pointer, walk);
    return base;
  }
  if (types.length > 1) {
    // ["string", "number"]: one branch per type, each with the keywords that apply to it.
    const result: GeminiSchema = { anyOf: types.map((type) => convertTyped(node, type, pointer, walk, false)) };
    if (nullable) result.nullable = true;
    copyAnnotations(node, result, pointer, walk);
    reportUnknownKeys(node, pointer, walk);
    return result;
  }
  const type = types[0] ?? inferType(node);
  if (type === undefined) {
    const untyped = asString(walk, "a schema without a type", pointer);
    copyAnnotations(node, untyped, pointer, walk);
    reportUnknownKeys(node, pointer, walk);
    return untyped;
  }
  const result = convertTyped(node, type, pointer, walk, true);
  if (nullable) result.nullable = true;
  return result;
}

function convertTyped(node: Json, type: GeminiSchemaType, pointer: string, walk: Walk, annotate: boolean): GeminiSchema {
  const result: GeminiSchema = { type };
  if (annotate) copyAnnotations(node, result, pointer, walk);
  copyEnum(node, result, type, pointer, walk);
  copyFormat(node, result, type, pointer, walk);
  switch (type) {
    case "OBJECT":
      copyObject(node, result, pointer, walk);
      break;
    case "ARRAY":
      copyArray(node, result, pointer, walk);
      break;
    case "STRING":
      copyCount(node, result, "minLength", pointer, walk);
      copyCount(node, result, "maxLength", pointer, walk);
      if (typeof node["pattern"] === "string") result.pattern = node["pattern"];
      break;
    case "NUMBER":
    case "INTEGER":
      if (typeof node["minimum"] === "number") result.minimum = node["minimum"];
      if (typeof node["maximum"] === "number") result.maximum = node["maximum"];
      break;
    case "BOOLEAN":
    case "NULL":
    case "TYPE_UNSPECIFIED":
      break;
    default: {
      const exhaustive: never = type;
      throw new Error(`unhandled Gemini schema type ${String(exhaustive)}`);
    }
  }
  if (annotate) reportUnknownKeys(node, pointer, walk);
  return result;
}

function copyObject(node: Json, result: GeminiSchema, pointer: string, walk: Walk): void {
  const properties = node["properties"];
  if (isObject(properties)) {
    const converted: Record<string, GeminiSchema> = {};
    for (const [name, property] of Object.entries(properties)) {
      converted[name] = convert(property, `${pointer}/properties/${escapePointer(name)}`, walk);
    }
    result.properties = converted;
  }
  if (Array.isArray(node["required"])) {
    // Gemini rejects a `required` name that is not among the node's own properties ("property is
    // not defined"); JSON Schema allows it (the key must exist, with any value), so it is reported.
    const declared = new Set(Object.keys(result.properties ?? {}));
    const required = node["required"].filter((name): name is string => typeof name === "string");
    const undeclared = required.filter((name) => !declared.has(name));
    if (undeclared.length > 0) note(walk, `\`required\` ${JSON.stringify(undeclared)} without matching \`properties\``, pointer);
    const kept = required.filter((name) => declared.has(name));
    if (kept.length > 0) result.required = kept;
  }
  copyCount(node, result, "minProperties", pointer, walk);
  copyCount(node, result, "maxProperties", pointer, walk);
  if (Array.isArray(node["propertyOrdering"])) {
    result.propertyOrdering = node["propertyOrdering"].filter((name): name is string => typeof name === "string");
  }
  const additional = node["additionalProperties"];
  // `false` is what Gemini does anyway (only declared properties are produced); anything else is a map.
  if (additional !== undefined && additional !== false) note(walk, "`additionalProperties`", pointer);
}

function copyArray(node: Json, result: GeminiSchema, pointer: string, walk: Walk): void {
  const items = node["items"];
  if (Array.isArray(items)) note(walk, "tuple `items` (an array of schemas)", pointer);
  else if (items !== undefined) result.items = convert(items, `${pointer}/items`, walk);
  // Gemini rejects an ARRAY without `items` ("items: missing field"); no `items` means any item.
  result.items ??= asString(walk, "an array without `items`", `${pointer}/items`);
  copyCount(node, result, "minItems", pointer, walk);
  copyCount(node, result, "maxItems", pointer, walk);
}

/** Gemini's int64 counts travel as strings. */
function copyCount(
  node: Json,
  result: GeminiSchema,
  key: "minItems" | "maxItems" | "minLength" | "maxLength" | "minProperties" | "maxProperties",
  pointer: string,
  walk: Walk,
): void {
  const value = node[key];
  if (value === undefined) return;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) result[key] = String(value);
  else note(walk, `\`${key}\` ${JSON.stringify(value)} (not a non-negative integer)`, pointer);
}

function copyEnum(node: Json, result: GeminiSchema, type: GeminiSchemaType, pointer: string, walk: Walk): void {
  const values = Array.isArray(node["enum"]) ? node["enum"] : "const" in node ? [node["const"]] : undefined;
  if (values === undefined) return;
  const keyword = Array.isArray(node["enum"]) ? "enum" : "const";
  // A null member is how JSON Schema writes "or null" in an enum; Gemini says that with nullable.
  const nonNull = values.filter((value) => value !== null);
  if (nonNull.length < values.length) result.nullable = true;
  const strings = nonNull.filter((value): value is string => typeof value === "string");
  if (type === "STRING" && strings.length === nonNull.length && strings.length > 0) {
    result.enum = strings;
    if (result.format === undefined) result.format = "enum";
    return;
  }
  // Gemini's enum holds strings only, for STRING schemas; a numeric enum cannot be kept as numbers.
  if (nonNull.length > 0) note(walk, `\`${keyword}\` ${JSON.stringify(values)} on a ${type} schema (Gemini enums are strings only)`, pointer);
}

function copyFormat(node: Json, result: GeminiSchema, type: GeminiSchemaType, pointer: string, walk: Walk): void {
  const format = node["format"];
  if (format === undefined) return;
  if (typeof format === "string" && (FORMATS[type] ?? []).includes(format)) result.format = format;
  else note(walk, `\`format: ${JSON.stringify(format)}\` on a ${type} schema`, pointer);
}

function copyAnnotations(node: Json, result: GeminiSchema, pointer: string, walk: Walk): void {
  if (typeof node["description"] === "string") result.description = node["description"];
  if (typeof node["title"] === "string") result.title = node["title"];
  if ("default" in node) result.default = node["default"];
  if ("example" in node) result.example = node["example"];
  else if (Array.isArray(node["examples"]) && node["examples"].length > 0) result.example = node["examples"][0];
  if (node["nullable"] === true) result.nullable = true;
  if (node["examples"] !== undefined && !Array.isArray(node["examples"])) note(walk, "`examples` that is not an array", pointer);
}

function readTypes(node: Json, pointer: string, walk: Walk): { types: GeminiSchemaType[]; nullable: boolean } {
  const raw = node["type"];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const types: GeminiSchemaType[] = [];
  let nullable = false;
  for (const entry of list) {
    if (entry === "null") nullable = true;
    else if (typeof entry === "string" && JSON_TYPES[entry] !== undefined) types.push(JSON_TYPES[entry] as GeminiSchemaType);
    else note(walk, `\`type: ${JSON.stringify(entry)}\``, pointer);
  }
  // `{ type: "null" }` alone: Gemini's NULL type says exactly that.
  if (nullable && types.length === 0 && list.length > 0) return { types: ["NULL"], nullable: false };
  return { types, nullable };
}

interface Union {
  keyword: "anyOf" | "oneOf";
  branches: unknown[];
  /** A `{ type: "null" }` branch was folded into `nullable`. */
  nullable: boolean;
}

function readUnion(node: Json, pointer: string, walk: Walk): Union | undefined {
  const keyword = Array.isArray(node["anyOf"]) ? "anyOf" : Array.isArray(node["oneOf"]) ? "oneOf" : undefined;
  if (keyword === undefined) return undefined;
  if (keyword === "anyOf" && Array.isArray(node["oneOf"])) note(walk, "`oneOf` next to `anyOf`", pointer);
  const all = node[keyword] as unknown[];
  const branches = all.filter((branch) => !(isObject(branch) && branch["type"] === "null" && Object.keys(branch).length === 1));
  if (keyword === "oneOf" && branches.length > 1) note(walk, "`oneOf` exclusivity (sent as `anyOf`)", pointer);
  if (branches.length === 0) return undefined;
  return { keyword, branches, nullable: branches.length < all.length };
}

function inferType(node: Json): GeminiSchemaType | undefined {
  if (isObject(node["properties"])) return "OBJECT";
  if (node["items"] !== undefined) return "ARRAY";
  const values = Array.isArray(node["enum"]) ? node["enum"] : "const" in node ? [node["const"]] : undefined;
  if (values !== undefined && values.length > 0 && values.every((value) => typeof value === "string" || value === null)) return "STRING";
  if (typeof node["pattern"] === "string" || node["minLength"] !== undefined || node["maxLength"] !== undefined) return "STRING";
  if (typeof node["minimum"] === "number" || typeof node["maximum"] === "number") return "NUMBER";
  return undefined;
}

/** Local `$ref`s are inlined (lossless); a recursive one is cut to its bare type, with a note. */
function convertRef(node: Json, ref: string, pointer: string, walk: Walk): GeminiSchema {
  const target = resolvePointer(walk.root, ref);
  if (target === undefined) {
    return asString(walk, `\`$ref: ${JSON.stringify(ref)}\` (only local references into the same schema resolve)`, pointer);
  }
  const { $ref: _ref, ...siblings } = node;
  const merged: Json = isObject(target) ? { ...target, ...siblings } : siblings;
  if (walk.refs.includes(ref)) {
    note(walk, `the recursive \`$ref: ${JSON.stringify(ref)}\` (cut to its bare type)`, pointer);
    const { types } = readTypes(merged, pointer, { ...walk, dropped: [] });
    const type = types[0] ?? inferType(merged) ?? "STRING";
    const cut: GeminiSchema = type === "ARRAY" ? { type, items: { type: "STRING" } } : { type };
    if (typeof merged["description"] === "string") cut.description = merged["description"];
    return cut;
  }
  walk.refs.push(ref);
  try {
    return convert(merged, pointer, walk);
  } finally {
    walk.refs.pop();
  }
}

/** `allOf` members are merged into one schema: properties and `required` unioned, first value wins otherwise. */
function mergeAllOf(node: Json, pointer: string, walk: Walk): Json {
  const { allOf, ...rest } = node;
  const merged: Json = { ...rest };
  (allOf as unknown[]).forEach((member, index) => {
    const resolved = isObject(member) && typeof member["$ref"] === "string" ? resolvePointer(walk.root, member["$ref"]) : member;
    if (!isObject(resolved)) {
      note(walk, "an `allOf` member that is not an object schema", `${pointer}/allOf/${index}`);
      return;
    }
    for (const [key, value] of Object.entries(resolved)) {
      if (key === "properties" && isObject(value)) {
        merged["properties"] = { ...(isObject(merged["properties"]) ? merged["properties"] : {}), ...value };
      } else if (key === "required" && Array.isArray(value)) {
        const before = Array.isArray(merged["required"]) ? merged["required"] : [];
        merged["required"] = [...new Set([...before, ...value])];
      } else if (!(key in merged)) {
        merged[key] = value;
      } else if (JSON.stringify(merged[key]) !== JSON.stringify(value) && key !== "$ref") {
        note(walk, `\`allOf\` members that disagree on \`${key}\` (the first one was kept)`, pointer);
      }
    }
  });
  return merged;
}

function reportUnknownKeys(node: Json, pointer: string, walk: Walk): void {
  for (const key of Object.keys(node)) {
    if (HANDLED.has(key) || ANNOTATIONS.has(key)) continue;
    note(walk, `\`${key}\``, pointer);
  }
}

/** `{}` or `{ type: "object" }` with no properties: a function that takes no arguments. */
function isEmptyObjectSchema(node: Json): boolean {
  if (node["type"] !== undefined && node["type"] !== "object") return false;
  const properties = node["properties"];
  if (properties !== undefined && !(isObject(properties) && Object.keys(properties).length === 0)) return false;
  const structural = ["anyOf", "oneOf", "allOf", "$ref", "items", "enum", "const"];
  return structural.every((key) => node[key] === undefined);
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let current: unknown = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[decodeURIComponent(key)];
    if (current === undefined) return undefined;
  }
  return current;
}

/**
 * Gemini refuses TYPE_UNSPECIFIED ("must specify a type"), and its Schema has no "any value": a
 * schema that says nothing about its type is sent as STRING (the model can still write any text),
 * and the change is reported.
 */
function asString(walk: Walk, what: string, pointer: string): GeminiSchema {
  const entry = `${what} at ${pointer === "" ? "the root" : pointer} was sent as type STRING (Gemini's Schema has no type for any value, and refuses TYPE_UNSPECIFIED)`;
  if (!walk.changed.includes(entry)) walk.changed.push(entry);
  return { type: "STRING" };
}

function note(walk: Walk, what: string, pointer: string): void {
  const entry = `${what} at ${pointer === "" ? "the root" : pointer}`;
  if (!walk.dropped.includes(entry)) walk.dropped.push(entry);
}

function escapePointer(name: string): string {
  return name.replaceAll("~", "~0").replaceAll("/", "~1");
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
