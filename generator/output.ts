// The only place that touches generated/ and src/providers/ on disk.
import { mkdir, readFile, readdir, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ProviderStarter } from "./emit-all.js";
import { GENERATED_DIR, providerSourceDir, type GeneratedFile } from "./output-paths.js";

export interface Staleness {
  /** On disk with other contents. */
  readonly changed: readonly string[];
  /** Expected but absent. */
  readonly missing: readonly string[];
  /** On disk under generated/ but no longer generated. */
  readonly extra: readonly string[];
}

export function isStale(staleness: Staleness): boolean {
  return staleness.changed.length + staleness.missing.length + staleness.extra.length > 0;
}

export async function compareWithDisk(root: string, files: readonly GeneratedFile[]): Promise<Staleness> {
  const onDisk = new Set(await listFiles(root, GENERATED_DIR));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    if (!onDisk.has(file.path)) {
      missing.push(file.path);
    } else if ((await readFile(path.join(root, file.path), "utf8")) !== file.contents) {
      changed.push(file.path);
    }
    onDisk.delete(file.path);
  }
  return { changed, missing, extra: [...onDisk].sort() };
}

/** Makes generated/ hold exactly `files`: writes what differs, deletes what is no longer generated. */
export async function writeGenerated(root: string, files: readonly GeneratedFile[]): Promise<Staleness> {
  const staleness = await compareWithDisk(root, files);
  const toWrite = new Set([...staleness.changed, ...staleness.missing]);
  for (const file of files) {
    if (toWrite.has(file.path)) {
      await mkdir(path.dirname(path.join(root, file.path)), { recursive: true });
      await writeFile(path.join(root, file.path), file.contents);
    }
  }
  for (const extra of staleness.extra) {
    await rm(path.join(root, extra));
    await removeEmptyDirs(root, path.posix.dirname(extra));
  }
  return staleness;
}

/**
 * Writes each provider's starter files unless src/providers/<p>/ exists. The folder is claimed with a
 * non-recursive mkdir, which fails when it exists, so a hand-written provider is never overwritten.
 * Returns the paths written.
 */
export async function writeStarters(root: string, starters: readonly ProviderStarter[]): Promise<string[]> {
  const written: string[] = [];
  for (const { provider, files } of starters) {
    const dir = path.join(root, providerSourceDir(provider));
    await mkdir(path.dirname(dir), { recursive: true });
    try {
      await mkdir(dir);
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "EEXIST") continue;
      throw error;
    }
    for (const file of files) {
      await writeFile(path.join(root, file.path), file.contents, { flag: "wx" });
      written.push(file.path);
    }
  }
  return written;
}

/** Files under `dir` (relative to root), as sorted root-relative "/" paths. */
async function listFiles(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true }).catch((error: unknown) => {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return [];
    throw error;
  });
  const files: string[] = [];
  for (const entry of entries) {
    const entryPath = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(root, entryPath)));
    else files.push(entryPath);
  }
  return files.sort();
}

async function removeEmptyDirs(root: string, dir: string): Promise<void> {
  for (let current = dir; current !== GENERATED_DIR && current.startsWith(`${GENERATED_DIR}/`); current = path.posix.dirname(current)) {
    const remaining = await readdir(path.join(root, current));
    if (remaining.length > 0) return;
    await rmdir(path.join(root, current));
  }
}
