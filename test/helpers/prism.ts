// Start and stop a Prism mock server (`prism mock <spec>`) on 127.0.0.1 for contract tests.
//
// Facts about Prism 5.14 this helper relies on (checked by hand against the installed CLI):
// - A request that breaks the spec gets 422 (application/problem+json) WITHOUT `--errors`,
//   unless the operation itself defines a 422/400/default response, which Prism then serves.
// - `--errors` only adds 500s for violations of Prism's own *response* (e.g. a spec example that
//   breaks its schema), so it is off by default here (`errors: true` turns it on).
// - Prism checks `security` requirements (missing credentials -> 401).
// - Without `-m` Prism is one node process (no cluster fork), and we spawn that node process
//   ourselves (process.execPath + Prism's script), so the PID we hold is the server itself.
//   It is NOT detached: it stays in vitest's process group, so a Ctrl-C or a CI kill of the
//   group ends it too instead of leaving an orphan holding a port.
//
// No vitest imports here: usable from plain scripts.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LOOPBACK, canConnect, freePort } from "./free-port.js";

/** The specs the global setup serves, relative to the repository root. */
export const PRISM_SPECS = {
  openai: "spec/providers/openai.yaml",
  anthropic: "spec/providers/anthropic.yaml",
  gemini: "spec/providers/gemini.yaml",
  mistral: "spec/providers/mistral.yaml",
  groq: "spec/providers/groq.yaml",
  xai: "spec/providers/xai.yaml",
  ollama: "spec/providers/ollama.yaml",
  cohere: "spec/providers/cohere.yaml",
  bedrock: "spec/providers/bedrock.yaml",
  vertex: "spec/providers/vertex.yaml",
  "vertex-anthropic": "spec/providers/vertex-anthropic.yaml",
  unified: "spec/unified/openapi.yaml",
} as const;

export type PrismName = keyof typeof PRISM_SPECS;

export interface PrismOptions {
  /** `--dynamic`: generate responses from schemas instead of serving examples. */
  dynamic?: boolean;
  /** `--errors`: turn response violations into 500s (see the note at the top). Default false. */
  errors?: boolean;
  /** `--seed` for deterministic dynamic examples. */
  seed?: string;
  /** Ceiling for startup. Default 60 000 ms. */
  startTimeoutMs?: number;
}

export interface PrismServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  port: number;
  pid: number;
  /** The last lines Prism printed (stdout and stderr), for diagnostics. */
  output(): string;
  /** Kill the Prism process by PID, await its exit and the release of the port. Idempotent. */
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PRISM_BIN = path.join(REPO_ROOT, "node_modules", ".bin", "prism");
const MAX_LINES = 200;
const STOP_GRACE_MS = 5_000;
const READY_PATTERN = /Prism is listening on/;

