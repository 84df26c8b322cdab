// A structure-aware walk over an OpenAPI document.
//
// A plain recursive walk cannot tell the keyword `description` from a schema
// property that happens to be called `description` (OpenAI's FunctionObject has
// one), or a response header called `x-request-id` from a vendor extension. So
// the walk knows which keys hold a map of *names* (properties, paths, headers,
// components.schemas, ...) and which hold *data* (enum, default, example, ...).
// The visitor is called on every object in keyword position: OpenAPI objects
// (operations, responses, media types, parameters) and schema objects.

export type JsonObject = { [key: string]: unknown };

/** Keys whose object value maps a user-chosen name to an object in keyword position. */
const NAME_MAP_KEYS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "paths",
  "webhooks",
  "responses",
  "content",
  "headers",
  "encoding",
  "links",
  "callbacks",
  "variables",
  "schemas",
  "parameters",
  "requestBodies",
  "securitySchemes",
  "pathItems",
]);

/** Keys whose value is data (instances, scopes, requirement lists): never walked. */
const DATA_KEYS = new Set(["example", "examples", "enum", "const", "default", "security", "mapping", "scopes", "required"]);

export const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

export type Visitor = (node: JsonObject, path: readonly string[]) => void;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Calls `visit` on `node` and then on every object in keyword position below it
 * (pre-order). The visitor may rewrite the node in place; the walk then descends
 * into the node's keys as they are after the visit.
 */
export function walk(node: unknown, visit: Visitor, path: readonly string[] = []): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, visit, [...path, String(index)]));
    return;
  }
  if (!isObject(node)) return;
  visit(node, path);
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYS.has(key) || key.startsWith("x-")) continue;
    if (NAME_MAP_KEYS.has(key) && isObject(value)) {
      for (const [name, child] of Object.entries(value)) walk(child, visit, [...path, key, name]);
      continue;
    }
    walk(value, visit, [...path, key]);
  }
}

/** True when the node at `path` is an operation object (paths./p.<method>). */
export function isOperationPath(path: readonly string[]): boolean {
  return path.length === 3 && path[0] === "paths" && HTTP_METHODS.has(path[2] ?? "");
}

/** True when the node at `path` is a response object (…responses.<code> or components.responses.<name>). */
export function isResponsePath(path: readonly string[]): boolean {
  return path.length >= 2 && path[path.length - 2] === "responses";
}

/** RFC 6901 token escaping. */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function toPointer(path: readonly string[]): string {
  return path.map((token) => "/" + escapePointerToken(token)).join("");
}

/** Splits a JSON pointer ("" or "/a/b") into unescaped tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`JSON pointer must start with "/": ${pointer}`);
  return pointer.slice(1).split("/").map(unescapePointerToken);
}

/** Tokens of a local `$ref` ("#/components/schemas/X"), URI-decoded; throws on remote refs. */
export function parseLocalRef(ref: string): string[] {
  if (!ref.startsWith("#")) throw new Error(`only local $refs are supported, found ${ref}`);
  return parsePointer(decodeURIComponent(ref.slice(1)));
}
