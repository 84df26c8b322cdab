// Reads an OpenAI-chat dialect's accepted request surface out of its spec: the request's top-level
// fields, each role's message fields and content-part types, the string values of enum-valued fields,
// and the fields of a tool call. Composition (allOf/anyOf/oneOf) and $refs are followed; nothing is
// guessed: a field the spec does not declare is not in the surface.
import type { DialectSurface, RoleSurface } from "../src/providers/openai-compatible/openai-compatible-surface.js";
import { GeneratorError } from "./generator-error.js";
import { isRecord, resolveRef, type OpenAPIDocument } from "./openapi.js";

type Schema = Readonly<Record<string, unknown>>;

const COMPOSITIONS = ["allOf", "anyOf", "oneOf"] as const;

/** The schema and every schema it is composed of, $refs resolved, depth first, each once. */
export function branches(document: OpenAPIDocument, schema: unknown): Schema[] {
  const found: Schema[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    const resolved = resolveRef(document, node);
    if (!isRecord(resolved) || seen.has(resolved)) return;
    seen.add(resolved);
    found.push(resolved);
    for (const key of COMPOSITIONS) {
      const members = resolved[key];
      if (Array.isArray(members)) for (const member of members) visit(member);
    }
  };
  visit(schema);
  return found;
}

/** Properties declared on the schema or any schema it is composed of (first declaration wins). */
export function propertiesOf(document: OpenAPIDocument, schema: unknown): Map<string, unknown> {
  const properties = new Map<string, unknown>();
  for (const branch of branches(document, schema)) {
    const own = branch["properties"];
    if (!isRecord(own)) continue;
    for (const [name, value] of Object.entries(own)) if (!properties.has(name)) properties.set(name, value);
  }
  return properties;
}

/** Whether the schema refuses properties it does not declare. */
function isStrict(document: OpenAPIDocument, schema: unknown): boolean {
  return branches(document, schema).some((branch) => branch["additionalProperties"] === false);
}

/**
 * String values a schema's enum / const allows, across its branches (null excluded), in spec order.
 * Empty when no branch lists any, or when one branch takes any string (Groq's tool `type`:
 * `anyOf: [{enum: [function, ...]}, {type: string}]` allows every value).
 */
export function stringValues(document: OpenAPIDocument, schema: unknown): string[] {
  const values: string[] = [];
  for (const branch of branches(document, schema)) {
    if (isOpenString(branch)) return [];
    const candidates = Array.isArray(branch["enum"]) ? branch["enum"] : "const" in branch ? [branch["const"]] : [];
    for (const value of candidates) if (typeof value === "string" && !values.includes(value)) values.push(value);
  }
  return values;
}

function isOpenString(branch: Schema): boolean {
  const type = branch["type"];
  const takesString = type === "string" || (Array.isArray(type) && type.includes("string"));
  return takesString && !Array.isArray(branch["enum"]) && !("const" in branch) && !COMPOSITIONS.some((key) => key in branch);
}

/** Object branches of a schema that declare properties. */
function objectBranches(document: OpenAPIDocument, schema: unknown): Schema[] {
  return branches(document, schema).filter((branch) => isRecord(branch["properties"]));
}

/** Item schemas of the schema's array branches. */
function arrayItems(document: OpenAPIDocument, schema: unknown): unknown[] {
  return branches(document, schema)
    .filter((branch) => branch["items"] !== undefined)
    .map((branch) => branch["items"]);
}

/** The object schemas an array `content` may hold. */
function partSchemas(document: OpenAPIDocument, content: unknown): Schema[] {
  return arrayItems(document, content).flatMap((item) => objectBranches(document, item));
}

/** Part types an array `content` may hold: the `type` tag of each part schema. */
function partTypes(document: OpenAPIDocument, content: unknown): string[] {
  const types: string[] = [];
  for (const part of partSchemas(document, content)) {
    for (const value of stringValues(document, (part["properties"] as Schema)["type"])) if (!types.includes(value)) types.push(value);
  }
  return types;
}

/** Fields a part carries besides `type` and its payload (the field named after its type). */
function partExtraFields(document: OpenAPIDocument, content: unknown): string[] {
  const fields: string[] = [];
  for (const part of partSchemas(document, content)) {
    const tags = stringValues(document, (part["properties"] as Schema)["type"]);
    for (const field of Object.keys(part["properties"] as Schema)) {
      if (field !== "type" && !tags.includes(field) && !fields.includes(field)) fields.push(field);
    }
  }
  return fields;
}

