// esbuild bundles of code that imports the installed package, resolved from the temp consumer's
// node_modules (the tarball's files, not src/). A Node built-in anywhere in the graph fails the
// browser build; the metafile says exactly which files went in.
import { copyFileSync } from "node:fs";
import path from "node:path";
import { build, type Metafile } from "esbuild";
import { REPO_ROOT } from "./package-check.js";

export interface Bundle {
  code: string;
  metafile: Metafile;
  /** Bundled input files, relative to the consumer directory. */
  inputs: string[];
}

/** The test app (test/package/app/app.ts) as one IIFE script exposing `onellmApp`, for a page or a worker-like runtime. */
export async function bundleApp(consumerDir: string): Promise<Bundle> {
  copyFileSync(path.join(REPO_ROOT, "test", "package", "app", "app.ts"), path.join(consumerDir, "app.ts"));
  return bundle(consumerDir, { entry: "app.ts", format: "iife", globalName: "onellmApp", minify: false });
}

/** Everything the main entry exports, minified: what an app pulls in by importing onellm-sdk. */
export async function bundleMainEntry(consumerDir: string): Promise<Bundle> {
  return bundle(consumerDir, { contents: 'export * from "onellm-sdk";', format: "esm", minify: true });
}

async function bundle(
  consumerDir: string,
  options: { entry?: string; contents?: string; format: "iife" | "esm"; globalName?: string; minify: boolean },
): Promise<Bundle> {
  const result = await build({
    absWorkingDir: consumerDir,
    ...(options.entry !== undefined
      ? { entryPoints: [options.entry] }
      : { stdin: { contents: options.contents ?? "", resolveDir: consumerDir, sourcefile: "entry.mjs" } }),
    bundle: true,
    platform: "browser",
    target: "es2022",
    format: options.format,
    ...(options.globalName !== undefined ? { globalName: options.globalName } : {}),
    minify: options.minify,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error("esbuild produced no output");
  return { code: output.text, metafile: result.metafile, inputs: Object.keys(result.metafile.inputs) };
}
