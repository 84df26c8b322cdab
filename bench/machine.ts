// The machine and versions a run was made on, and how busy the machine was meanwhile: on a shared
// machine that is what decides how far absolute figures can be trusted.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./build.js";

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  undici: string | undefined;
  openaiPackage: string;
  onellm: string;
  commit: string;
}

function version(directory: string): string {
  const manifest = JSON.parse(readFileSync(path.join(directory, "package.json"), "utf8")) as { name: string; version: string };
  return `${manifest.name}@${manifest.version}`;
}

export function describeMachine(): Machine {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "generated", "bench"], { cwd: ROOT, encoding: "utf8" }).trim();
    if (dirty.length > 0) commit += " (with uncommitted changes)";
  } catch {
    // Not a git checkout (an unpacked tarball): the version still names the code.
  }
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    undici: process.versions["undici"],
    openaiPackage: version(path.join(ROOT, "node_modules", "openai")),
    onellm: version(ROOT),
    commit,
  };
}

export interface Busy {
  /** Share of all cores' time spent busy over the run, by every process on the machine. */
  machineBusy: number;
  loadBefore: number[];
  loadAfter: number[];
}

function cpuTimes(): { busy: number; total: number } {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const total = fields.reduce((sum, value) => sum + value, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export function watchBusy(): () => Busy {
  const loadBefore = os.loadavg();
  const before = cpuTimes();
  return () => {
    const after = cpuTimes();
    const total = after.total - before.total;
    return { machineBusy: total > 0 ? (after.busy - before.busy) / total : Number.NaN, loadBefore, loadAfter: os.loadavg() };
  };
}
