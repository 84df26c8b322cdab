// One core for every runtime, checked statically: the main, otel and zod-helper entries type-check with
// no Node types at all (a `Buffer`, `process` or `node:` import anywhere on their import path is a
// compile error here), with `#media-downloader` resolved as non-Node runtimes resolve it. The
// package tests then run the built bundle where those globals do not exist (edge-runtime, Chromium).
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("portability", () => {
  it("the main, otel and zod-helper entries compile without @types/node, Node-only files out of reach", () => {
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      baseUrl: ROOT,
      paths: { "#media-downloader": ["./src/core/media-fetch.ts"] },
    };
    const entries = ["src/index.ts", "src/observability/otel.ts", "src/helpers/zod.ts"].map((entry) => path.join(ROOT, entry));
    const program = ts.createProgram(entries, options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file ? `${path.relative(ROOT, diagnostic.file.fileName)}: ` : "";
      return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
    });
    expect(diagnostics).toEqual([]);
    const sources = program.getSourceFiles().map((file) => path.relative(ROOT, file.fileName)).filter((file) => file.startsWith("src/"));
    expect(sources).toContain("src/core/media-fetch.ts");
    expect(sources).not.toContain("src/core/media.ts");
    expect(sources).not.toContain("src/core/media-request.ts");
  });
});
