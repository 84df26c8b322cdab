// Cold import: a fresh `node` importing the package by name (as a user's code does, through its
// package.json exports, resolved here by self-reference) against a bare `node` that imports
// nothing. Runs interleave so machine noise hits all alike; the first runs warm the file cache.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./build.js";
import { summarize, type Figure } from "./stats.js";

export interface ColdImport {
  bare: Figure;
  onellm: Figure;
  openaiPackage: Figure;
  runs: number;
}

function timeRun(code: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`cold import of ${JSON.stringify(code)} failed: ${result.stderr.toString()}`);
  return elapsed;
}

export function measureColdImport(runs: number): ColdImport {
  const name = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string }).name;
  const codes = { bare: "", onellm: `import ${JSON.stringify(name)};`, openaiPackage: 'import "openai";' } as const;
  const samples = { bare: [] as number[], onellm: [] as number[], openaiPackage: [] as number[] };
  const keys = Object.keys(codes) as (keyof typeof codes)[];
  for (let run = 0; run < runs + 2; run++) {
    for (const key of keys) {
      const elapsed = timeRun(codes[key]);
      if (run >= 2) samples[key].push(elapsed);
    }
  }
  return { bare: summarize(samples.bare), onellm: summarize(samples.onellm), openaiPackage: summarize(samples.openaiPackage), runs };
}
