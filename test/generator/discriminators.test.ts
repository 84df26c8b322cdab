import { describe, expect, it } from "vitest";
import { findDiscriminatorConflicts } from "../../generator/discriminators.js";

const message = (role: unknown) => ({ type: "object", required: ["role"], properties: { role: role, content: { type: "string" } } });

function document(union: Record<string, unknown>, schemas: Record<string, unknown>): Record<string, unknown> {
  return { openapi: "3.1.0", components: { schemas: { Message: union, ...schemas } } };
}

const oneOf = [{ $ref: "#/components/schemas/UserMessage" }, { $ref: "#/components/schemas/ToolMessage" }];

describe("findDiscriminatorConflicts", () => {
  it("finds members whose implied value (their schema's name, without a mapping) their own enum forbids", () => {
    const conflicts = findDiscriminatorConflicts(
      document(
        { oneOf, discriminator: { propertyName: "role" } },
        { UserMessage: message({ type: "string", enum: ["user"] }), ToolMessage: message({ type: "string", const: "tool" }) },
      ),
    );
    expect(conflicts).toEqual([
      '#/components/schemas/Message: for #/components/schemas/UserMessage, with no discriminator.mapping entry, OpenAPI implies role = "UserMessage", but that schema allows only ["user"]',
      '#/components/schemas/Message: for #/components/schemas/ToolMessage, with no discriminator.mapping entry, OpenAPI implies role = "ToolMessage", but that schema allows only ["tool"]',
    ]);
  });

  it.each([
    {
      name: "a mapping that agrees with each member",
      union: { oneOf, discriminator: { propertyName: "role", mapping: { user: "#/components/schemas/UserMessage", tool: "#/components/schemas/ToolMessage" } } },
      schemas: { UserMessage: message({ enum: ["user"] }), ToolMessage: message({ enum: ["tool"] }) },
    },
    {
      name: "members that do not constrain the property",
      union: { oneOf, discriminator: { propertyName: "role" } },
      schemas: { UserMessage: message({ type: "string" }), ToolMessage: message({ type: "string" }) },
    },
    {
      name: "member names that are the values",
      union: { oneOf: [{ $ref: "#/components/schemas/user" }], discriminator: { propertyName: "role" } },
      schemas: { user: message({ enum: ["user"] }) },
    },
    {
      name: "anyOf, which openapi-typescript does not patch",
      union: { anyOf: oneOf, discriminator: { propertyName: "role" } },
      schemas: { UserMessage: message({ enum: ["user"] }), ToolMessage: message({ enum: ["tool"] }) },
    },
  ])("accepts $name", ({ union, schemas }) => {
    expect(findDiscriminatorConflicts(document(union, schemas))).toEqual([]);
  });

  it("checks a mapping's values too, and follows allOf and $ref'd properties", () => {
    const conflicts = findDiscriminatorConflicts(
      document(
        {
          type: "array",
          items: { oneOf, discriminator: { propertyName: "role", mapping: { user: "#/components/schemas/UserMessage", tool: "#/components/schemas/UserMessage" } } },
        },
        {
          Role: { type: "string", enum: ["user"] },
          UserMessage: { allOf: [{ type: "object", properties: { role: { $ref: "#/components/schemas/Role" } } }] },
          ToolMessage: message({ enum: ["tool"] }),
        },
      ),
    );
    expect(conflicts).toEqual([
      '#/components/schemas/Message/items: for #/components/schemas/UserMessage, its discriminator.mapping gives role = "tool", but that schema allows only ["user"]',
      '#/components/schemas/Message/items: for #/components/schemas/ToolMessage, with no discriminator.mapping entry, OpenAPI implies role = "ToolMessage", but that schema allows only ["tool"]',
    ]);
  });
});
