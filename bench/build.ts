// The bench measures what users run: the compiled JavaScript, under plain `node` (a TypeScript
// loader would add its own thread and memory to every figure). `npm run build` makes dist/ (the
// package: cold import, installed size); bench/tsconfig.json compiles the bench and the sources it
// imports, with the same compiler options, into .bench-build/.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BUILD = path.join(ROOT, ".bench-build", "bench");

export function build(): void {
  const packageBuild = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  if (packageBuild.status !== 0) throw new Error("npm run build failed");
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const benchBuild = spawnSync(process.execPath, [tsc, "-p", "bench/tsconfig.json"], { cwd: ROOT, stdio: "inherit" });
  if (benchBuild.status !== 0) throw new Error("tsc -p bench/tsconfig.json failed");
}
