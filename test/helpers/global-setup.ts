// vitest globalSetup: one Prism per provider/unified spec that exists, started a few at a time
// (all at once, nine Prisms starve each other on a small machine and the largest spec misses its
// start deadline), exposed to tests through provide/inject (read them with prismUrl() from
// ./prism-urls.ts), and stopped by PID in teardown.
//
// ONELLM_PRISM=0 skips Prism entirely (prismUrl() then throws saying so).
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { PRISM_SPECS, startPrism, type PrismName, type PrismServer } from "./prism.js";
import type {} from "./prism-urls.js"; // the ProvidedContext typing for provide()

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Prisms starting at once (ONELLM_PRISM_CONCURRENCY overrides). */
const DEFAULT_CONCURRENCY = 3;
/** Per Prism; a busy machine can take long over the large specs. */
const START_TIMEOUT_MS = 180_000;

function specSize(name: PrismName): number {
  try {
    return statSync(path.join(REPO_ROOT, PRISM_SPECS[name])).size;
  } catch {
    return 0;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const urls: Partial<Record<PrismName, string>> = {};
  const errors: Partial<Record<PrismName, string>> = {};
  const running: PrismServer[] = [];
  const names = Object.keys(PRISM_SPECS) as PrismName[];

  if (process.env["ONELLM_PRISM"] === "0") {
    for (const name of names) errors[name] = "disabled by ONELLM_PRISM=0";
  } else {
    const start = async (name: PrismName): Promise<void> => {
      const spec = path.join(REPO_ROOT, PRISM_SPECS[name]);
      if (!existsSync(spec)) {
        errors[name] = `spec file ${PRISM_SPECS[name]} does not exist`;
        return;
      }
      try {
        const prism = await startPrism(spec, { startTimeoutMs: START_TIMEOUT_MS });
        running.push(prism);
        urls[name] = prism.url;
      } catch (err) {
        // Do not fail the whole run: tests that need this Prism fail with this message.
        errors[name] = (err as Error).message;
        console.warn(`[global-setup] ${(err as Error).message}`);
      }
    };
    // The largest specs first, so the small ones fill in behind them.
    const queue = [...names].sort((a, b) => specSize(b) - specSize(a));
    const concurrency = Math.max(1, Number(process.env["ONELLM_PRISM_CONCURRENCY"] ?? DEFAULT_CONCURRENCY) || DEFAULT_CONCURRENCY);
    await Promise.all(
      Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) await start(name);
      }),
    );
  }

  project.provide("prismUrls", urls);
  project.provide("prismErrors", errors);

  return async () => {
    await Promise.all(running.map((prism) => prism.stop()));
  };
}
