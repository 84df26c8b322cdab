// The package's JavaScript as Node loads it fastest: tsc's one-module-per-file output bundled by
// esbuild into the files package.json names (exports, imports, bin) plus shared chunks. Node's ESM
// loader costs about 0.4 ms per module it resolves, reads and links; the main entry was 70 modules
// (164 before providers loaded lazily), which alone put a cold import 30 ms over a bare `node`.
// Bundled, every entry shares one copy of each module (one error class identity, one key registry),
// and each provider's implementation stays a chunk of its own, loaded by its first call.
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

interface PackageJson {
  exports?: unknown;
  imports?: unknown;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Every `./dist/**.js` file package.json points at (not the CommonJS shims, written afterwards). */
function entryFiles(pkg: PackageJson): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      if (value.startsWith("./dist/") && value.endsWith(".js")) found.add(value.slice(2));
    } else if (typeof value === "object" && value !== null) {
      for (const inner of Object.values(value)) visit(inner);
    }
  };
  visit(pkg.exports);
  visit(pkg.imports);
  visit(pkg.bin);
  return [...found].sort();
}

function filesUnder(directory: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(directory)) {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) found.push(...filesUnder(full));
    else found.push(full);
  }
  return found;
}

/** Bundles dist/'s JavaScript in place; the declaration files tsc wrote stay as they are. */
export async function bundleDist(root: string): Promise<void> {
  const dist = path.join(root, "dist");
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as PackageJson;
  const entries = entryFiles(pkg);
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries,
    bundle: true,
    splitting: true,
    format: "esm",
    // No runtime is assumed: the Node-only entries name their built-ins, which stay imports.
    platform: "neutral",
    target: "es2022",
    outdir: dist,
    outbase: dist,
    allowOverwrite: true,
    chunkNames: "chunks/[name]-[hash]",
    external: ["node:*", "#*", ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})],
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
  });
  // What tsc wrote that is now inside an entry or a chunk goes; the declarations stay.
  const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
  for (const file of filesUnder(dist)) {
    if (file.endsWith(".js") && !written.has(file) && !file.startsWith(path.join(dist, "cjs"))) rmSync(file);
  }
}
