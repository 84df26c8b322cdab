import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { readSurface, stringValues } from "../../generator/surface.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function spec(schemas: Record<string, unknown>) {
  return { openapi: "3.1.0", components: { schemas } };
}

describe("readSurface", () => {
  it("reads roles from a discriminator mapping, each role's fields, parts and strictness", () => {
    const document = spec({
      Request: {
        type: "object",
        additionalProperties: false,
        properties: {
          model: { type: "string" },
          messages: { type: "array", items: ref("Message") },
          seed: { type: "integer" },
          tools: { type: "array", items: { type: "object", properties: { type: { const: "function" }, function: { type: "object" } } } },
        },
      },
      Message: {
        oneOf: [ref("System"), ref("User"), ref("Assistant")],
        discriminator: { propertyName: "role", mapping: { system: "#/components/schemas/System", developer: "#/components/schemas/System", user: "#/components/schemas/User", assistant: "#/components/schemas/Assistant" } },
      },
      System: { type: "object", additionalProperties: false, properties: { role: { enum: ["system", "developer"] }, content: { type: "string" } } },
      User: {
        type: "object",
        properties: { role: { const: "user" }, content: { anyOf: [{ type: "string" }, { type: "array", items: ref("Part") }] }, name: { type: "string" } },
      },
      Part: {
        oneOf: [
          { type: "object", properties: { type: { const: "text" }, text: { type: "string" }, cache_control: { type: "object" } } },
          { type: "object", properties: { type: { enum: ["image_url"] }, image_url: { type: "object" } } },
        ],
      },
      Assistant: {
        allOf: [{ type: "object", properties: { role: { const: "assistant" } } }, { type: "object", additionalProperties: false, properties: { tool_calls: { type: "array", items: ref("Call") } } }],
      },
      Call: { type: "object", properties: { id: { type: "string" }, function: { type: "object" } } },
    });
    expect(readSurface(document, "Request", "spec/x.yaml")).toEqual({
      source: "spec/x.yaml",
      strict: true,
      fields: ["model", "messages", "seed", "tools"],
      roles: {
        system: { fields: ["role", "content"], parts: [], strict: true },
        developer: { fields: ["role", "content"], parts: [], strict: true },
        user: { fields: ["role", "content", "name"], parts: ["text", "image_url"], strict: false },
        assistant: { fields: ["role", "tool_calls"], parts: [], strict: true },
      },
      enums: { "tools[].type": ["function"] },
      toolCallFields: ["id", "function"],
      partFields: ["cache_control"],
      toolFields: ["type", "function"],
    });
  });

  it("reads roles from one message schema's role enum, and enum values of fields, object tags and array item tags", () => {
    const document = spec({
      Request: {
        type: "object",
        properties: {
          messages: { type: "array", items: ref("Message") },
          tool_choice: { oneOf: [{ type: "string", enum: ["none", "auto"] }, { type: "object", properties: { type: { enum: ["function"] } } }] },
          reasoning_effort: { anyOf: [{ type: "string", enum: ["low", "high", null] }, { type: "null" }] },
          tools: { type: "array", items: { type: "object", properties: { type: { const: "function" } } } },
          service_tier: { anyOf: [{ enum: ["auto"] }, { type: "string" }] },
        },
      },
      Message: { type: "object", properties: { role: { type: "string", enum: ["user", "assistant"] }, content: { type: "string" } } },
    });
    const surface = readSurface(document, "Request", "s");
    expect(Object.keys(surface.roles)).toEqual(["user", "assistant"]);
    expect(surface.strict).toBe(false);
    expect(surface.enums).toEqual({
      tool_choice: ["none", "auto"],
      "tool_choice.type": ["function"],
      reasoning_effort: ["low", "high"],
      "tools[].type": ["function"],
    });
  });

  it("fails with the schema's name when messages declare no role", () => {
    const document = spec({ Request: { type: "object", properties: { messages: { type: "array", items: { type: "object", properties: { content: {} } } } } } });
    expect(() => readSurface(document, "Request", "spec/x.yaml")).toThrow("spec/x.yaml: components.schemas.Request: messages[] declares no role");
  });

  it("an open string branch allows every value (no enum recorded)", () => {
    expect(stringValues(spec({}), { anyOf: [{ type: "string", enum: ["a"] }, { type: "string" }] })).toEqual([]);
  });

  it("reads the derived Mistral spec as strict, without developer, with its own tool_choice values", () => {
    const document = parse(readFileSync("spec/providers/mistral.yaml", "utf8")) as Record<string, unknown>;
    const surface = readSurface(document, "ChatCompletionRequest", "spec/providers/mistral.yaml");
    expect(surface.strict).toBe(true);
    expect(Object.keys(surface.roles).sort()).toEqual(["assistant", "system", "tool", "user"]);
    expect(surface.roles["assistant"]).toMatchObject({ strict: true, fields: ["role", "content", "tool_calls", "prefix"] });
    expect(surface.fields).toContain("random_seed");
    expect(surface.fields).not.toContain("seed");
    expect(surface.enums["tool_choice"]).toEqual(["auto", "none", "any", "required"]);
  });
});
