// `npm run generate`: specs -> lock check -> redocly lint -> emitters (in memory) -> generated/ and,
// for a provider with no folder yet, starter files in src/providers/<p>/.
// `npm run check:generated` (--check): the same in memory, then exit 1 if generated/ differs.
// --skip-lint: for tests only; CI and developers always lint.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { emitAll } from "./emit-all.js";
import { GeneratorError } from "./generator-error.js";
import { lintSpecs } from "./lint.js";
import { compareWithDisk, isStale, writeGenerated, writeStarters, type Staleness } from "./output.js";
import { loadSpecs } from "./spec-files.js";
import { wantedDocuments } from "./documents.js";
import { mkdir, readFile, writeFile } from "node:fs/promises";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FLAGS = ["--check", "--skip-lint"] as const;

async function main(args: readonly string[]): Promise<number> {
  const unknown = args.filter((arg) => !(FLAGS as readonly string[]).includes(arg));
  if (unknown.length > 0) {
    throw new GeneratorError(`unknown argument ${unknown.join(" ")} (accepted: ${FLAGS.join(", ")})`);
  }
  const check = args.includes("--check");

  const specs = await loadSpecs(ROOT);
  if (!args.includes("--skip-lint")) {
    const { warnings } = await lintSpecs({
      redocly: path.join(ROOT, "node_modules", ".bin", "redocly"),
      cwd: ROOT,
      files: specs.map((spec) => spec.path),
    });
    console.log(`redocly lint: ${specs.length} specs, 0 errors, ${warnings} warnings`);
  }
  const emission = await emitAll(specs);

  const documents = wantedDocuments(ROOT, emission);
  const staleDocuments: typeof documents = [];
  for (const document of documents) {
    const onDisk = await readFile(path.join(ROOT, document.path), "utf8").catch(() => undefined);
    if (onDisk !== document.contents) staleDocuments.push(document);
  }

  if (check) {
    const staleness = await compareWithDisk(ROOT, emission.generated);
    if (isStale(staleness) || staleDocuments.length > 0) {
      const lines = [describe(staleness), ...staleDocuments.map((document) => `  differs  ${document.path} (${document.what})`)].filter((line) => line !== "");
      console.error(`generated output is stale:\n${lines.join("\n")}\nRun \`npm run generate\` and commit the result.`);
      return 1;
    }
    console.log(`generated/ (${emission.generated.length} files) and ${documents.map((document) => document.path).join(", ")} are up to date.`);
    return 0;
  }
  for (const document of staleDocuments) {
    await mkdir(path.dirname(path.join(ROOT, document.path)), { recursive: true });
    await writeFile(path.join(ROOT, document.path), document.contents);
    console.log(`  updated  ${document.path} (${document.what})`);
  }

  const staleness = await writeGenerated(ROOT, emission.generated);
  console.log(
    isStale(staleness)
      ? `generated/ updated:\n${describe(staleness, true)}`
      : `generated/ already up to date (${emission.generated.length} files).`,
  );
  for (const written of await writeStarters(ROOT, emission.starters)) {
    console.log(`  starter ${written}`);
  }
  return 0;
}

/** One line per file; `written` words it as what generate did, otherwise as what --check found. */
function describe({ changed, missing, extra }: Staleness, written = false): string {
  return [
    ...changed.map((file) => `  ${written ? "updated" : "differs"}  ${file}`),
    ...missing.map((file) => `  ${written ? "added  " : "missing"}  ${file}`),
    ...extra.map((file) => `  ${written ? "removed" : "extra  "}  ${file}`),
  ].join("\n");
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof GeneratorError)) throw error;
  console.error(`generate: ${error.message}`);
  process.exitCode = 1;
}