function roleSurfaceOf(document: OpenAPIDocument, schema: unknown): RoleSurface {
  const properties = propertiesOf(document, schema);
  return {
    fields: [...properties.keys()],
    parts: properties.has("content") ? partTypes(document, properties.get("content")) : [],
    strict: isStrict(document, schema),
  };
}

/** role -> the schema of that role's message, from a discriminator mapping or each member's role tag. */
function roleSchemas(document: OpenAPIDocument, items: unknown, where: string): Map<string, unknown> {
  const roles = new Map<string, unknown>();
  for (const branch of branches(document, items)) {
    const discriminator = branch["discriminator"];
    if (isRecord(discriminator) && discriminator["propertyName"] === "role" && isRecord(discriminator["mapping"])) {
      for (const [role, ref] of Object.entries(discriminator["mapping"])) roles.set(role, { $ref: ref });
      return roles;
    }
  }
  for (const message of objectBranches(document, items)) {
    for (const role of stringValues(document, (message["properties"] as Schema)["role"])) if (!roles.has(role)) roles.set(role, message);
  }
  if (roles.size === 0) throw new GeneratorError(`${where}: messages[] declares no role (neither a discriminator mapping nor a role enum)`);
  return roles;
}

/**
 * `tool_choice` -> its string values; `tool_choice.type` -> the tag of its object form;
 * `tools[].type` -> the tag of an array's items.
 */
function enumsOf(document: OpenAPIDocument, properties: Map<string, unknown>): Record<string, string[]> {
  const enums: Record<string, string[]> = {};
  for (const [field, schema] of properties) {
    if (field === "model" || field === "messages") continue;
    const direct = stringValues(document, schema);
    if (direct.length > 0) enums[field] = direct;
    const tags: string[] = [];
    for (const object of objectBranches(document, schema)) {
      for (const value of stringValues(document, (object["properties"] as Schema)["type"])) if (!tags.includes(value)) tags.push(value);
    }
    if (tags.length > 0) enums[`${field}.type`] = tags;
    const itemTags: string[] = [];
    for (const item of arrayItems(document, schema)) {
      for (const object of objectBranches(document, item)) {
        for (const value of stringValues(document, (object["properties"] as Schema)["type"])) if (!itemTags.includes(value)) itemTags.push(value);
      }
    }
    if (itemTags.length > 0) enums[`${field}[].type`] = itemTags;
  }
  return enums;
}

/** The accepted request surface of the spec's request schema `requestSchema`. */
export function readSurface(document: OpenAPIDocument, requestSchema: string, source: string): DialectSurface {
  const where = `${source}: components.schemas.${requestSchema}`;
  const request = { $ref: `#/components/schemas/${requestSchema.replaceAll("~", "~0").replaceAll("/", "~1")}` };
  const properties = propertiesOf(document, request);
  const messages = properties.get("messages");
  if (messages === undefined) throw new GeneratorError(`${where} has no messages property`);
  const items = arrayItems(document, messages)[0];
  if (items === undefined) throw new GeneratorError(`${where}: messages is not an array`);

  const roles: Record<string, RoleSurface> = {};
  let toolCallFields: string[] = [];
  const partFields = new Set<string>();
  for (const [role, schema] of roleSchemas(document, items, where)) {
    roles[role] = roleSurfaceOf(document, schema);
    const content = propertiesOf(document, schema).get("content");
    if (content !== undefined) for (const field of partExtraFields(document, content)) partFields.add(field);
    const toolCalls = propertiesOf(document, schema).get("tool_calls");
    if (role === "assistant" && toolCalls !== undefined) {
      toolCallFields = [...new Set(arrayItems(document, toolCalls).flatMap((call) => [...propertiesOf(document, call).keys()]))];
    }
  }
  return {
    source,
    strict: isStrict(document, request),
    fields: [...properties.keys()],
    roles,
    enums: enumsOf(document, properties),
    toolCallFields,
    partFields: [...partFields],
    toolFields: [...new Set(arrayItems(document, properties.get("tools")).flatMap((tool) => [...propertiesOf(document, tool).keys()]))],
  };
}
