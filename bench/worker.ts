// One client in one process: `node worker.js <variant> <baseURL> <mode>`. CPU is measured with
// process.cpuUsage() around each task (every thread of this process, GC included, and nothing of
// the server's); memory with the process's own peak RSS. Every task checks what the client read.
//   serve       tasks over IPC from bench/run.ts (CPU rounds, TTFC, peak RSS)
//   million     one stream of BENCH_MILLION_CHUNKS chunks whose text is kept: peak RSS growth
//   concurrent  BENCH_CONCURRENT_STREAMS streams at once: peak RSS
//   profile     a fixed workload for --cpu-prof or callgrind (bench/profile.ts)
import { writeFileSync } from "node:fs";
import { createClient } from "./clients/index.js";
import { parseVariant, type BenchClient } from "./clients/contract.js";
import { chunkText, COMPLETION_TEXT, expectedTextLength, modelFor, type StreamShape } from "./formats.js";

export type Task =
  | { kind: "warmup"; requests: number; streams: number }
  | { kind: "sequential"; count: number }
  | { kind: "parallel"; count: number; inFlight: number }
  | { kind: "stream"; count: number; chunks: number }
  | { kind: "ttfc"; count: number }
  | { kind: "rss" };

export interface TaskResult {
  /** User + system CPU of this process over the task, in microseconds. */
  cpuMicros: number;
  wallMs: number;
  /** TTFC samples in microseconds (ttfc task). */
  samples?: number[];
  /** Peak RSS of this process so far, in bytes (rss task). */
  maxRssBytes?: number;
}

export interface MemoryResult {
  /** RSS after setup, warm-up and a garbage collection, just before the measured work. */
  baselineBytes: number;
  peakBytes: number;
  /** Characters of text the caller kept (ASCII here, so also bytes). */
  contentBytes: number;
  wallMs: number;
  cpuMicros: number;
}

/** The TTFC stream: the head at once, then 2 events every 5 ms; only the first chunk is timed. */
export const TTFC_SHAPE: StreamShape = { chunks: 10, pauseMs: 5, eventsPerWrite: 2 };
/** The concurrent streams: 200 chunks, 10 per write every 100 ms, so all are open at once. */
export const CONCURRENT_SHAPE: StreamShape = { chunks: 200, pauseMs: 100, eventsPerWrite: 10 };

const maxRss = (): number => process.resourceUsage().maxRSS * 1024;

/**
 * Starts a memory measurement: collects garbage (memory workers run with --expose-gc) and resets
 * the kernel's peak-RSS mark to the current RSS, so the peak read afterwards is this work's own,
 * not the warm-up's. Returns the RSS the growth is counted from.
 */
function startMemoryMeasurement(): number {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) collect();
  try {
    writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    // Not Linux: the peak then includes the warm-up's, which only ever overstates the growth.
  }
  return process.memoryUsage.rss();
}

async function complete(client: BenchClient): Promise<void> {
  const text = await client.complete();
  if (text !== COMPLETION_TEXT) throw new Error(`completion text was ${JSON.stringify(text)}`);
}

/** One stream read to the end; throws unless every chunk's text arrived. */
async function stream(client: BenchClient, shape: StreamShape, onText?: (text: string) => void): Promise<void> {
  let length = 0;
  let pieces = 0;
  await client.stream(modelFor(shape), (text) => {
    if (text === undefined || text.length === 0) return;
    length += text.length;
    pieces++;
    onText?.(text);
  });
  const expected = expectedTextLength(shape.chunks);
  if (length !== expected || pieces !== shape.chunks) {
    throw new Error(`stream of ${shape.chunks} chunks gave ${pieces} text chunks, ${length} characters (expected ${expected})`);
  }
}

const burst = (chunks: number): StreamShape => ({ chunks, pauseMs: 0, eventsPerWrite: 0 });

async function measure(work: () => Promise<number[] | void>): Promise<TaskResult> {
  const started = performance.now();
  const before = process.cpuUsage();
  const samples = await work();
  const used = process.cpuUsage(before);
  const result: TaskResult = { cpuMicros: used.user + used.system, wallMs: performance.now() - started };
  if (samples) result.samples = samples;
  return result;
}

