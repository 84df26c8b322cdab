// What the package project's global setup hands its tests, and small shared pieces.
import { execFile, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
/** The @opentelemetry/api version installed beside the package (the devDependency's, so both agree). */
export const OTEL_API_VERSION = "1.9.0";

export interface PackageCheck {
  /** The packed .tgz, exactly what `npm publish` would upload. */
  tarball: string;
  /** A temp project with the tarball (and @opentelemetry/api) installed from the registry. */
  consumerDir: string;
  workDir: string;
  /** The consumers compiled with module/moduleResolution nodenext into <consumerDir>/out. */
  nodenext: Compilation;
}

export interface Compilation {
  code: number | null;
  output: string;
}

export const CONSUMER_SOURCES = ["consumer.mts", "consumer.cts"] as const;

export type ResolutionMode = "node16" | "nodenext" | "bundler";

/**
 * Type-checks the consumers in `consumerDir` as a TypeScript user with that resolution mode would:
 * strict, library checking on, no @types/node (the public types must not need Node's). nodenext
 * also emits the JavaScript the runtime checks execute.
 */
export function compileConsumers(consumerDir: string, mode: ResolutionMode): Compilation {
  const compilerOptions: Record<string, unknown> = {
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    types: [],
    strict: true,
    skipLibCheck: false,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    ...(mode === "bundler" ? { module: "preserve", moduleResolution: "bundler", noEmit: true } : { module: mode, moduleResolution: mode }),
    ...(mode === "nodenext" ? { outDir: "out", rootDir: "." } : mode === "node16" ? { noEmit: true } : {}),
  };
  // Bundler resolution reads the import conditions only: the ES-module consumer is what it serves.
  const files = mode === "bundler" ? ["consumer.mts"] : [...CONSUMER_SOURCES];
  const config = `tsconfig.${mode}.json`;
  writeFileSync(`${consumerDir}/${config}`, `${JSON.stringify({ compilerOptions, files }, null, 2)}\n`);
  const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", config], { cwd: consumerDir, encoding: "utf8" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

declare module "vitest" {
  export interface ProvidedContext {
    packageCheck: PackageCheck;
  }
}

export function packageCheck(): PackageCheck {
  return inject("packageCheck");
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion (never throws for a non-zero exit: the test reads `code`). */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ code, stdout, stderr: error !== null && code === null ? `${stderr}\n${error.message}` : stderr });
      },
    );
  });
}

/** The last line of stdout parsed as JSON (the consumers print one result line). */
export function lastJsonLine(result: RunResult): Record<string, unknown> {
  const lines = result.stdout.trim().split("\n");
  const last = lines[lines.length - 1] ?? "";
  try {
    return JSON.parse(last) as Record<string, unknown>;
  } catch {
    throw new Error(`expected a JSON result line; exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}
