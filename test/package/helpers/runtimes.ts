// The other runtimes the consumer runs on, installed from the npm registry as platform-binary
// packages (pinned in test/package/runtimes/package.json and its lock; no download scripts run).
// Installed on first use; a runtime that cannot be installed here is reported with the reason.
import { existsSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, run } from "./package-check.js";

const RUNTIMES_DIR = path.join(REPO_ROOT, "test", "package", "runtimes");

export const RUNTIME_BINARIES = {
  "node 22": "node_modules/node22/bin/node",
  "node 24": "node_modules/node24/bin/node",
  bun: "node_modules/@oven/bun-linux-x64/bin/bun",
  deno: "node_modules/@deno/linux-x64-glibc/deno",
} as const;

export type RuntimeName = keyof typeof RUNTIME_BINARIES;

export type Runtime = { binary: string; version: string } | { skipped: string };

let installation: Promise<string | undefined> | undefined;

function binaryPath(name: RuntimeName): string {
  return path.join(RUNTIMES_DIR, RUNTIME_BINARIES[name]);
}

/** Installs the pinned runtimes once (npm ci from the lock), unless every binary is already there. */
function install(): Promise<string | undefined> {
  installation ??= (async () => {
    if ((Object.keys(RUNTIME_BINARIES) as RuntimeName[]).every((name) => existsSync(binaryPath(name)))) return undefined;
    if (process.platform !== "linux" || process.arch !== "x64") return `the pinned runtime packages are linux-x64 builds; this is ${process.platform}-${process.arch}`;
    const result = await run("npm", ["ci", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: RUNTIMES_DIR, timeoutMs: 540_000 });
    return result.code === 0 ? undefined : `npm ci in test/package/runtimes failed (exit ${result.code}): ${result.stderr.trim().split("\n").slice(-3).join(" | ")}`;
  })();
  return installation;
}

export async function runtime(name: RuntimeName): Promise<Runtime> {
  const failure = await install();
  const binary = binaryPath(name);
  if (!existsSync(binary)) return { skipped: failure ?? `${RUNTIME_BINARIES[name]} is missing after installing test/package/runtimes` };
  const probe = await run(binary, ["--version"], { cwd: RUNTIMES_DIR, timeoutMs: 30_000 });
  if (probe.code !== 0) return { skipped: `${binary} --version failed (exit ${probe.code}): ${probe.stderr.trim()}` };
  return { binary, version: probe.stdout.trim().split("\n")[0] ?? "" };
}