/** Live Prism children, killed synchronously if the parent exits without teardown. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of live) {
      try {
        child.kill("SIGKILL");
      } catch {
        // already gone
      }
    }
  });
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

class OutputLog {
  private lines: string[] = [];
  private partial = "";
  private listeners: Array<(line: string) => void> = [];

  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString("utf8").replace(ANSI, "");
    const parts = text.split(/\r?\n/);
    this.partial = parts.pop() ?? "";
    for (const line of parts) this.add(line);
  }

  flush(): void {
    if (this.partial !== "") this.add(this.partial);
    this.partial = "";
  }

  onLine(listener: (line: string) => void): void {
    this.listeners.push(listener);
  }

  tail(n = 40): string {
    return this.lines.slice(-n).join("\n");
  }

  private add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > MAX_LINES) this.lines.splice(0, this.lines.length - MAX_LINES);
    for (const listener of this.listeners) listener(line);
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off("exit", onExit);
      resolve(false);
    }, ms);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once("exit", onExit);
  });
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (!exited(child)) {
    child.kill("SIGTERM");
    if (!(await waitForExit(child, STOP_GRACE_MS))) {
      child.kill("SIGKILL");
      await waitForExit(child, STOP_GRACE_MS);
    }
  }
  live.delete(child);
}

async function waitUntilRefused(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (await canConnect(port)) {
    if (Date.now() > deadline) throw new Error(`Prism stopped but 127.0.0.1:${port} still accepts connections`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type StartResult =
  | { ok: true }
  | { ok: false; reason: string; addressInUse: boolean };

function waitUntilReady(child: ChildProcess, log: OutputLog, port: number, timeoutMs: number): Promise<StartResult> {
  return new Promise((resolve) => {
    let settled = false;
    let sawListening = false;
    let addressInUse = false;
    const settle = (result: StartResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      child.off("exit", onExit);
      child.off("error", onError);
      resolve(result);
    };
    const timer = setTimeout(
      () => settle({ ok: false, reason: `did not start listening within ${timeoutMs} ms`, addressInUse: false }),
      timeoutMs,
    );
    // Fallback readiness probe in case the log line changes: a TCP connect that succeeds.
    // Only trusted together with the process still being alive.
    let probing = false;
    const poll = setInterval(() => {
      if (probing || settled) return;
      probing = true;
      void canConnect(port).then((ok) => {
        probing = false;
        if (ok && !exited(child)) settle({ ok: true });
      });
    }, 250);
    log.onLine((line) => {
      if (/EADDRINUSE/.test(line)) addressInUse = true;
      if (!sawListening && READY_PATTERN.test(line)) {
        sawListening = true;
        void canConnect(port).then((ok) => {
          if (ok) settle({ ok: true });
        });
      }
    });
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      log.flush();
      settle({
        ok: false,
        reason: `exited before listening (code ${code ?? "null"}, signal ${signal ?? "none"})`,
        addressInUse,
      });
    };
    const onError = (err: Error): void => settle({ ok: false, reason: `could not be spawned: ${err.message}`, addressInUse: false });
    child.once("exit", onExit);
    child.once("error", onError);
  });
}

/**
 * Spawn `prism mock <specPath> -h 127.0.0.1 -p <free port>` and resolve once it listens.
 * Rejects (with Prism's last output lines) if it exits first or does not listen within 60 s.
 */
export async function startPrism(specPath: string, options: PrismOptions = {}): Promise<PrismServer> {
  const spec = path.resolve(specPath);
  if (!existsSync(spec)) throw new Error(`startPrism: spec file not found: ${spec}`);
  if (!existsSync(PRISM_BIN)) throw new Error(`startPrism: Prism CLI not found at ${PRISM_BIN} (npm install?)`);
  const script = realpathSync(PRISM_BIN);
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  installExitHook();

  const attempts = 3;
  let lastError = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = await freePort();
    const args = [script, "mock", spec, "-h", LOOPBACK, "-p", String(port)];
    if (options.dynamic) args.push("--dynamic");
    if (options.errors) args.push("--errors");
    if (options.seed !== undefined) args.push("--seed", options.seed);

    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    live.add(child);
    const log = new OutputLog();
    // Always drain both pipes, for the whole life of the process, so Prism never blocks on a full pipe.
    child.stdout?.on("data", (chunk: Buffer) => log.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => log.push(chunk));

    const result = await waitUntilReady(child, log, port, timeoutMs);
    if (result.ok && child.pid !== undefined) {
      const pid = child.pid;
      let stopping: Promise<void> | undefined;
      return {
        url: `http://${LOOPBACK}:${port}`,
        port,
        pid,
        output: () => log.tail(MAX_LINES),
        stop: () => {
          stopping ??= (async () => {
            await killAndWait(child);
            await waitUntilRefused(port, STOP_GRACE_MS);
          })();
          return stopping;
        },
      };
    }

    await killAndWait(child);
    const reason = result.ok ? "spawned without a PID" : result.reason;
    lastError = `Prism (${path.relative(REPO_ROOT, spec)}, port ${port}) ${reason}.\n--- last Prism output ---\n${log.tail()}`;
    const retry = !result.ok && result.addressInUse && attempt < attempts;
    if (!retry) break;
  }
  throw new Error(`startPrism failed: ${lastError}`);
}
