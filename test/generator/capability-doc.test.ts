// docs/capabilities.md and README's provider tables are what `npm run generate` makes of the
// declarations, and follow them: in a temp copy of the project, changing one declaration makes
// check:generated fail and generate rewrite exactly the cells that declaration feeds.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAPABILITIES_DOC } from "../../generator/capability-doc.js";
import { API_REFERENCE } from "../../generator/api-reference.js";
import { wantedDocuments } from "../../generator/documents.js";
import { emitAll } from "../../generator/emit-all.js";
import { loadSpecs } from "../../generator/spec-files.js";
import { TRANSLATED_START } from "../../generator/readme-table.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function runGenerator(cwd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "generator/index.ts", "--skip-lint", ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, output: `${stdout}${stderr}` });
    });
  });
}

/** The cells of the row for `field` in the first table of `section` (a markdown table row). */
function row(document: string, heading: string, first: string): string[] {
  const from = document.indexOf(heading);
  const line = document.slice(from).split("\n").find((text) => text.startsWith(`| ${first} |`));
  if (line === undefined) throw new Error(`no row ${first} under ${heading}`);
  return line.split(" | ");
}

describe("docs/capabilities.md", () => {
  it("is what generate makes of the declarations today (regenerates identically)", async () => {
    const documents = wantedDocuments(ROOT, await emitAll(await loadSpecs(ROOT)));
    for (const document of documents) expect(document.contents, document.path).toBe(readFileSync(path.join(ROOT, document.path), "utf8"));
    expect(documents.map((document) => document.path)).toEqual(["README.md", CAPABILITIES_DOC, API_REFERENCE]);
  });

  describe("in a temp copy of the project, a changed declaration changes the tables", () => {
    let copy: string;
    beforeAll(() => {
      copy = mkdtempSync(path.join(tmpdir(), "onellm-capabilities-"));
      for (const entry of ["src", "generated", "generator", "spec", "templates", "examples", "docs", "README.md", "package.json", "tsconfig.json"]) {
        cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
      }
      symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
    });
    afterAll(() => {
      if (copy !== undefined) rmSync(copy, { recursive: true, force: true });
    });

    const edit = (file: string, from: string, to: string) => {
      const full = path.join(copy, file);
      const text = readFileSync(full, "utf8");
      expect(text, `${file} holds ${from}`).toContain(from);
      writeFileSync(full, text.replace(from, to));
    };

    it("Cohere's seed declared unsupported, Gemini 2.5 Flash given penalties: check fails, generate rewrites those cells", async () => {
      const before = readFileSync(path.join(copy, CAPABILITIES_DOC), "utf8");
      expect(row(before, "## Translated providers", "`seed`")[5]).toBe("✓ (non-negative)");
      expect(row(before, "### Google Gemini", "Gemini 2.5 Flash")[10]).toBe("no");

      edit("src/providers/cohere/cohere-fields.ts", 'seed: native(undefined, "non-negative"),', 'seed: unsupported("Cohere dropped seeds"),');
      edit("src/models/capability-table.ts", 'match: /^gemini-2\\.5-/, family: "Gemini 2.5 Flash",\n    penalties: false,', 'match: /^gemini-2\\.5-/, family: "Gemini 2.5 Flash",\n    penalties: true,');

      const check = await runGenerator(copy, ["--check"]);
      expect(check.code).toBe(1);
      expect(check.output).toContain(`differs  ${CAPABILITIES_DOC}`);
      expect(check.output).toContain("differs  README.md");

      const generate = await runGenerator(copy, []);
      expect(generate.code, generate.output).toBe(0);
      const after = readFileSync(path.join(copy, CAPABILITIES_DOC), "utf8");
      expect(row(after, "## Translated providers", "`seed`")[5]).toBe("✗ (Cohere dropped seeds)");
      expect(row(after, "### Google Gemini", "Gemini 2.5 Flash")[10]).toBe("yes");
      // Nothing else moved: the other providers' seed cells are as they were.
      expect(row(after, "## Translated providers", "`seed`").filter((_cell, index) => index !== 5)).toEqual(row(before, "## Translated providers", "`seed`").filter((_cell, index) => index !== 5));
      const readme = readFileSync(path.join(copy, "README.md"), "utf8");
      // README's table: seed leaves Cohere's native column for its unsupported one (the last).
      const cohere = readme.slice(readme.indexOf(TRANSLATED_START)).split("\n").find((line) => line.startsWith("| Cohere |"))!.split(" | ");
      expect(cohere[2]).not.toContain("`seed`");
      expect(cohere[5]).toContain("`seed`");
    }, 180_000);
  });
});
