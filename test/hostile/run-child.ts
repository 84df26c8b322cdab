// Runs a TypeScript script from ./children in its own Node process (through tsx), for what a test
// process cannot show about itself: a fatal V8 error under a memory cap, the peak RSS of one call,
// a faked wall clock, whether the process exits. The child prints one JSON line last; it is stopped
// by its own handle when it overruns (never by name). No vitest imports.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const CHILDREN = path.join(path.dirname(fileURLToPath(import.meta.url)), "children");
/** Maps the package's own imports (`#media-downloader`) to the source (shared with the example tour). */
const SOURCE_IMPORTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "scripts", "source-imports.mjs");

export interface ChildRun {
  /** Exit code, null when killed or crashed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the child overran `limitMs` and was killed. */
  killed: boolean;
  stdout: string;
  stderr: string;
  /** The last stdout line, parsed (undefined when it is not JSON). */
  result: Record<string, unknown> | undefined;
  elapsedMs: number;
}

export interface ChildOptions {
  args?: readonly string[];
  /** Extra node flags, e.g. --max-old-space-size=96 or --expose-gc. */
  nodeFlags?: readonly string[];
  /** Killed after this long. */
  limitMs: number;
}

export function runChild(script: string, options: ChildOptions): Promise<ChildRun> {
  const started = performance.now();
  const flags = [...(options.nodeFlags ?? []), "--import", "tsx", "--import", pathToFileURL(SOURCE_IMPORTS).href];
  const child = spawn(process.execPath, [...flags, path.join(CHILDREN, script), ...(options.args ?? [])], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill("SIGKILL");
  }, options.limitMs);
  return new Promise((resolve, reject) => {
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split("\n").pop() ?? "";
      let result: Record<string, unknown> | undefined;
      try {
        result = JSON.parse(last) as Record<string, unknown>;
      } catch {
        result = undefined;
      }
      resolve({ code, signal, killed, stdout, stderr, result, elapsedMs: performance.now() - started });
    });
  });
}
