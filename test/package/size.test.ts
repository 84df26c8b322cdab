// The runtime footprint of the package plus its dependencies, checked against size-budget.json:
// the minified, gzipped bundle of everything the main entry exports (what an app ships), the
// JavaScript installed with it (what a server or function loads), and the tarball itself.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bundleMainEntry } from "./helpers/bundle.js";
import { packageCheck, REPO_ROOT } from "./helpers/package-check.js";

const budget = JSON.parse(readFileSync(path.join(REPO_ROOT, "test", "package", "size-budget.json"), "utf8")) as {
  mainEntryMinGzipBytes: number;
  installedJavaScriptBytes: number;
  tarballBytes: number;
};

function javaScriptBytes(directory: string): number {
  let total = 0;
  for (const name of readdirSync(directory)) {
    const full = path.join(directory, name);
    const stats = statSync(full);
    if (stats.isDirectory()) total += javaScriptBytes(full);
    else if (/\.(?:c|m)?js$/.test(name)) total += stats.size;
  }
  return total;
}

describe("size budget", () => {
  it("the main entry, bundled and minified, stays within its gzipped budget", async () => {
    const bundle = await bundleMainEntry(packageCheck().consumerDir);
    const gzipped = gzipSync(bundle.code).length;
    console.info(`[package] main entry: ${bundle.code.length} bytes minified, ${gzipped} gzipped (budget ${budget.mainEntryMinGzipBytes})`);
    expect(gzipped).toBeLessThanOrEqual(budget.mainEntryMinGzipBytes);
  });

  it("the JavaScript installed with the package (its dependencies included) stays within budget", () => {
    const modules = path.join(packageCheck().consumerDir, "node_modules");
    const installed = ["onellm-sdk", "openapi-fetch", "openapi-typescript-helpers"].map((name) => ({ name, bytes: javaScriptBytes(path.join(modules, name)) }));
    const lock = JSON.parse(readFileSync(path.join(packageCheck().consumerDir, "package-lock.json"), "utf8")) as { packages: Record<string, unknown> };
    // Every runtime dependency is counted: the lock lists nothing else besides the peer the test added.
    const dependencies = Object.keys(lock.packages).filter((key) => key.startsWith("node_modules/") && !key.startsWith("node_modules/@opentelemetry/"));
    expect(dependencies.sort()).toEqual(installed.map((entry) => `node_modules/${entry.name}`).sort());
    const total = installed.reduce((sum, entry) => sum + entry.bytes, 0);
    console.info(`[package] installed JavaScript: ${installed.map((entry) => `${entry.name} ${entry.bytes}`).join(", ")}; total ${total} (budget ${budget.installedJavaScriptBytes})`);
    expect(total).toBeLessThanOrEqual(budget.installedJavaScriptBytes);
  });

  it("the tarball stays within budget and ships no source maps", () => {
    const bytes = statSync(packageCheck().tarball).size;
    console.info(`[package] tarball: ${bytes} bytes (budget ${budget.tarballBytes})`);
    expect(bytes).toBeLessThanOrEqual(budget.tarballBytes);
    const shipped = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? shipped(path.join(dir, name)) : [name]));
    const files = shipped(path.join(packageCheck().consumerDir, "node_modules", "onellm-sdk"));
    expect(files.filter((name) => name.endsWith(".map"))).toEqual([]);
    expect(files).toContain("LICENSE");
  });
});
