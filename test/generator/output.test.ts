import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compareWithDisk, isStale, writeGenerated, writeStarters } from "../../generator/output.js";

let root = "";
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "onellm-output-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(file: string, contents: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), contents);
}

const files = [
  { path: "generated/providers/acme/index.ts", contents: "acme\n" },
  { path: "generated/unified/index.ts", contents: "unified\n" },
];

describe("compareWithDisk", () => {
  it("reports changed, missing and extra files under generated/", async () => {
    await put("generated/unified/index.ts", "edited by hand\n");
    await put("generated/providers/gone/index.ts", "old\n");
    expect(await compareWithDisk(root, files)).toEqual({
      changed: ["generated/unified/index.ts"],
      missing: ["generated/providers/acme/index.ts"],
      extra: ["generated/providers/gone/index.ts"],
    });
  });

  it("treats an absent generated/ as all missing", async () => {
    const staleness = await compareWithDisk(root, files);
    expect(staleness.missing).toEqual(files.map((file) => file.path));
    expect(isStale(staleness)).toBe(true);
  });
});

describe("writeGenerated", () => {
  it("makes generated/ hold exactly the files, removing stale ones and their empty folders", async () => {
    await put("generated/providers/gone/index.ts", "old\n");
    await put("generated/unified/index.ts", "edited by hand\n");
    await writeGenerated(root, files);
    expect(await readFile(path.join(root, "generated/unified/index.ts"), "utf8")).toBe("unified\n");
    expect((await readdir(path.join(root, "generated/providers"))).sort()).toEqual(["acme"]);
    expect(isStale(await compareWithDisk(root, files))).toBe(false);
  });

  it("changes nothing the second time", async () => {
    await writeGenerated(root, files);
    expect(await writeGenerated(root, files)).toEqual({ changed: [], missing: [], extra: [] });
  });
});

describe("writeStarters", () => {
  const starter = {
    provider: "acme",
    files: [
      { path: "src/providers/acme/index.ts", contents: "starter index\n" },
      { path: "src/providers/acme/acme-translator.ts", contents: "starter translator\n" },
    ],
  };

  it("writes a provider's starter files when its folder is absent", async () => {
    expect(await writeStarters(root, [starter])).toEqual(["src/providers/acme/index.ts", "src/providers/acme/acme-translator.ts"]);
    expect(await readFile(path.join(root, "src/providers/acme/acme-translator.ts"), "utf8")).toBe("starter translator\n");
  });

  it("never writes into an existing provider folder, even one without the starter files", async () => {
    await put("src/providers/acme/index.ts", "hand-written\n");
    expect(await writeStarters(root, [starter])).toEqual([]);
    expect(await readdir(path.join(root, "src/providers/acme"))).toEqual(["index.ts"]);
    expect(await readFile(path.join(root, "src/providers/acme/index.ts"), "utf8")).toBe("hand-written\n");
  });

  it("leaves an empty existing folder empty", async () => {
    await mkdir(path.join(root, "src/providers/acme"), { recursive: true });
    expect(await writeStarters(root, [starter])).toEqual([]);
    expect(await readdir(path.join(root, "src/providers/acme"))).toEqual([]);
  });
});
