// vitest globalSetup: one Prism per provider/unified spec that exists, started in parallel,
// exposed to tests through provide/inject (read them with prismUrl() from ./prism-urls.ts),
// and stopped by PID in teardown.
//
// ONELLM_PRISM=0 skips Prism entirely (prismUrl() then throws saying so).
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { PRISM_SPECS, startPrism, type PrismName, type PrismServer } from "./prism.js";
import type {} from "./prism-urls.js"; // the ProvidedContext typing for provide()

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const urls: Partial<Record<PrismName, string>> = {};
  const errors: Partial<Record<PrismName, string>> = {};
  const running: PrismServer[] = [];
  const names = Object.keys(PRISM_SPECS) as PrismName[];

  if (process.env["ONELLM_PRISM"] === "0") {
    for (const name of names) errors[name] = "disabled by ONELLM_PRISM=0";
  } else {
    // A few at a time: eight Prisms compiling their specs at once on a small CI machine would all
    // miss their start deadline.
    const queue = [...names];
    const startNext = async (): Promise<void> => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) await startOne(name);
    };
    const startOne = async (name: PrismName): Promise<void> => {
      const spec = path.join(REPO_ROOT, PRISM_SPECS[name]);
      if (!existsSync(spec)) {
        errors[name] = `spec file ${PRISM_SPECS[name]} does not exist`;
        return;
      }
      try {
        const prism = await startPrism(spec, { startTimeoutMs: 180_000 });
        running.push(prism);
        urls[name] = prism.url;
      } catch (err) {
        // Do not fail the whole run: tests that need this Prism fail with this message.
        errors[name] = (err as Error).message;
        console.warn(`[global-setup] ${(err as Error).message}`);
      }
    };
    await Promise.all([startNext(), startNext(), startNext()]);
  }

  project.provide("prismUrls", urls);
  project.provide("prismErrors", errors);

  return async () => {
    await Promise.all(running.map((prism) => prism.stop()));
  };
}
