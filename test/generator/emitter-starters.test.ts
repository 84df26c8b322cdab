import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { emitMapping } from "../../generator/emitters/mapping.js";
import { emitStarters } from "../../generator/emitters/starters.js";
import { parseSpec, sha256, type ProviderSpec } from "../../generator/spec-files.js";

function providerSpec(provider: string): ProviderSpec {
  const text = stringify({
    openapi: "3.1.0",
    "x-onellm": {
      provider,
      operations: { chat: { path: "/chat", method: "post" } },
      schemas: { request: "Req", response: "Res", streamEvent: "Event", error: "Err" },
    },
    paths: { "/chat": { post: { responses: {} } } },
    components: { schemas: { Req: {}, Res: {}, Event: {}, Err: {} } },
  });
  const spec = parseSpec({ path: `spec/providers/${provider}.yaml`, sha256: sha256(text), text });
  if (spec.kind !== "provider") throw new Error("expected a provider spec");
  return spec;
}

function startersFor(provider: string) {
  const [translator] = emitMapping(providerSpec(provider));
  if (translator === undefined) throw new Error("no translator emitted");
  return emitStarters(provider, translator);
}

describe("emitStarters", () => {
  it("writes an index and a translator class that implements the generated interface", () => {
    const banner =
      "// Starter written by npm run generate because src/providers/acme/ did not exist. It is yours to edit: the generator never writes here again.";
    expect(startersFor("acme")).toEqual([
      {
        path: "src/providers/acme/index.ts",
        contents: [
          banner,
          "// The provider itself (base URL, auth headers, capabilities: see src/providers/contract.ts) goes here too.",
          'export { AcmeChatTranslator } from "./acme-translator.js";',
          "",
        ].join("\n"),
      },
      {
        path: "src/providers/acme/acme-translator.ts",
        contents: [
          banner,
          'import type { AcmeChatRequest, AcmeChatResponse, AcmeStreamEvent, AcmeTranslator } from "../../../generated/providers/acme/index.js";',
          'import type { ChatCompletion } from "../../types.js";',
          'import type { NativeStreamTranslator, TranslateContext, UnifiedRequest } from "../contract.js";',
          "",
          "/** Translates between the unified chat API and acme's native one. */",
          "export class AcmeChatTranslator implements AcmeTranslator {",
          "  toNativeRequest(request: UnifiedRequest, context: TranslateContext): AcmeChatRequest {",
          '    throw new Error("acme translator: not implemented");',
          "  }",
          "",
          "  fromNativeResponse(response: AcmeChatResponse, context: TranslateContext): ChatCompletion {",
          '    throw new Error("acme translator: not implemented");',
          "  }",
          "",
          "  createStreamTranslator(context: TranslateContext, includeUsage: boolean): NativeStreamTranslator<AcmeStreamEvent> {",
          '    throw new Error("acme translator: not implemented");',
          "  }",
          "}",
          "",
        ].join("\n"),
      },
    ]);
  });

  it("copies every member of the interface it is given, with its imports re-pointed", () => {
    const translator = {
      path: "generated/providers/acme/translator.gen.ts",
      contents: [
        'import type { Thing } from "../../../src/things.js";',
        'import type { Other } from "./other.gen.js";',
        "export type AcmeExtra = Other;",
        "export interface AcmeTranslator {",
        "  describe(thing: Thing, extra: AcmeExtra): Promise<string>;",
        "}",
      ].join("\n"),
    };
    const [, classFile] = emitStarters("acme", translator);
    expect(classFile?.contents).toContain('import type { AcmeExtra, AcmeTranslator } from "../../../generated/providers/acme/index.js";');
    expect(classFile?.contents).toContain('import type { Thing } from "../../things.js";');
    expect(classFile?.contents).not.toContain("Promise }");
    expect(classFile?.contents).toContain("  describe(thing: Thing, extra: AcmeExtra): Promise<string> {");
  });

  it("fails when the translator file has no interface for the provider", () => {
    expect(() => emitStarters("acme", { path: "generated/providers/acme/translator.gen.ts", contents: "export {};" })).toThrow(
      "generated/providers/acme/translator.gen.ts has no interface AcmeTranslator",
    );
  });
});
