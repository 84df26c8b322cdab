import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fillIncludes, includedFiles, strayTypeScriptBlocks } from "../../generator/readme-includes.js";
import { EXAMPLES } from "../../examples/tour/catalogue.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

describe("README includes", () => {
  const files: Record<string, string> = { "examples/a.ts": "const a = 1;\n", "examples/b.ts": "const b = 2;" };
  const read = (file: string) => files[file];

  it("fills each region with its file, verbatim, as a TypeScript block", () => {
    const readme = "# x\n<!-- include: examples/a.ts -->\nstale\n<!-- /include -->\ntext\n<!-- include: examples/b.ts -->\n<!-- /include -->\n";
    expect(fillIncludes(readme, "README.md", read)).toBe(
      "# x\n<!-- include: examples/a.ts -->\n```ts\nconst a = 1;\n```\n<!-- /include -->\ntext\n<!-- include: examples/b.ts -->\n```ts\nconst b = 2;\n```\n<!-- /include -->\n",
    );
  });

  it("refuses a TypeScript block typed into the document, naming its line", () => {
    const readme = "# x\n\n```bash\nnpm test\n```\n\n```ts\nconst typed = true;\n```\n";
    expect(strayTypeScriptBlocks(readme)).toEqual([7]);
    expect(() => fillIncludes(readme, "README.md", read)).toThrow(/not included from a file \(line 7\)/);
  });

  it("refuses a marker naming a file that does not exist", () => {
    expect(() => fillIncludes("<!-- include: examples/gone.ts -->\n<!-- /include -->\n", "README.md", read)).toThrow(/do not exist: examples\/gone.ts/);
  });

  it("README includes every example of the tour, and only files that exist", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const included = includedFiles(readme);
    expect(included).toEqual(expect.arrayContaining(EXAMPLES.map((entry) => `examples/${entry.name}.ts`)));
    expect(strayTypeScriptBlocks(readme)).toEqual([]);
  });
});
