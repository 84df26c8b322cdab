// `npm run spec:sync`: upstream provider specs -> spec/providers/<p>.yaml and
// spec/unified/openapi.yaml (slice, strip prose, normalise, apply overlay),
// then spec/spec.lock.json.
//
//   tsx generator/spec-sync.ts                          # every spec, upstream from ../shared/specs/upstream
//   tsx generator/spec-sync.ts anthropic=/path/x.yaml   # one provider from a given upstream file
//   tsx generator/spec-sync.ts gemini unified           # some specs, default upstream files
//   tsx generator/spec-sync.ts --check                  # write nothing; exit 1 if a derived file is stale
//
// Only this script reads ../shared; everything else builds from spec/.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseOverlay } from "./spec-sync/overlay.js";
import { buildLock, serializeSpec, sha256 } from "./spec-sync/output.js";
import { deriveSpec, parseUpstream, type NamedOverlay } from "./spec-sync/pipeline.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const UPSTREAM_DIR = resolve(ROOT, "../shared/specs/upstream");
const LOCK_FILE = "spec/spec.lock.json";
const LOCKED_DIRECTORIES = ["spec/providers", "spec/unified"];

interface Target {
  /** Name on the command line and in x-onellm.provider. */
  name: string;
  /** Which upstream file it is cut from (a provider name; unified is cut from openai's). */
  upstreamOf: string;
  /** Overlays applied in order, relative to the project root. */
  overlays: string[];
  output: string;
  /** Keep schema descriptions (first paragraph): the unified spec's become JSDoc in users' editors. */
  keepDescriptions?: boolean;
}

/** Default upstream file per provider, relative to ../shared/specs/upstream (see its SOURCES.md). */
const DEFAULT_UPSTREAM: Record<string, string> = {
  openai: "openai/openapi.yaml",
  anthropic: "anthropic/openapi.yaml",
  gemini: "google/openapi.json",
};

const TARGETS: Target[] = [
  { name: "openai", upstreamOf: "openai", overlays: ["spec/overlays/openai.yaml"], output: "spec/providers/openai.yaml" },
  { name: "anthropic", upstreamOf: "anthropic", overlays: ["spec/overlays/anthropic.yaml"], output: "spec/providers/anthropic.yaml" },
  { name: "gemini", upstreamOf: "gemini", overlays: ["spec/overlays/gemini.yaml"], output: "spec/providers/gemini.yaml" },
  {
    name: "unified",
    upstreamOf: "openai",
    overlays: ["spec/overlays/openai.yaml", "spec/overlays/unified.yaml"],
    output: "spec/unified/openapi.yaml",
    keepDescriptions: true,
  },
];

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

function parseArguments(argv: readonly string[]): { check: boolean; selected: Target[]; upstream: Record<string, string> } {
  const upstream: Record<string, string> = {};
  for (const [name, file] of Object.entries(DEFAULT_UPSTREAM)) upstream[name] = join(UPSTREAM_DIR, file);
  const names = new Set<string>();
  let check = false;
  for (const argument of argv) {
    if (argument === "--check") {
      check = true;
      continue;
    }
    const [name = "", file] = argument.split(/=(.*)/s);
    if (!TARGETS.some((target) => target.name === name)) {
      throw new Error(`unknown spec "${name}"; expected one of ${TARGETS.map((target) => target.name).join(", ")}`);
    }
    names.add(name);
    if (file !== undefined) {
      if (!(name in DEFAULT_UPSTREAM)) throw new Error(`${name} is derived from another provider's upstream; give that one a path`);
      upstream[name] = isAbsolute(file) ? file : resolve(process.cwd(), file);
    }
  }
  // unified is cut from the OpenAI upstream, so a new OpenAI file refreshes both.
  if (names.has("openai")) names.add("unified");
  const selected = names.size === 0 ? TARGETS : TARGETS.filter((target) => names.has(target.name));
  return { check, selected, upstream };
}

function main(): void {
  const { check, selected, upstream } = parseArguments(process.argv.slice(2));
  const stale: string[] = [];
  const parsed = new Map<string, { doc: ReturnType<typeof parseUpstream>; text: string }>();
  for (const target of selected) {
    const upstreamFile = upstream[target.upstreamOf] as string;
    let source = parsed.get(upstreamFile);
    if (source === undefined) {
      const text = readFileSync(upstreamFile, "utf8");
      source = { doc: parseUpstream(text), text };
      parsed.set(upstreamFile, source);
    }
    const overlays: NamedOverlay[] = target.overlays.map((file) => ({
      file,
      overlay: parseOverlay(readFileSync(join(ROOT, file), "utf8"), file),
    }));
    const derived = deriveSpec(source.doc, overlays, { keepDescriptions: target.keepDescriptions === true });
    const text = serializeSpec(derived, {
      upstream: toPosix(relative(ROOT, upstreamFile)),
      upstreamSha256: sha256(readFileSync(upstreamFile)),
      overlays: target.overlays,
    });
    const outputFile = join(ROOT, target.output);
    let current: string | undefined;
    try {
      current = readFileSync(outputFile, "utf8");
    } catch {
      current = undefined;
    }
    if (current === text) {
      console.log(`${target.output}: unchanged`);
      continue;
    }
    stale.push(target.output);
    if (check) {
      console.log(`${target.output}: stale`);
      continue;
    }
    mkdirSync(dirname(outputFile), { recursive: true });
    writeFileSync(outputFile, text);
    console.log(`${target.output}: written (${text.length} bytes)`);
  }
  const lock = buildLock(ROOT, LOCKED_DIRECTORIES);
  let currentLock: string | undefined;
  try {
    currentLock = readFileSync(join(ROOT, LOCK_FILE), "utf8");
  } catch {
    currentLock = undefined;
  }
  if (currentLock !== lock) {
    stale.push(LOCK_FILE);
    if (!check) writeFileSync(join(ROOT, LOCK_FILE), lock);
    console.log(`${LOCK_FILE}: ${check ? "stale" : "written"}`);
  }
  if (check && stale.length > 0) process.exitCode = 1;
}

try {
  main();
} catch (error) {
  console.error(`spec:sync: ${(error as Error).message}`);
  process.exitCode = 1;
}
