// A JSON Schema made to fit OpenAI's strict structured outputs (the rules `openai` applies to zod
// schemas): the root is an object; every object forbids unknown properties and lists every
// property as required; an optional property must be nullable instead; a `$ref` with siblings is
// inlined; a `null` default is dropped. Other providers accept the same schema (strict is the
// common subset), so one schema serves every target. No zod here: it works on plain JSON Schema.

type Schema = Record<string, unknown>;

const DOCS = "https://platform.openai.com/docs/guides/structured-outputs#all-fields-must-be-required";

/** A strict copy of `schema` (which is left unchanged). Throws, naming the path, where strict mode cannot express it. */
export function toStrictJsonSchema(schema: Schema): Schema {
  if (schema["type"] !== "object") {
    throw new Error(`Root schema must have type: 'object' but got type: ${schema["type"] === undefined ? "undefined" : `'${String(schema["type"])}'`}`);
  }
  const copy = structuredClone(schema);
  delete copy["$schema"];
  return makeStrict(copy, [], copy);
}

function makeStrict(node: unknown, path: readonly string[], root: Schema): Schema {
  if (!isObject(node)) throw new TypeError(`Expected an object schema at ${describe(path)}, got ${JSON.stringify(node)}`);
  for (const key of ["$defs", "definitions"] as const) {
    const definitions = node[key];
    if (isObject(definitions)) {
      for (const [name, definition] of Object.entries(definitions)) definitions[name] = makeStrict(definition, [...path, key, name], root);
    }
  }
  if (node["type"] === "object" && !("additionalProperties" in node)) node["additionalProperties"] = false;

  const properties = node["properties"];
  if (isObject(properties)) {
    const required = Array.isArray(node["required"]) ? (node["required"] as unknown[]) : [];
    for (const [name, property] of Object.entries(properties)) {
      if (!required.includes(name) && !isNullable(property)) {
        throw new Error(
          `Zod field at \`${[...path, "properties", name].join("/")}\` uses \`.optional()\` without \`.nullable()\`, which strict structured outputs do not support: use \`.nullable()\` (or \`.optional().nullable()\`). See ${DOCS}`,
        );
      }
      properties[name] = makeStrict(property, [...path, "properties", name], root);
    }
    node["required"] = Object.keys(properties);
  }
  if (isObject(node["items"])) node["items"] = makeStrict(node["items"], [...path, "items"], root);
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = node[key];
    if (Array.isArray(branches)) node[key] = branches.map((branch, index) => makeStrict(branch, [...path, key, String(index)], root));
  }
  const allOf = node["allOf"];
  if (Array.isArray(allOf)) {
    if (allOf.length === 1) {
      delete node["allOf"];
      Object.assign(node, makeStrict(allOf[0], [...path, "allOf", "0"], root));
    } else {
      node["allOf"] = allOf.map((branch, index) => makeStrict(branch, [...path, "allOf", String(index)], root));
    }
  }
  if (node["default"] === null) delete node["default"];

  const ref = node["$ref"];
  if (typeof ref === "string" && Object.keys(node).length > 1) {
    // Strict mode refuses keywords beside a $ref: inline the target, the node's own keywords winning.
    const target = resolveRef(root, ref);
    delete node["$ref"];
    for (const [key, value] of Object.entries(structuredClone(target))) if (!(key in node)) node[key] = value;
    return makeStrict(node, path, root);
  }
  return node;
}

function isNullable(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  const type = schema["type"];
  if (type === "null" || (Array.isArray(type) && type.includes("null"))) return true;
  return [...asArray(schema["anyOf"]), ...asArray(schema["oneOf"])].some(isNullable);
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith("#/")) throw new Error(`Unexpected $ref format ${JSON.stringify(ref)}: only local refs (#/...) can be inlined`);
  let current: unknown = root;
  for (const token of ref.slice(2).split("/")) {
    const key = token.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(current) || !(key in current)) throw new Error(`$ref ${ref} does not resolve (no ${JSON.stringify(key)})`);
    current = current[key];
  }
  if (!isObject(current)) throw new Error(`$ref ${ref} resolves to ${JSON.stringify(current)}, not a schema object`);
  return current;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(path: readonly string[]): string {
  return path.length === 0 ? "the root" : `\`${path.join("/")}\``;
}
