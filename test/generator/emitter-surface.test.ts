import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { emitAll } from "../../generator/emit-all.js";
import { emitSurface } from "../../generator/emitters/surface.js";
import { parseSpec, sha256, type ProviderSpec } from "../../generator/spec-files.js";

function dialectSpec(provider: string, dialect: "openai" | undefined): ProviderSpec {
  const text = stringify({
    openapi: "3.1.0",
    info: { title: provider, version: "1" },
    "x-onellm": {
      provider,
      ...(dialect === undefined ? {} : { dialect }),
      operations: { chat: { path: "/chat", method: "post" } },
      schemas: { request: "Req", response: "Res", streamEvent: "Res", error: "Res" },
    },
    paths: { "/chat": { post: { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Req" } } } }, responses: { "200": { description: "ok" } } } } },
    components: {
      schemas: {
        Req: {
          type: "object",
          additionalProperties: false,
          properties: {
            model: { type: "string" },
            messages: { type: "array", items: { type: "object", additionalProperties: false, properties: { role: { enum: ["user"] }, content: { type: "string" } } } },
          },
        },
        Res: { type: "object" },
      },
    },
  });
  const spec = parseSpec({ path: `spec/providers/${provider}.yaml`, sha256: sha256(text), text });
  if (spec.kind !== "provider") throw new Error("expected a provider spec");
  return spec;
}

describe("emitSurface", () => {
  it("writes the surface as a typed constant named after the provider", () => {
    const [file] = emitSurface(dialectSpec("acme-chat", "openai"));
    expect(file?.path).toBe("generated/providers/acme-chat/surface.gen.ts");
    expect(file?.contents).toContain('import type { DialectSurface } from "../../../src/providers/openai-compatible/openai-compatible-surface.js";');
    expect(file?.contents).toContain("export const acmeChatSurface: DialectSurface = {");
    expect(file?.contents).toContain('source: "spec/providers/acme-chat.yaml",');
    expect(file?.contents).toMatch(/user: \{\n\s+fields: \["role", "content"\],\n\s+parts: \[\],\n\s+strict: true/);
  });

  it("emitAll gives a dialect its surface and no starter folder; any other provider the reverse", async () => {
    const emission = await emitAll([dialectSpec("acme", "openai"), dialectSpec("bolt", undefined)]);
    const paths = emission.generated.map((file) => file.path);
    expect(paths).toContain("generated/providers/acme/surface.gen.ts");
    expect(paths).not.toContain("generated/providers/bolt/surface.gen.ts");
    expect(emission.starters.map((starter) => starter.provider)).toEqual(["bolt"]);
    // No OpenAI spec to compare with: no README table.
    expect(emission.providerTable).toBeUndefined();
  });
});
