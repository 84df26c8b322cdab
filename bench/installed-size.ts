// Installed size: what `npm install <package>` puts on disk, the package and its runtime
// dependencies (optional peers not counted). onellm's own files are what `npm pack` would publish.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./build.js";

export interface InstalledSize {
  bytes: number;
  files: number;
  /** The package and its runtime dependencies, name@version. */
  packages: string[];
}

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

function readPackage(directory: string): PackageJson {
  return JSON.parse(readFileSync(path.join(directory, "package.json"), "utf8")) as PackageJson;
}

/** Bytes and files under `directory`, leaving out nested node_modules (counted as packages). */
function directorySize(directory: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      const inner = directorySize(full);
      bytes += inner.bytes;
      files += inner.files;
    } else if (entry.isFile()) {
      bytes += statSync(full).size;
      files++;
    }
  }
  return { bytes, files };
}

/** Node's lookup: the nearest node_modules/<name> from `from` upwards. */
function resolvePackageDirectory(name: string, from: string): string {
  for (let directory = from; ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (directory === path.dirname(directory)) throw new Error(`${name} is not installed (looked up from ${from})`);
  }
}

function addDependencies(dependencies: Record<string, string> | undefined, from: string, total: InstalledSize, seen: Set<string>): void {
  for (const name of Object.keys(dependencies ?? {})) {
    const directory = resolvePackageDirectory(name, from);
    if (seen.has(directory)) continue;
    seen.add(directory);
    const manifest = readPackage(directory);
    const size = directorySize(directory);
    total.bytes += size.bytes;
    total.files += size.files;
    total.packages.push(`${manifest.name}@${manifest.version}`);
    addDependencies(manifest.dependencies, directory, total, seen);
  }
}

export function installedPackageSize(name: string): InstalledSize {
  const total: InstalledSize = { bytes: 0, files: 0, packages: [] };
  addDependencies({ [name]: "*" }, ROOT, total, new Set());
  return total;
}

/** onellm as published: `npm pack`'s file list (dist/ must be built), plus its runtime dependencies. */
export function installedOwnSize(): InstalledSize {
  const packed = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
  if (packed.status !== 0) throw new Error(`npm pack --dry-run failed: ${packed.stderr}`);
  const [summary] = JSON.parse(packed.stdout) as { unpackedSize: number; entryCount: number; name: string; version: string }[];
  if (!summary) throw new Error("npm pack --dry-run printed no package");
  const total: InstalledSize = { bytes: summary.unpackedSize, files: summary.entryCount, packages: [`${summary.name}@${summary.version}`] };
  addDependencies(readPackage(ROOT).dependencies, ROOT, total, new Set());
  return total;
}
