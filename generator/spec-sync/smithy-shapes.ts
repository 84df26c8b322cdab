// Smithy 2.0 JSON AST shapes -> JSON Schema (OpenAPI 3.1), as AWS's restJson1 protocol puts them on
// the wire: structures are closed objects (members renamed by @jsonName; members bound to the URL or
// headers are not in the body), unions are a oneOf of single-member objects, blobs are base64
// strings, timestamps epoch seconds unless @timestampFormat says otherwise, documents any JSON.
// Constraint traits become the matching keywords. Pure functions over the model.

import type { JsonObject } from "./walk.js";

export interface SmithyShape {
  type: string;
  members?: Record<string, SmithyMember>;
  member?: SmithyMember;
  key?: SmithyMember;
  value?: SmithyMember;
  traits?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface SmithyMember {
  target: string;
  traits?: Record<string, unknown>;
}

export type SmithyShapes = Readonly<Record<string, SmithyShape>>;

/** Traits that bind a member to the HTTP request or response outside the JSON body. */
export const HTTP_BINDING_TRAITS = [
  "smithy.api#httpLabel",
  "smithy.api#httpQuery",
  "smithy.api#httpQueryParams",
  "smithy.api#httpHeader",
  "smithy.api#httpPrefixHeaders",
  "smithy.api#httpResponseCode",
] as const;

const PRELUDE: Record<string, JsonObject> = {
  "smithy.api#String": { type: "string" },
  "smithy.api#Blob": { type: "string", contentEncoding: "base64" },
  "smithy.api#Boolean": { type: "boolean" },
  "smithy.api#PrimitiveBoolean": { type: "boolean" },
  "smithy.api#Byte": { type: "integer", format: "int8" },
  "smithy.api#PrimitiveByte": { type: "integer", format: "int8" },
  "smithy.api#Short": { type: "integer", format: "int16" },
  "smithy.api#PrimitiveShort": { type: "integer", format: "int16" },
  "smithy.api#Integer": { type: "integer", format: "int32" },
  "smithy.api#PrimitiveInteger": { type: "integer", format: "int32" },
  "smithy.api#Long": { type: "integer", format: "int64" },
  "smithy.api#PrimitiveLong": { type: "integer", format: "int64" },
  "smithy.api#Float": { type: "number", format: "float" },
  "smithy.api#PrimitiveFloat": { type: "number", format: "float" },
  "smithy.api#Double": { type: "number", format: "double" },
  "smithy.api#PrimitiveDouble": { type: "number", format: "double" },
  "smithy.api#BigInteger": { type: "integer" },
  "smithy.api#BigDecimal": { type: "number" },
  "smithy.api#Timestamp": { type: "number" },
  "smithy.api#Document": {},
  "smithy.api#Unit": { type: "object", additionalProperties: false },
};

/** `com.amazonaws.bedrockruntime#Message` -> `Message`. */
export function shapeName(id: string): string {
  const hash = id.indexOf("#");
  return hash === -1 ? id : id.slice(hash + 1);
}

export function isPrelude(id: string): boolean {
  return Object.hasOwn(PRELUDE, id);
}

export function hasTrait(traits: Record<string, unknown> | undefined, trait: string): boolean {
  return traits !== undefined && Object.hasOwn(traits, trait);
}

/** The schema for a member's target: a $ref to a named shape or the inline prelude schema. */
export function targetSchema(target: string): JsonObject {
  const prelude = PRELUDE[target];
  if (prelude !== undefined) return structuredClone(prelude);
  return { $ref: `#/components/schemas/${shapeName(target)}` };
}

/**
 * Constraint and documentation traits -> JSON Schema keywords, for the kind of value they sit on.
 * `kind` is the JSON type the schema describes (length means minLength on strings, minItems on lists).
 */
export function applyConstraintTraits(schema: JsonObject, traits: Record<string, unknown> | undefined, kind: string | undefined): void {
  if (traits === undefined) return;
  const documentation = traits["smithy.api#documentation"];
  if (typeof documentation === "string") schema["description"] = documentation;
  if (hasTrait(traits, "smithy.api#deprecated")) schema["deprecated"] = true;
  const length = traits["smithy.api#length"] as { min?: number; max?: number } | undefined;
  if (length !== undefined) {
    const [minKey, maxKey] = kind === "array" ? ["minItems", "maxItems"] : kind === "object" ? ["minProperties", "maxProperties"] : ["minLength", "maxLength"];
    if (length.min !== undefined) schema[minKey as string] = length.min;
    if (length.max !== undefined) schema[maxKey as string] = length.max;
  }
  const range = traits["smithy.api#range"] as { min?: number; max?: number } | undefined;
  if (range !== undefined) {
    if (range.min !== undefined) schema["minimum"] = range.min;
    if (range.max !== undefined) schema["maximum"] = range.max;
  }
  const pattern = traits["smithy.api#pattern"];
  if (typeof pattern === "string") schema["pattern"] = pattern;
  if (hasTrait(traits, "smithy.api#uniqueItems")) schema["uniqueItems"] = true;
  if (Object.hasOwn(traits, "smithy.api#default")) schema["default"] = traits["smithy.api#default"];
}

/** The JSON type a shape's values have, to pick the right constraint keywords. */
export function jsonKind(shapes: SmithyShapes, target: string): string | undefined {
  const prelude = PRELUDE[target];
  if (prelude !== undefined) return typeof prelude["type"] === "string" ? prelude["type"] : undefined;
  const shape = shapes[target];
  if (shape === undefined) return undefined;
  return shapeSchema(shapes, target, shape)["type"] as string | undefined;
}

/** A member's schema: the target's, with the member's own traits alongside. */
export function memberSchema(shapes: SmithyShapes, member: SmithyMember): JsonObject {
  const schema = targetSchema(member.target);
  applyConstraintTraits(schema, memberTraits(member), jsonKind(shapes, member.target));
  return schema;
}

/** A member's constraint traits (`required` belongs to the container; a timestamp format to the type). */
function memberTraits(member: SmithyMember): Record<string, unknown> | undefined {
  if (member.traits === undefined) return undefined;
  const { ["smithy.api#required"]: _required, ["smithy.api#timestampFormat"]: _format, ...rest } = member.traits;
  return rest;
}

/** The JSON property name of a member (restJson1 honours @jsonName). */
export function jsonName(name: string, member: SmithyMember): string {
  const renamed = member.traits?.["smithy.api#jsonName"];
  return typeof renamed === "string" ? renamed : name;
}

/** Timestamps: epoch seconds in restJson1 bodies unless the shape or member names a format. */
function timestampSchema(traits: Record<string, unknown> | undefined): JsonObject {
  const format = traits?.["smithy.api#timestampFormat"];
  if (format === "date-time") return { type: "string", format: "date-time" };
  if (format === "http-date") return { type: "string" };
  return { type: "number" };
}

/** A structure's JSON body: every member not bound to HTTP, closed to anything else. */
export function structureSchema(shapes: SmithyShapes, shape: SmithyShape): JsonObject {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    if (HTTP_BINDING_TRAITS.some((trait) => hasTrait(member.traits, trait))) continue;
    const property = jsonName(name, member);
    const schema = shapes[member.target]?.type === "timestamp" && member.traits?.["smithy.api#timestampFormat"] !== undefined
      ? timestampSchema(member.traits)
      : memberSchema(shapes, member);
    properties[property] = schema;
    if (hasTrait(member.traits, "smithy.api#required")) required.push(property);
  }
  const schema: JsonObject = { type: "object", properties };
  if (required.length > 0) schema["required"] = required;
  schema["additionalProperties"] = false;
  return schema;
}

