import { describe, expect, it } from "vitest";
import { checkJsonSchema } from "../../src/helpers/json-schema-check.js";

const messages = (schema: unknown, value: unknown) => checkJsonSchema(schema, value).map((issue) => `${issue.path}: ${issue.message}`);

describe("checkJsonSchema", () => {
  it.each<[string, unknown, unknown, string[]]>([
    ["a valid object", { type: "object", properties: { a: { type: "string" } }, required: ["a"] }, { a: "x" }, []],
    ["a missing required field", { type: "object", properties: { a: { type: "string" } }, required: ["a"] }, {}, ["/a: is required but missing"]],
    ["a wrong type", { type: "integer" }, 1.5, [": expected integer, got number"]],
    ["a nullable type", { type: ["string", "null"] }, null, []],
    ["an enum", { enum: ["c", "f"] }, "k", [': expected one of "c", "f", got "k"']],
    ["a const", { const: 3 }, 4, [": expected 3, got 4"]],
    ["string bounds", { type: "string", minLength: 2, maxLength: 3 }, "abcd", [": expected at most 3 characters, got 4"]],
    ["a pattern", { type: "string", pattern: "^[a-z]+$" }, "A1", [": does not match the pattern ^[a-z]+$"]],
    ["number bounds", { type: "number", minimum: 0, exclusiveMaximum: 10 }, 10, [": expected < 10, got 10"]],
    ["array items", { type: "array", items: { type: "number" }, minItems: 1 }, [1, "2"], ["/1: expected number, got string"]],
    ["anyOf", { anyOf: [{ type: "string" }, { type: "null" }] }, 3, [": matches none of the anyOf branches (got 3)"]],
    [
      "local $refs and $defs",
      { type: "object", properties: { step: { $ref: "#/$defs/step" } }, $defs: { step: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] } } },
      { step: {} },
      ["/step/n: is required but missing"],
    ],
    ["additionalProperties: false", { type: "object", properties: {}, additionalProperties: false }, { x: 1 }, ["/x: is not allowed (additionalProperties: false)"]],
    ["unknown keywords are not guessed at", { type: "string", format: "date-time" }, "yesterday", []],
    ["pointer escaping", { type: "object", properties: { "a/b": { type: "string" } } }, { "a/b": 1 }, ["/a~1b: expected string, got integer"]],
  ])("%s", (_name, schema, value, expected) => {
    expect(messages(schema, value)).toEqual(expected);
  });

  it("stops at a $ref cycle instead of looping", () => {
    expect(messages({ $ref: "#" }, 1)[0]).toMatch(/nests too deeply/);
  });
});
