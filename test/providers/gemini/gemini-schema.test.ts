import { describe, expect, it } from "vitest";
import { toGeminiSchema } from "../../../src/providers/gemini/gemini-schema.js";

/** The conversion without its `changed` list (asserted on its own below). */
function toGemini(input: unknown): { schema: unknown; dropped: string[] } {
  const { changed: _changed, ...rest } = toGeminiSchema(input);
  return rest;
}

describe("toGeminiSchema", () => {
  const lossless: [string, unknown, unknown][] = [
    ["uppercases primitive types", { type: "string" }, { type: "STRING" }],
    ["keeps integer bounds", { type: "integer", minimum: 1, maximum: 10 }, { type: "INTEGER", minimum: 1, maximum: 10 }],
    ["keeps description and title", { type: "boolean", description: "on?", title: "Flag" }, { type: "BOOLEAN", description: "on?", title: "Flag" }],
    ["turns a string enum into STRING + format enum", { type: "string", enum: ["c", "f"] }, { type: "STRING", enum: ["c", "f"], format: "enum" }],
    ["turns const into a one-value enum", { type: "string", const: "x" }, { type: "STRING", enum: ["x"], format: "enum" }],
    ["infers STRING for a typeless enum", { enum: ["a", "b"] }, { type: "STRING", enum: ["a", "b"], format: "enum" }],
    ["sends int64 counts as strings", { type: "array", items: { type: "number" }, minItems: 1, maxItems: 3 }, { type: "ARRAY", items: { type: "NUMBER" }, minItems: "1", maxItems: "3" }],
    ["keeps string length and pattern", { type: "string", minLength: 2, maxLength: 5, pattern: "^[a-z]+$" }, { type: "STRING", minLength: "2", maxLength: "5", pattern: "^[a-z]+$" }],
    ["keeps allowed formats", { type: "string", format: "date-time" }, { type: "STRING", format: "date-time" }],
    ["keeps number formats", { type: "number", format: "double" }, { type: "NUMBER", format: "double" }],
    ["maps a nullable type array to nullable", { type: ["string", "null"] }, { type: "STRING", nullable: true }],
    ["keeps OpenAPI-style nullable", { type: "integer", nullable: true }, { type: "INTEGER", nullable: true }],
    ["folds anyOf [X, null] into nullable X", { anyOf: [{ type: "string" }, { type: "null" }], description: "d" }, { type: "STRING", nullable: true, description: "d" }],
    ["keeps a real anyOf", { anyOf: [{ type: "string" }, { type: "integer" }] }, { anyOf: [{ type: "STRING" }, { type: "INTEGER" }] }],
    ["splits a multi-type array into anyOf", { type: ["string", "number"] }, { anyOf: [{ type: "STRING" }, { type: "NUMBER" }] }],
    ["maps examples[0] to example and keeps default", { type: "string", examples: ["a", "b"], default: "a" }, { type: "STRING", example: "a", default: "a" }],
    ["maps a lone null type to NULL", { type: "null" }, { type: "NULL" }],
    ["folds null in a nullable enum into nullable", { type: ["string", "null"], enum: ["c", "f", null] }, { type: "STRING", enum: ["c", "f"], format: "enum", nullable: true }],
    ["treats additionalProperties: false as what Gemini does anyway", { type: "object", properties: { a: { type: "string" } }, additionalProperties: false }, { type: "OBJECT", properties: { a: { type: "STRING" } } }],
    // Gemini answers 400 "items: missing field" to any ARRAY without items (nested ones too); Gemini refuses TYPE_UNSPECIFIED, so "any item" goes as STRING (reported in `changed`).
    ["gives an array without items the any-item schema", { type: "array", maxItems: 2 }, { type: "ARRAY", items: { type: "STRING" }, maxItems: "2" }],
    [
      "gives nested and union arrays without items the any-item schema",
      { type: "object", properties: { rows: { type: "array", items: { type: "array" } }, value: { type: ["string", "array"] } } },
      {
        type: "OBJECT",
        properties: {
          rows: { type: "ARRAY", items: { type: "ARRAY", items: { type: "STRING" } } },
          value: { anyOf: [{ type: "STRING" }, { type: "ARRAY", items: { type: "STRING" } }] },
        },
      },
    ],
    ["ignores pure annotations", { $schema: "https://json-schema.org/draft/2020-12/schema", $comment: "c", type: "string", readOnly: true }, { type: "STRING" }],
  ];

  it.each(lossless)("%s", (_name, input, expected) => {
    expect(toGemini(input)).toEqual({ schema: expected, dropped: [] });
  });

  it("converts a nested object schema with required fields", () => {
    const input = {
      type: "object",
      properties: {
        location: { type: "string", description: "City" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        days: { type: "array", items: { type: "object", properties: { date: { type: "string", format: "date-time" }, hourly: { type: "boolean" } }, required: ["date"] } },
      },
      required: ["location"],
      additionalProperties: false,
    };
    expect(toGemini(input)).toEqual({
      schema: {
        type: "OBJECT",
        properties: {
          location: { type: "STRING", description: "City" },
          unit: { type: "STRING", enum: ["celsius", "fahrenheit"], format: "enum" },
          days: {
            type: "ARRAY",
            items: { type: "OBJECT", properties: { date: { type: "STRING", format: "date-time" }, hourly: { type: "BOOLEAN" } }, required: ["date"] },
          },
        },
        required: ["location"],
      },
      dropped: [],
    });
  });

  it("omits an object schema without properties at the root (a function with no arguments)", () => {
    expect(toGemini({ type: "object", properties: {} })).toEqual({ schema: undefined, dropped: [] });
    expect(toGemini({})).toEqual({ schema: undefined, dropped: [] });
  });

  it("inlines local $refs from $defs and definitions", () => {
    const input = {
      type: "object",
      properties: { home: { $ref: "#/$defs/Address", description: "Home" }, work: { $ref: "#/definitions/Address" } },
      $defs: { Address: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
      definitions: { Address: { type: "object", properties: { street: { type: "string" } } } },
    };
    expect(toGemini(input)).toEqual({
      schema: {
        type: "OBJECT",
        properties: {
          home: { type: "OBJECT", description: "Home", properties: { city: { type: "STRING" } }, required: ["city"] },
          work: { type: "OBJECT", properties: { street: { type: "STRING" } } },
        },
      },
      dropped: [],
    });
  });

  it("merges allOf members", () => {
    const input = { allOf: [{ type: "object", properties: { a: { type: "string" } }, required: ["a"] }, { properties: { b: { type: "integer" } }, required: ["b"] }] };
    expect(toGemini(input)).toEqual({
      schema: { type: "OBJECT", properties: { a: { type: "STRING" }, b: { type: "INTEGER" } }, required: ["a", "b"] },
      dropped: [],
    });
  });

  const lossy: [string, unknown, unknown, string[]][] = [
    [
      "additionalProperties as a schema (a map)",
      { type: "object", properties: { meta: { type: "object", properties: { k: { type: "string" } }, additionalProperties: { type: "string" } } } },
      { type: "OBJECT", properties: { meta: { type: "OBJECT", properties: { k: { type: "STRING" } } } } },
      ["`additionalProperties` at /properties/meta"],
    ],
    [
      "patternProperties and exclusiveMinimum",
      { type: "object", properties: { n: { type: "number", exclusiveMinimum: 0 } }, patternProperties: { "^x-": { type: "string" } } },
      { type: "OBJECT", properties: { n: { type: "NUMBER" } } },
      ["`exclusiveMinimum` at /properties/n", "`patternProperties` at the root"],
    ],
    [
      "oneOf (sent as anyOf)",
      { oneOf: [{ type: "string" }, { type: "integer" }] },
      { anyOf: [{ type: "STRING" }, { type: "INTEGER" }] },
      ["`oneOf` exclusivity (sent as `anyOf`) at the root"],
    ],
    [
      "a numeric enum",
      { type: "integer", enum: [1, 2, 3] },
      { type: "INTEGER" },
      ["`enum` [1,2,3] on a INTEGER schema (Gemini enums are strings only) at the root"],
    ],
    [
      "an unsupported string format",
      { type: "string", format: "email" },
      { type: "STRING" },
      ['`format: "email"` on a STRING schema at the root'],
    ],
    [
      "a remote $ref",
      { type: "object", properties: { p: { $ref: "https://example.com/schema.json" } } },
      { type: "OBJECT", properties: { p: { type: "STRING" } } },
      // Reported in `changed` (sent as STRING), not as left out.
      [],
    ],
    [
      "a recursive $ref (cut to its bare type)",
      { $ref: "#/$defs/Node", $defs: { Node: { type: "object", properties: { value: { type: "string" }, next: { $ref: "#/$defs/Node" } } } } },
      { type: "OBJECT", properties: { value: { type: "STRING" }, next: { type: "OBJECT" } } },
      ['the recursive `$ref: "#/$defs/Node"` (cut to its bare type) at /properties/next'],
    ],
    [
      "a schema that accepts any value",
      { type: "object", properties: { anything: {} } },
      { type: "OBJECT", properties: { anything: { type: "STRING" } } },
      [],
    ],
    [
      "tuple items, uniqueItems and not",
      { type: "array", items: [{ type: "string" }], uniqueItems: true, not: { type: "null" } },
      { type: "ARRAY", items: { type: "STRING" } },
      ["tuple `items` (an array of schemas) at the root", "`uniqueItems` at the root", "`not` at the root"],
    ],
    [
      "tuple prefixItems (the array still gets its any-item schema)",
      { type: "array", prefixItems: [{ type: "integer" }, { type: "integer" }], minItems: 2 },
      { type: "ARRAY", items: { type: "STRING" }, minItems: "2" },
      ["`prefixItems` at the root"],
    ],
    [
      "a recursive $ref to an array (cut to an array of anything)",
      { type: "object", properties: { tree: { $ref: "#/$defs/Tree" } }, $defs: { Tree: { type: "array", items: { $ref: "#/$defs/Tree" } } } },
      { type: "OBJECT", properties: { tree: { type: "ARRAY", items: { type: "ARRAY", items: { type: "STRING" } } } } },
      ['the recursive `$ref: "#/$defs/Tree"` (cut to its bare type) at /properties/tree/items'],
    ],
    [
      // Gemini rejects a required name missing from the node's properties ("property is not defined").
      "required names without matching properties",
      { type: "object", properties: { a: { type: "string" }, list: { type: "array", items: { type: "object", required: ["kind"] } } }, required: ["a", "b"] },
      { type: "OBJECT", properties: { a: { type: "STRING" }, list: { type: "ARRAY", items: { type: "OBJECT" } } }, required: ["a"] },
      ['`required` ["kind"] without matching `properties` at /properties/list/items', '`required` ["b"] without matching `properties` at the root'],
    ],
    [
      "if/then/else and property names with slashes",
      { type: "object", properties: { "a/b": { type: "string", if: { minLength: 1 }, then: {} } } },
      { type: "OBJECT", properties: { "a/b": { type: "STRING" } } },
      ["`if` at /properties/a~1b", "`then` at /properties/a~1b"],
    ],
    [
      "structural keywords beside anyOf",
      { anyOf: [{ type: "string" }, { type: "integer" }], properties: { x: { type: "string" } } },
      { anyOf: [{ type: "STRING" }, { type: "INTEGER" }] },
      ["`properties` next to `anyOf` at the root"],
    ],
  ];

  it.each(lossy)("reports what it leaves out: %s", (_name, input, expected, dropped) => {
    expect(toGemini(input)).toEqual({ schema: expected, dropped });
  });

  it("reports required names on a root with no properties", () => {
    expect(toGemini({ type: "object", required: ["x"] })).toEqual({ schema: undefined, dropped: ['`required` ["x"] without matching `properties` at the root'] });
  });

  it("reports a map-like root with no properties", () => {
    expect(toGemini({ type: "object", additionalProperties: { type: "number" } })).toEqual({
      schema: undefined,
      dropped: ["`additionalProperties` at the root"],
    });
  });

  it("never sends TYPE_UNSPECIFIED, and says what it sent instead", () => {
    const input = {
      type: "object",
      properties: { anything: {}, list: { type: "array" }, either: { type: ["string", "integer"] }, untyped: { description: "no type" }, remote: { $ref: "https://example.com/x" } },
    };
    const { schema, changed } = toGeminiSchema(input);
    expect(JSON.stringify(schema)).not.toContain("TYPE_UNSPECIFIED");
    expect(schema).toEqual({
      type: "OBJECT",
      properties: {
        anything: { type: "STRING" },
        list: { type: "ARRAY", items: { type: "STRING" } },
        either: { anyOf: [{ type: "STRING" }, { type: "INTEGER" }] },
        untyped: { type: "STRING", description: "no type" },
        remote: { type: "STRING" },
      },
    });
    expect(changed).toEqual([
      "a schema that accepts any value at /properties/anything was sent as type STRING (Gemini's Schema has no type for any value, and refuses TYPE_UNSPECIFIED)",
      "an array without `items` at /properties/list/items was sent as type STRING (Gemini's Schema has no type for any value, and refuses TYPE_UNSPECIFIED)",
      "a schema without a type at /properties/untyped was sent as type STRING (Gemini's Schema has no type for any value, and refuses TYPE_UNSPECIFIED)",
      '`$ref: "https://example.com/x"` (only local references into the same schema resolve) at /properties/remote was sent as type STRING (Gemini\'s Schema has no type for any value, and refuses TYPE_UNSPECIFIED)',
    ]);
  });
});