async function run(client: BenchClient, task: Task): Promise<TaskResult> {
  switch (task.kind) {
    case "warmup":
      return measure(async () => {
        for (let index = 0; index < task.requests; index++) await complete(client);
        for (let index = 0; index < task.streams; index++) await stream(client, burst(2000));
        for (let index = 0; index < 3; index++) await stream(client, TTFC_SHAPE);
      });
    case "sequential":
      return measure(async () => {
        for (let index = 0; index < task.count; index++) await complete(client);
      });
    case "parallel":
      return measure(async () => {
        let started = 0;
        const lane = async () => {
          while (started < task.count) {
            started++;
            await complete(client);
          }
        };
        await Promise.all(Array.from({ length: task.inFlight }, lane));
      });
    case "stream":
      return measure(async () => {
        for (let index = 0; index < task.count; index++) await stream(client, burst(task.chunks));
      });
    case "ttfc":
      return measure(async () => {
        const samples: number[] = [];
        for (let index = 0; index < task.count; index++) {
          const started = performance.now();
          let first: number | undefined;
          let length = 0;
          await client.stream(modelFor(TTFC_SHAPE), (text) => {
            first ??= performance.now();
            length += text?.length ?? 0;
          });
          if (first === undefined || length !== expectedTextLength(TTFC_SHAPE.chunks)) throw new Error("TTFC stream incomplete");
          samples.push((first - started) * 1000);
        }
        return samples;
      });
    case "rss":
      return { cpuMicros: 0, wallMs: 0, maxRssBytes: maxRss() };
    default: {
      const exhaustive: never = task;
      throw new Error(`unknown task ${JSON.stringify(exhaustive)}`);
    }
  }
}

/**
 * The caller keeps the text, written into one buffer of the text's final size: its pages fill in
 * as the text arrives, exactly the content's bytes, and nothing of the caller's lingers on the JS
 * heap, so what grows beyond the content is the client's own. (An array of a million pieces would
 * add its own survivors to every client's figure alike.)
 */
async function million(client: BenchClient, chunks: number): Promise<MemoryResult> {
  await stream(client, burst(2000));
  for (let index = 0; index < 20; index++) await complete(client);
  const kept = Buffer.allocUnsafeSlow(expectedTextLength(chunks));
  let contentBytes = 0;
  const baselineBytes = startMemoryMeasurement();
  const started = performance.now();
  const before = process.cpuUsage();
  await stream(client, burst(chunks), (text) => {
    contentBytes += kept.write(text, contentBytes, "latin1");
  });
  const used = process.cpuUsage(before);
  const peakBytes = maxRss();
  if (kept.toString("latin1", 0, 8) !== chunkText(0) + chunkText(1).slice(0, 3)) throw new Error("kept text is not the stream's");
  return { baselineBytes, peakBytes, contentBytes, wallMs: performance.now() - started, cpuMicros: used.user + used.system };
}

async function concurrent(client: BenchClient, count: number): Promise<MemoryResult> {
  await stream(client, burst(200));
  await complete(client);
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) collect();
  // The figure here is the whole process's peak (the target is absolute); the baseline shows what of it is idle.
  const baselineBytes = process.memoryUsage.rss();
  const started = performance.now();
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: count }, () => stream(client, CONCURRENT_SHAPE)));
  const used = process.cpuUsage(before);
  return { baselineBytes, peakBytes: maxRss(), contentBytes: 0, wallMs: performance.now() - started, cpuMicros: used.user + used.system };
}

/** The profiled workload: warm up, then `count` requests or streams (bench/profile.ts sets both). */
async function profile(client: BenchClient): Promise<void> {
  const scenario = process.env["BENCH_PROFILE_SCENARIO"] ?? "stream";
  const count = Number(process.env["BENCH_PROFILE_COUNT"] ?? 100);
  const warmup = Number(process.env["BENCH_PROFILE_WARMUP"] ?? 20);
  const chunks = Number(process.env["BENCH_PROFILE_CHUNKS"] ?? 2000);
  const once = scenario === "request" ? () => complete(client) : () => stream(client, burst(chunks));
  if (scenario !== "request" && scenario !== "stream") throw new Error(`unknown profile scenario ${scenario}`);
  for (let index = 0; index < warmup; index++) await once();
  for (let index = 0; index < count; index++) await once();
}

async function main(): Promise<void> {
  const [variantName, baseURL, mode] = process.argv.slice(2);
  if (!variantName || !baseURL || !mode) throw new Error("usage: worker.js <variant> <baseURL> <serve|million|concurrent|profile>");
  const client = await createClient(parseVariant(variantName), baseURL);
  // Resolves once the message is handed to the IPC channel, so exiting right after cannot drop it.
  const reply = (message: unknown) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
  switch (mode) {
    case "serve":
      process.on("message", (task: Task) => {
        run(client, task).then(
          (result) => reply({ ok: true, result }),
          (error: unknown) => reply({ ok: false, error: describe(error) }),
        );
      });
      process.on("disconnect", () => process.exit(0));
      await reply({ ready: true });
      return;
    case "million":
      await reply({ ok: true, result: await million(client, Number(process.env["BENCH_MILLION_CHUNKS"] ?? 1_000_000)) });
      break;
    case "concurrent":
      await reply({ ok: true, result: await concurrent(client, Number(process.env["BENCH_CONCURRENT_STREAMS"] ?? 1000)) });
      break;
    case "profile":
      await profile(client);
      break;
    default:
      throw new Error(`unknown worker mode ${mode}`);
  }
  process.exit(0);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

main().catch((error: unknown) => {
  console.error(error);
  if (process.send) process.send({ ok: false, error: describe(error) }, () => process.exit(1));
  else process.exit(1);
});
