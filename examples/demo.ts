// `npm run demo`: the example tour. Runs every example in examples/ (or those named) as the program
// it is, on mock providers started here on 127.0.0.1 — whatever keys your environment holds, no
// real API is reached. `npm run demo -- --live` is the only way to the real APIs, with your keys.
//
//   npm run demo                          every example, on the mocks
//   npm run demo -- streaming fallback    only those
//   npm run demo -- --live streaming      on the real APIs (ONELLM_EXAMPLE_MODEL picks the model)
import { parseArgs } from "node:util";
import { EXAMPLES, type ExampleEntry } from "./tour/catalogue.js";
import { startMockProviders, type MockProviders } from "./tour/mock-providers.js";
import { mockEnvironment, runExample } from "./tour/run-example.js";

const USAGE = `usage: npm run demo -- [--live] [example ...]
examples: ${EXAMPLES.map((entry) => entry.name).join(", ")}`;

function chosen(names: readonly string[]): ExampleEntry[] {
  if (names.length === 0) return [...EXAMPLES];
  return names.map((name) => {
    const entry = EXAMPLES.find((candidate) => candidate.name === name || `${candidate.name}.ts` === name);
    if (entry === undefined) throw new Error(`no example "${name}"\n${USAGE}`);
    return entry;
  });
}

/** The model choices a caller made for the tour (ONELLM_EXAMPLE_MODEL, ONELLM_EXAMPLE_SECOND_MODEL). */
function callerChoices(): Record<string, string> {
  const choices: Record<string, string> = {};
  for (const name of ["ONELLM_EXAMPLE_MODEL", "ONELLM_EXAMPLE_SECOND_MODEL"]) {
    const value = process.env[name];
    if (value) choices[name] = value;
  }
  return choices;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { live: { type: "boolean" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const examples = chosen(positionals);
  const live = values.live === true;
  let mocks: MockProviders | undefined;
  if (live) {
    console.log("onellm example tour on the REAL provider APIs, with the keys in your environment");
  } else {
    mocks = await startMockProviders();
    console.log(`onellm example tour on mock providers at ${mocks.url} (OpenAI, Anthropic and Gemini wire formats; no key needed, nothing leaves this machine)`);
  }
  const failed: string[] = [];
  try {
    for (const entry of examples) {
      console.log(`\n=== ${entry.title} (examples/${entry.name}.ts) ===`);
      const env = mocks === undefined ? process.env : mockEnvironment(process.env, mocks.session(entry.name), callerChoices());
      const run = await runExample(entry.name, env, "inherit");
      if (run.code !== 0) failed.push(entry.name);
    }
  } finally {
    await mocks?.stop();
  }
  console.log(failed.length === 0 ? `\n${examples.length} examples ran.` : `\nFailed: ${failed.join(", ")}`);
  return failed.length === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}
