// Finds the specs, proves each is what spec:sync wrote (sha256 against spec/spec.lock.json), parses it
// and reads its x-onellm block. Paths are relative to the project root, with "/" on every platform.
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { GeneratorError } from "./generator-error.js";
import { isRecord, type OpenAPIDocument } from "./openapi.js";
import { readProviderConfig, readUnifiedConfig, type ProviderConfig } from "./onellm-config.js";

export const UNIFIED_SPEC = "spec/unified/openapi.yaml";
export const PROVIDER_SPEC_DIR = "spec/providers";
export const SPEC_LOCK = "spec/spec.lock.json";

export interface SpecFile {
  readonly path: string;
  readonly sha256: string;
  readonly text: string;
}

export interface UnifiedSpec extends SpecFile {
  readonly kind: "unified";
  readonly document: OpenAPIDocument;
}

export interface ProviderSpec extends SpecFile {
  readonly kind: "provider";
  readonly document: OpenAPIDocument;
  readonly config: ProviderConfig;
}

export type LoadedSpec = UnifiedSpec | ProviderSpec;

export function sha256(bytes: string | Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The unified spec first, then `spec/providers/*.yaml` by name. */
export async function discoverSpecs(root: string): Promise<string[]> {
  const providerFiles = await readdir(path.join(root, PROVIDER_SPEC_DIR)).catch((error: unknown) => {
    if (isMissingFile(error)) return [];
    throw error;
  });
  return [
    UNIFIED_SPEC,
    ...providerFiles
      .filter((name) => name.endsWith(".yaml"))
      .sort()
      .map((name) => `${PROVIDER_SPEC_DIR}/${name}`),
  ];
}

export async function readSpecFile(root: string, specPath: string): Promise<SpecFile> {
  const bytes = await readFile(path.join(root, specPath)).catch((error: unknown) => {
    if (isMissingFile(error)) {
      throw new GeneratorError(`${specPath} is missing; run \`npm run spec:sync\` to write it`);
    }
    throw error;
  });
  return { path: specPath, sha256: sha256(bytes), text: bytes.toString("utf8") };
}

/**
 * Each spec's sha256 must be the one spec:sync recorded: a derived spec is never edited by hand
 * (fixes go in spec/overlays/). Reports every mismatch at once.
 */
export function verifyLock(files: readonly SpecFile[], lockText: string | undefined): void {
  const rerun = "Derived specs are written only by `npm run spec:sync` (fixes go in spec/overlays/): run it, then `npm run generate`.";
  if (lockText === undefined) {
    throw new GeneratorError(`${SPEC_LOCK} is missing. ${rerun}`);
  }
  let lock: unknown;
  try {
    lock = JSON.parse(lockText);
  } catch (error) {
    throw new GeneratorError(`${SPEC_LOCK} is not valid JSON (${String(error)}). ${rerun}`);
  }
  if (!isRecord(lock)) {
    throw new GeneratorError(`${SPEC_LOCK} must be an object of { "<spec path>": "<sha256>" }. ${rerun}`);
  }
  const problems = files.flatMap((file) => {
    const locked = lock[file.path];
    if (locked === undefined) return [`${file.path} has no entry in ${SPEC_LOCK}`];
    if (locked !== file.sha256) {
      return [`${file.path} has sha256 ${file.sha256}, but ${SPEC_LOCK} records ${String(locked)}`];
    }
    return [];
  });
  if (problems.length > 0) {
    throw new GeneratorError(`spec lock mismatch:\n  ${problems.join("\n  ")}\n${rerun}`);
  }
}

export function parseSpec(file: SpecFile): LoadedSpec {
  let document: unknown;
  try {
    document = parse(file.text);
  } catch (error) {
    throw new GeneratorError(`${file.path} is not valid YAML: ${String(error)}`);
  }
  if (!isRecord(document)) {
    throw new GeneratorError(`${file.path} is not an OpenAPI document`);
  }
  if (file.path === UNIFIED_SPEC) {
    readUnifiedConfig(file.path, document);
    return { ...file, kind: "unified", document };
  }
  const provider = path.posix.basename(file.path, ".yaml");
  return { ...file, kind: "provider", document, config: readProviderConfig(file.path, document, provider) };
}

export async function loadSpecs(root: string): Promise<LoadedSpec[]> {
  const files = await Promise.all((await discoverSpecs(root)).map((specPath) => readSpecFile(root, specPath)));
  const lockText = await readFile(path.join(root, SPEC_LOCK), "utf8").catch((error: unknown) => {
    if (isMissingFile(error)) return undefined;
    throw error;
  });
  verifyLock(files, lockText);
  return files.map(parseSpec);
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
