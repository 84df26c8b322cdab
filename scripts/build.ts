// `npm run build`: the ESM package (tsc: dist/src, dist/generated; its JavaScript then bundled into
// the files package.json names plus shared chunks, see bundle.ts), then a thin CommonJS layer in
// dist/cjs so `require("onellm-sdk")` works and type-checks for CommonJS consumers:
//   - dist/cjs/<entry>.cjs re-exports the ESM entry through Node's require(esm) (Node >= 20.19), so
//     import and require share one module instance (one error class identity, one key registry);
//     each export is written out by name (`exports.X = esm.X`) as TypeScript's own CommonJS output
//     spells it, so tools that read CommonJS exports statically see the same names the types declare;
//   - dist/cjs/**/*.d.cts mirror the declarations as CommonJS-format types, so TypeScript's node16 /
//     nodenext CommonJS resolution sees types that match what `require` returns.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleDist } from "./bundle.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, "dist");

/** Package entry points: subpath -> the ESM module under dist/ (without extension). */
export const ENTRIES: Readonly<Record<string, string>> = {
  index: "src/index",
  otel: "src/observability/otel",
  "helpers-zod": "src/helpers/zod",
};

function filesUnder(directory: string, suffix: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(directory)) {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) found.push(...filesUnder(full, suffix));
    else if (name.endsWith(suffix)) found.push(full);
  }
  return found;
}

/** Relative `.js` specifiers (in `from "..."` and `import("...")`) -> `.cjs`, which TypeScript resolves to `.d.cts`. */
export function toCommonJsDeclaration(source: string): string {
  return source.replace(/((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+)\.js(["'])/g, "$1$2.cjs$3");
}

function writeCommonJsLayer(): void {
  const cjs = path.join(DIST, "cjs");
  for (const tree of ["src", "generated"]) {
    for (const file of filesUnder(path.join(DIST, tree), ".d.ts")) {
      const target = path.join(cjs, path.relative(DIST, file)).replace(/\.d\.ts$/, ".d.cts");
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, toCommonJsDeclaration(readFileSync(file, "utf8")));
    }
  }
  const load = createRequire(import.meta.url);
  for (const [name, module] of Object.entries(ENTRIES)) {
    const specifier = `../${module}.js`;
    // The names come from loading the built entry itself, so the shim cannot drift from it.
    const names = Object.keys(load(path.join(DIST, `${module}.js`)) as object).filter((key) => key !== "__esModule");
    const shim = [
      "\"use strict\";",
      "// CommonJS entry: the ESM build loaded through require(esm) (Node >= 20.19), one module instance for import and require.",
      `const esm = require(${JSON.stringify(specifier)});`,
      "Object.defineProperty(exports, \"__esModule\", { value: true });",
      ...names.map((key) => `exports.${key} = esm.${key};`),
      "",
    ].join("\n");
    writeFileSync(path.join(cjs, `${name}.cjs`), shim);
  }
}

async function main(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
  execFileSync(process.execPath, [tsc, "-p", path.join(ROOT, "tsconfig.build.json")], { stdio: "inherit" });
  await bundleDist(ROOT);
  writeCommonJsLayer();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
