// The bench's child processes: the mock server, and one worker per client variant. Each is
// stopped by its own handle; nothing is found or killed by name. `execArgv: []`: the bench itself
// runs under tsx, whose loader must not ride into the measured processes.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { BUILD } from "./build.js";
import type { MemoryResult, Task, TaskResult } from "./worker.js";

type Reply = { ok: true; result: unknown } | { ok: false; error: string } | { ready: true } | { port: number };

function nextMessage(child: ChildProcess, what: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Reply) => {
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`${what} exited (code ${code}, signal ${signal}) before answering`));
    };
    const cleanup = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

export interface Server {
  url: string;
  stop(): Promise<void>;
}

export async function startServer(): Promise<Server> {
  const child = fork(path.join(BUILD, "server.js"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv: [] });
  const reply = await nextMessage(child, "bench server");
  if (!("port" in reply)) throw new Error("bench server did not report its port");
  return { url: `http://127.0.0.1:${reply.port}`, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    // Closing the IPC channel asks the child to exit; the signal is for one that does not.
    if (child.connected) child.disconnect();
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

export interface Worker {
  readonly variant: string;
  run(task: Task): Promise<TaskResult>;
  stop(): Promise<void>;
}

export async function startWorker(variant: string, url: string): Promise<Worker> {
  const what = `worker ${variant}`;
  const child = fork(path.join(BUILD, "worker.js"), [variant, url, "serve"], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv: [] });
  const ready = await nextMessage(child, what);
  if (!("ready" in ready)) throw new Error(`${what} failed to start: ${"error" in ready ? ready.error : JSON.stringify(ready)}`);
  return {
    variant,
    async run(task) {
      const answer = nextMessage(child, what);
      child.send(task);
      const reply = await answer;
      if ("ok" in reply && reply.ok) return reply.result as TaskResult;
      throw new Error(`${what}, task ${task.kind}: ${"error" in reply ? reply.error : JSON.stringify(reply)}`);
    },
    stop: () => stop(child),
  };
}

/** One fresh process for one memory case: nothing measured before it shares its heap. */
export async function runMemoryCase(variant: string, url: string, mode: "million" | "concurrent", env: Record<string, string>): Promise<MemoryResult> {
  const what = `worker ${variant} (${mode})`;
  const child = fork(path.join(BUILD, "worker.js"), [variant, url, mode], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // gc() lets the worker start its measurement from a collected heap (same for every client).
    execArgv: ["--expose-gc"],
    env: { ...process.env, ...env },
  });
  try {
    const reply = await nextMessage(child, what);
    if ("ok" in reply && reply.ok) return reply.result as MemoryResult;
    throw new Error(`${what}: ${"error" in reply ? reply.error : JSON.stringify(reply)}`);
  } finally {
    await stop(child);
  }
}
