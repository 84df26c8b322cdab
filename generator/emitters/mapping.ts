// ts-morph -> generated/providers/<p>/translator.gen.ts: names for the schemas x-onellm picks and the
// translator interface the provider implements, so a spec change surfaces as a compile error there.
import { createSourceFile, printSourceFile } from "../format.js";
import { pascalCase } from "../naming.js";
import { providerDir, type GeneratedFile } from "../output-paths.js";
import type { ProviderSpec } from "../spec-files.js";
import { banner } from "../templates.js";

/** Relative to generated/providers/<p>/. */
const UNIFIED_TYPES_MODULE = "../../../src/types.js";
const CONTRACT_MODULE = "../../../src/providers/contract.js";

export function translatorPath(provider: string): string {
  return `${providerDir(provider)}/translator.gen.ts`;
}

export function translatorInterfaceName(provider: string): string {
  return `${pascalCase(provider)}Translator`;
}

export function emitMapping(spec: ProviderSpec): GeneratedFile[] {
  const { provider, schemas } = spec.config;
  const pascal = pascalCase(provider);
  const names = {
    request: `${pascal}ChatRequest`,
    response: `${pascal}ChatResponse`,
    streamEvent: `${pascal}StreamEvent`,
    error: `${pascal}ErrorBody`,
  };

  const file = createSourceFile();
  file.addImportDeclarations([
    { isTypeOnly: true, namedImports: ["components"], moduleSpecifier: "./types.gen.js" },
    { isTypeOnly: true, namedImports: ["ChatCompletion"], moduleSpecifier: UNIFIED_TYPES_MODULE },
    {
      isTypeOnly: true,
      namedImports: ["UnifiedRequest", "TranslateContext", "NativeStreamTranslator"],
      moduleSpecifier: CONTRACT_MODULE,
    },
  ]);
  file.addTypeAliases(
    (["request", "response", "streamEvent", "error"] as const).map((role) => ({
      isExported: true,
      name: names[role],
      type: `components["schemas"][${JSON.stringify(schemas[role])}]`,
    })),
  );
  file.addInterface({
    isExported: true,
    name: translatorInterfaceName(provider),
    docs: ["The translator a provider implements; a spec change shows up as a compile error in it."],
    methods: [
      {
        name: "toNativeRequest",
        parameters: [
          { name: "request", type: "UnifiedRequest" },
          { name: "context", type: "TranslateContext" },
        ],
        returnType: names.request,
      },
      {
        name: "fromNativeResponse",
        parameters: [
          { name: "response", type: names.response },
          { name: "context", type: "TranslateContext" },
        ],
        returnType: "ChatCompletion",
      },
      {
        name: "createStreamTranslator",
        parameters: [
          { name: "context", type: "TranslateContext" },
          { name: "includeUsage", type: "boolean" },
        ],
        returnType: `NativeStreamTranslator<${names.streamEvent}>`,
      },
    ],
  });
  return [{ path: translatorPath(provider), contents: `${banner(spec.path, spec.sha256)}\n${printSourceFile(file)}` }];
}
