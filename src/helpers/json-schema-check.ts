// A small JSON Schema checker for answers parsed against a plain (non-zod) schema. It covers what
// structured-output schemas use (OpenAI's strict subset and a little more): types, properties,
// required, additionalProperties, items/prefixItems, enum/const, anyOf/oneOf/allOf/not, local
// $refs, string/number/array bounds and pattern. Keywords it does not know (format,
// if/then/else, ...) are not checked rather than guessed at, so it never rejects a valid answer.
import type { SchemaIssue } from "../errors-parse.js";

type Schema = boolean | { [keyword: string]: unknown };

const MAX_ISSUES = 20;
const MAX_DEPTH = 64;

/** Every place `value` breaks `schema` (at most 20), as JSON pointers into the value. */
export function checkJsonSchema(schema: unknown, value: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const root = isObject(schema) ? schema : {};
  visit(schema as Schema, value, "", { root, issues, depth: 0 });
  return issues;
}

interface Walk {
  root: Record<string, unknown>;
  issues: SchemaIssue[];
  depth: number;
}

function visit(schema: Schema | undefined, value: unknown, path: string, walk: Walk): void {
  if (schema === undefined || schema === true || walk.issues.length >= MAX_ISSUES) return;
  if (schema === false) return report(walk, path, "no value is allowed here");
  if (!isObject(schema)) return;
  if (walk.depth > MAX_DEPTH) return report(walk, path, "schema nests too deeply (a $ref cycle?)");
  const deeper: Walk = { ...walk, depth: walk.depth + 1 };

  if (typeof schema["$ref"] === "string") {
    const target = resolveRef(walk.root, schema["$ref"]);
    if (target === undefined) return report(walk, path, `schema $ref ${schema["$ref"]} does not resolve`);
    visit(target, value, path, deeper);
  }
  if (!checkType(schema["type"], value, path, walk)) return;
  if ("const" in schema && !deepEqual(schema["const"], value)) {
    report(walk, path, `expected ${JSON.stringify(schema["const"])}, got ${preview(value)}`);
  }
  if (Array.isArray(schema["enum"]) && !schema["enum"].some((option) => deepEqual(option, value))) {
    report(walk, path, `expected one of ${schema["enum"].map((option) => JSON.stringify(option)).join(", ")}, got ${preview(value)}`);
  }
  checkCompositions(schema, value, path, deeper);
  if (typeof value === "string") checkString(schema, value, path, walk);
  else if (typeof value === "number") checkNumber(schema, value, path, walk);
  else if (Array.isArray(value)) checkArray(schema, value, path, deeper);
  else if (isObject(value)) checkObject(schema, value, path, deeper);
}

function checkType(type: unknown, value: unknown, path: string, walk: Walk): boolean {
  if (type === undefined) return true;
  const allowed = Array.isArray(type) ? type : [type];
  if (allowed.some((name) => typeof name === "string" && hasType(name, value))) return true;
  report(walk, path, `expected ${allowed.join(" or ")}, got ${typeName(value)}`);
  return false;
}

function hasType(name: string, value: unknown): boolean {
  switch (name) {
    case "null":
      return value === null;
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    default:
      // An unknown type name constrains nothing we can check.
      return true;
  }
}

function checkCompositions(schema: Record<string, unknown>, value: unknown, path: string, walk: Walk): void {
  if (Array.isArray(schema["allOf"])) for (const branch of schema["allOf"]) visit(branch as Schema, value, path, walk);
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    const passing = branches.filter((branch) => trial(branch as Schema, value, walk)).length;
    if (passing === 0) report(walk, path, `matches none of the ${key} branches (got ${preview(value)})`);
    else if (key === "oneOf" && passing > 1) report(walk, path, `matches ${passing} oneOf branches, expected exactly one`);
  }
  if (schema["not"] !== undefined && trial(schema["not"] as Schema, value, walk)) report(walk, path, "matches the schema under `not`");
}

/** Whether `value` passes `schema`, without reporting. */
function trial(schema: Schema, value: unknown, walk: Walk): boolean {
  const scratch: Walk = { root: walk.root, issues: [], depth: walk.depth };
  visit(schema, value, "", scratch);
  return scratch.issues.length === 0;
}

