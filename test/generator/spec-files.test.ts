import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GeneratorError } from "../../generator/generator-error.js";
import { discoverSpecs, loadSpecs, parseSpec, sha256, verifyLock, type SpecFile } from "../../generator/spec-files.js";

const unified: SpecFile = { path: "spec/unified/openapi.yaml", sha256: sha256("unified"), text: "unified" };
const acme: SpecFile = { path: "spec/providers/acme.yaml", sha256: sha256("acme"), text: "acme" };
const lockOf = (entries: Record<string, string>): string => JSON.stringify(entries);

describe("verifyLock", () => {
  it("accepts specs whose sha256 is the locked one", () => {
    expect(() => verifyLock([unified, acme], lockOf({ [unified.path]: unified.sha256, [acme.path]: acme.sha256 }))).not.toThrow();
  });

  it.each([
    {
      name: "a hand-edited spec (sha256 mismatch)",
      lock: lockOf({ [unified.path]: unified.sha256, [acme.path]: sha256("before the edit") }),
      message: `spec/providers/acme.yaml has sha256 ${acme.sha256}, but spec/spec.lock.json records ${sha256("before the edit")}`,
    },
    {
      name: "a spec missing from the lock",
      lock: lockOf({ [unified.path]: unified.sha256 }),
      message: "spec/providers/acme.yaml has no entry in spec/spec.lock.json",
    },
    { name: "no lock at all", lock: undefined, message: "spec/spec.lock.json is missing" },
    { name: "a lock that is not JSON", lock: "{", message: "spec/spec.lock.json is not valid JSON" },
    { name: "a lock that is not an object", lock: "[]", message: "must be an object" },
  ])("rejects $name and tells the user to run spec:sync", ({ lock, message }) => {
    const run = (): void => verifyLock([unified, acme], lock);
    expect(run).toThrow(GeneratorError);
    expect(run).toThrow(message);
    expect(run).toThrow("npm run spec:sync");
  });

  it("lists every mismatching spec at once", () => {
    expect(() => verifyLock([unified, acme], lockOf({}))).toThrow(
      /spec\/unified\/openapi\.yaml has no entry[\s\S]*spec\/providers\/acme\.yaml has no entry/,
    );
  });
});

describe("parseSpec", () => {
  it("reads the unified spec", () => {
    const spec = parseSpec({ ...unified, text: "openapi: 3.1.0\nx-onellm: { provider: unified }\n" });
    expect(spec.kind).toBe("unified");
  });

  it("names the provider after the file and reads its x-onellm block", () => {
    const text = [
      "openapi: 3.1.0",
      "x-onellm:",
      "  provider: acme",
      "  operations: { chat: { path: /chat, method: post } }",
      "  schemas: { request: A, response: A, streamEvent: A, error: A }",
      "paths: { /chat: { post: { responses: {} } } }",
      "components: { schemas: { A: { type: object } } }",
    ].join("\n");
    const spec = parseSpec({ ...acme, text });
    expect(spec.kind === "provider" && spec.config.provider).toBe("acme");
  });

  it.each([
    { text: "a: [", message: "spec/providers/acme.yaml is not valid YAML" },
    { text: "- 1", message: "spec/providers/acme.yaml is not an OpenAPI document" },
    { text: "openapi: 3.1.0", message: "the x-onellm block is missing" },
  ])("rejects $text", ({ text, message }) => {
    expect(() => parseSpec({ ...acme, text })).toThrow(message);
  });
});

describe("loading from disk", () => {
  let root = "";
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function project(files: Record<string, string>): Promise<string> {
    root = await mkdtemp(path.join(tmpdir(), "onellm-specs-"));
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    return root;
  }

  it("finds the unified spec first, then provider specs by name, ignoring other files", async () => {
    await project({ "spec/providers/zeta.yaml": "", "spec/providers/alpha.yaml": "", "spec/providers/notes.md": "" });
    expect(await discoverSpecs(root)).toEqual([
      "spec/unified/openapi.yaml",
      "spec/providers/alpha.yaml",
      "spec/providers/zeta.yaml",
    ]);
  });

  it("fails on a hand-edited spec before parsing it", async () => {
    const text = "openapi: 3.1.0\nx-onellm: { provider: unified }\n";
    await project({
      "spec/unified/openapi.yaml": `${text}# edited by hand\n`,
      "spec/spec.lock.json": lockOf({ "spec/unified/openapi.yaml": sha256(text) }),
    });
    await expect(loadSpecs(root)).rejects.toThrow(/spec lock mismatch[\s\S]*npm run spec:sync/);
  });

  it("asks for spec:sync when the unified spec is missing", async () => {
    await project({ "spec/spec.lock.json": "{}" });
    await expect(loadSpecs(root)).rejects.toThrow("spec/unified/openapi.yaml is missing; run `npm run spec:sync`");
  });
});