/** A union: exactly one member set, as a oneOf of closed single-member objects. */
function unionSchema(shapes: SmithyShapes, shape: SmithyShape): JsonObject {
  const oneOf = Object.entries(shape.members ?? {}).map(([name, member]) => {
    const property = jsonName(name, member);
    return { type: "object", properties: { [property]: memberSchema(shapes, member) }, required: [property], additionalProperties: false };
  });
  return { oneOf };
}

function enumValues(shape: SmithyShape): unknown[] {
  return Object.entries(shape.members ?? {}).map(([name, member]) => member.traits?.["smithy.api#enumValue"] ?? name);
}

/** One named shape -> its component schema. Throws on shapes that are not data (operations, services). */
export function shapeSchema(shapes: SmithyShapes, id: string, shape: SmithyShape): JsonObject {
  let schema: JsonObject;
  switch (shape.type) {
    case "structure":
      schema = structureSchema(shapes, shape);
      break;
    case "union":
      schema = unionSchema(shapes, shape);
      break;
    case "list":
    case "set":
      if (shape.member === undefined) throw new Error(`${id}: list without member`);
      schema = { type: "array", items: memberSchema(shapes, shape.member) };
      if (shape.type === "set") schema["uniqueItems"] = true;
      break;
    case "map":
      if (shape.value === undefined) throw new Error(`${id}: map without value`);
      schema = { type: "object", additionalProperties: memberSchema(shapes, shape.value) };
      break;
    case "enum":
      schema = { type: "string", enum: enumValues(shape) };
      break;
    case "intEnum":
      schema = { type: "integer", enum: enumValues(shape) };
      break;
    case "timestamp":
      schema = timestampSchema(shape.traits);
      break;
    case "string": {
      schema = { type: "string" };
      // Smithy 1.0's @enum trait on a string.
      const legacy = shape.traits?.["smithy.api#enum"];
      if (Array.isArray(legacy)) schema["enum"] = legacy.map((entry) => (entry as { value: unknown }).value);
      break;
    }
    case "blob":
    case "boolean":
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
    case "bigInteger":
    case "bigDecimal":
    case "document":
      schema = targetSchema(`smithy.api#${shape.type.charAt(0).toUpperCase()}${shape.type.slice(1)}`);
      break;
    default:
      throw new Error(`${id}: a ${shape.type} shape is not data`);
  }
  applyConstraintTraits(schema, shape.traits, typeof schema["type"] === "string" ? schema["type"] : undefined);
  return schema;
}