function checkString(schema: Record<string, unknown>, value: string, path: string, walk: Walk): void {
  const length = [...value].length;
  if (typeof schema["minLength"] === "number" && length < schema["minLength"]) {
    report(walk, path, `expected at least ${schema["minLength"]} characters, got ${length}`);
  }
  if (typeof schema["maxLength"] === "number" && length > schema["maxLength"]) {
    report(walk, path, `expected at most ${schema["maxLength"]} characters, got ${length}`);
  }
  if (typeof schema["pattern"] === "string") {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(schema["pattern"], "u");
    } catch {
      pattern = undefined; // a pattern JavaScript cannot compile is not checked
    }
    if (pattern && !pattern.test(value)) report(walk, path, `does not match the pattern ${schema["pattern"]}`);
  }
}

function checkNumber(schema: Record<string, unknown>, value: number, path: string, walk: Walk): void {
  const bound = (key: string, fails: (limit: number) => boolean, words: string) => {
    const limit = schema[key];
    if (typeof limit === "number" && fails(limit)) report(walk, path, `expected ${words} ${limit}, got ${value}`);
  };
  bound("minimum", (limit) => value < limit, ">=");
  bound("maximum", (limit) => value > limit, "<=");
  bound("exclusiveMinimum", (limit) => value <= limit, ">");
  bound("exclusiveMaximum", (limit) => value >= limit, "<");
  const step = schema["multipleOf"];
  if (typeof step === "number" && step > 0 && Math.abs(value / step - Math.round(value / step)) > 1e-9) {
    report(walk, path, `expected a multiple of ${step}, got ${value}`);
  }
}

function checkArray(schema: Record<string, unknown>, value: unknown[], path: string, walk: Walk): void {
  if (typeof schema["minItems"] === "number" && value.length < schema["minItems"]) {
    report(walk, path, `expected at least ${schema["minItems"]} items, got ${value.length}`);
  }
  if (typeof schema["maxItems"] === "number" && value.length > schema["maxItems"]) {
    report(walk, path, `expected at most ${schema["maxItems"]} items, got ${value.length}`);
  }
  if (schema["uniqueItems"] === true) {
    const seen = value.map((item) => JSON.stringify(item));
    if (new Set(seen).size !== seen.length) report(walk, path, "expected unique items");
  }
  const prefix = Array.isArray(schema["prefixItems"]) ? (schema["prefixItems"] as Schema[]) : [];
  value.forEach((item, index) => {
    const itemSchema = index < prefix.length ? prefix[index] : (schema["items"] as Schema | undefined);
    visit(itemSchema, item, `${path}/${index}`, walk);
  });
}

function checkObject(schema: Record<string, unknown>, value: Record<string, unknown>, path: string, walk: Walk): void {
  const properties = isObject(schema["properties"]) ? (schema["properties"] as Record<string, Schema>) : {};
  if (Array.isArray(schema["required"])) {
    for (const name of schema["required"]) {
      if (typeof name === "string" && !Object.prototype.hasOwnProperty.call(value, name)) {
        report(walk, `${path}/${escapePointer(name)}`, "is required but missing");
      }
    }
  }
  const count = Object.keys(value).length;
  if (typeof schema["minProperties"] === "number" && count < schema["minProperties"]) {
    report(walk, path, `expected at least ${schema["minProperties"]} properties, got ${count}`);
  }
  if (typeof schema["maxProperties"] === "number" && count > schema["maxProperties"]) {
    report(walk, path, `expected at most ${schema["maxProperties"]} properties, got ${count}`);
  }
  const additional = schema["additionalProperties"] as Schema | undefined;
  for (const [name, item] of Object.entries(value)) {
    const where = `${path}/${escapePointer(name)}`;
    if (Object.prototype.hasOwnProperty.call(properties, name)) visit(properties[name], item, where, walk);
    else if (additional === false) report(walk, where, "is not allowed (additionalProperties: false)");
    else visit(additional, item, where, walk);
  }
}

function resolveRef(root: Record<string, unknown>, ref: string): Schema | undefined {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return undefined;
  let current: unknown = root;
  for (const token of ref.slice(2).split("/")) {
    const key = decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = current[key];
  }
  return typeof current === "boolean" || isObject(current) ? (current as Schema) : undefined;
}

function report(walk: Walk, path: string, message: string): void {
  if (walk.issues.length < MAX_ISSUES) walk.issues.push({ path, message });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  return typeof value;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function escapePointer(name: string): string {
  return name.replace(/~/g, "~0").replace(/\//g, "~1");
}

function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => deepEqual(item, right[index]));
  }
  if (isObject(left) && isObject(right)) {
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((key) => deepEqual(left[key], right[key]));
  }
  return false;
}
