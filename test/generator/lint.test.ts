import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GeneratorError } from "../../generator/generator-error.js";
import { lintSpecs, parseJsonSequence } from "../../generator/lint.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const REDOCLY = path.join(REPO_ROOT, "node_modules", ".bin", "redocly");

// One spec, three errors under redocly's recommended rules: no servers, no summary, and a path
// parameter the operation never declares.
const BROKEN_SPEC = `openapi: 3.1.0
info:
  title: broken
  version: 1.0.0
paths:
  /things/{id}:
    get:
      responses:
        "200":
          description: ok
`;

describe("lintSpecs (runs the real redocly)", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "onellm-lint-"));
    await writeFile(path.join(dir, "broken.yaml"), BROKEN_SPEC);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("fails on a spec with errors, listing each with its rule", async () => {
    const run = lintSpecs({ redocly: REDOCLY, cwd: dir, files: ["broken.yaml"] });
    await expect(run).rejects.toBeInstanceOf(GeneratorError);
    await expect(run).rejects.toThrow(/redocly lint found \d+ error\(s\)/);
    await expect(run).rejects.toThrow("broken.yaml#/paths/~1things~1{id}/get/parameters [path-parameters-defined]");
    await expect(run).rejects.toThrow("[no-empty-servers]");
  }, 30_000);

  it("passes the golden fixture specs", async () => {
    const golden = fileURLToPath(new URL("./golden/", import.meta.url));
    const files = ["spec/unified/openapi.yaml", "spec/providers/gemini.yaml"];
    await expect(lintSpecs({ redocly: REDOCLY, cwd: golden, files })).resolves.toEqual({ warnings: expect.any(Number) });
  }, 30_000);

  it("explains a missing redocly", async () => {
    await expect(lintSpecs({ redocly: path.join(dir, "no-redocly"), cwd: dir, files: ["broken.yaml"] })).rejects.toThrow(
      "run `npm install`",
    );
  });
});

describe("parseJsonSequence", () => {
  it.each([
    { text: '{"a":1}', values: [{ a: 1 }] },
    { text: '{"a":1}{"b":[2]}', values: [{ a: 1 }, { b: [2] }] },
    { text: '{\n  "a": "}{"\n}\n{"b": "say \\"}\\""}\n', values: [{ a: "}{" }, { b: 'say "}"' }] },
    { text: "", values: [] },
    { text: '{"a":', values: undefined },
    { text: "{oops}", values: undefined },
  ])("reads $text", ({ text, values }) => {
    expect(parseJsonSequence(text)).toEqual(values);
  });
});
