// `npm run bench`: onellm's own cost next to a bare node:http client (the floor), plain fetch and
// the `openai` package, all in one run against one mock server on 127.0.0.1 that answers at once.
// Timing lives here only; `npm test` never measures time. bench/README.md says what each figure is.
//
// Every client variant runs in its own process (so CPU and memory are its own), and the CPU
// rounds alternate between them so machine noise hits all alike; figures are medians of rounds.
import { readFileSync } from "node:fs";
import path from "node:path";
import { build, ROOT } from "./build.js";
import { CLIENT_KINDS, parseVariant, type Variant } from "./clients/contract.js";
import { measureColdImport } from "./cold-import.js";
import { FORMATS } from "./formats.js";
import { installedOwnSize, installedPackageSize } from "./installed-size.js";
import { describeMachine, watchBusy } from "./machine.js";
import { runMemoryCase, startServer, startWorker, type Worker } from "./processes.js";
import { writeReport, type Results, type Settings, type VariantResult } from "./report.js";
import { summarize } from "./stats.js";

const quick = process.env["BENCH_QUICK"] === "1";
const setting = (name: string, full: number, short: number): number => Number(process.env[name] ?? (quick ? short : full));

const settings: Settings = {
  quick,
  rounds: setting("BENCH_ROUNDS", 7, 2),
  warmupRequests: setting("BENCH_WARMUP", 2000, 100),
  warmupStreams: setting("BENCH_WARMUP_STREAMS", 10, 1),
  sequential: setting("BENCH_SEQUENTIAL", 300, 40),
  parallel: setting("BENCH_PARALLEL", 640, 128),
  inFlight: 64,
  streams: setting("BENCH_STREAMS", 3, 1),
  chunks: 2000,
  ttfc: setting("BENCH_TTFC", 20, 5),
  millionChunks: setting("BENCH_MILLION_CHUNKS", 1_000_000, 50_000),
  concurrentStreams: setting("BENCH_CONCURRENT_STREAMS", 1000, 100),
  coldRuns: setting("BENCH_COLD_RUNS", 25, 5),
};

/**
 * Every variant the issue compares: floor and fetch on each format, `openai` on its own, onellm on
 * each; and undici's `request` (a Node transport candidate) on one format, transport cost being
 * the same whatever the format.
 */
function variants(): Variant[] {
  const all: Variant[] = [];
  for (const kind of CLIENT_KINDS) {
    for (const format of FORMATS) if ((kind !== "openai-package" && kind !== "undici") || format === "openai") all.push({ kind, format });
  }
  const only = process.env["BENCH_ONLY"];
  if (!only) return all;
  return only.split(",").map((name) => parseVariant(name.trim()));
}

const name = (variant: Variant) => `${variant.kind}:${variant.format}`;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function cpuRounds(workers: Worker[], results: Map<string, VariantResult>): Promise<void> {
  const samples = new Map<string, { sequential: number[]; parallel: number[]; chunk: number[]; ttfc: number[] }>();
  for (const worker of workers) samples.set(worker.variant, { sequential: [], parallel: [], chunk: [], ttfc: [] });
  for (let round = 0; round < settings.rounds; round++) {
    // A different variant goes first each round.
    const order = workers.map((_, index) => workers[(index + round) % workers.length]!);
    for (const worker of order) {
      const own = samples.get(worker.variant)!;
      const sequential = await worker.run({ kind: "sequential", count: settings.sequential });
      own.sequential.push(sequential.cpuMicros / settings.sequential);
      const parallel = await worker.run({ kind: "parallel", count: settings.parallel, inFlight: settings.inFlight });
      own.parallel.push(parallel.cpuMicros / settings.parallel);
      const streamed = await worker.run({ kind: "stream", count: settings.streams, chunks: settings.chunks });
      own.chunk.push(streamed.cpuMicros / (settings.streams * settings.chunks));
      const ttfc = await worker.run({ kind: "ttfc", count: settings.ttfc });
      own.ttfc.push(summarize(ttfc.samples ?? []).median);
    }
    log(`  round ${round + 1}/${settings.rounds} done`);
  }
  for (const worker of workers) {
    const own = samples.get(worker.variant)!;
    const result = results.get(worker.variant)!;
    result.requestSequential = summarize(own.sequential);
    result.requestParallel = summarize(own.parallel);
    result.chunk = summarize(own.chunk);
    result.ttfc = summarize(own.ttfc);
    result.peakRssBytes = (await worker.run({ kind: "rss" })).maxRssBytes;
  }
}

async function main(): Promise<void> {
  if (process.argv.includes("--report-only")) {
    // Re-renders the last full run's table (after a change to the report's wording).
    const last = JSON.parse(readFileSync(path.join(ROOT, "bench", "results", "latest.json"), "utf8")) as Results;
    log(`Wrote ${writeReport(last).files.join(", ")}`);
    return;
  }
  log("Building (dist/ and .bench-build/) ...");
  build();
  const machine = describeMachine();
  const busy = watchBusy();
  const server = await startServer();
  const chosen = variants();
  const results = new Map<string, VariantResult>();
  for (const variant of chosen) results.set(name(variant), { variant: name(variant), kind: variant.kind, format: variant.format });
  try {
    log(`CPU rounds: ${chosen.length} clients, ${settings.rounds} rounds (${quick ? "quick" : "full"} settings) ...`);
    const workers: Worker[] = [];
    try {
      for (const variant of chosen) workers.push(await startWorker(name(variant), server.url));
      for (const worker of workers) await worker.run({ kind: "warmup", requests: settings.warmupRequests ?? settings.sequential, streams: settings.warmupStreams ?? 3 });
      await cpuRounds(workers, results);
    } finally {
      for (const worker of workers) await worker.stop();
    }

    if (process.env["BENCH_SKIP_MEMORY"] !== "1") {
      log(`Memory: one ${settings.millionChunks.toLocaleString("en-US")}-chunk stream per client ...`);
      for (const variant of chosen) {
        const result = await runMemoryCase(name(variant), server.url, "million", { BENCH_MILLION_CHUNKS: String(settings.millionChunks) });
        results.get(name(variant))!.million = result;
        log(`  ${name(variant)}: +${((result.peakBytes - result.baselineBytes) / 1e6).toFixed(1)} MB for ${(result.contentBytes / 1e6).toFixed(1)} MB of text`);
      }
      log(`Memory: ${settings.concurrentStreams} concurrent streams per client ...`);
      for (const variant of chosen) {
        const result = await runMemoryCase(name(variant), server.url, "concurrent", { BENCH_CONCURRENT_STREAMS: String(settings.concurrentStreams) });
        results.get(name(variant))!.concurrent = result;
        log(`  ${name(variant)}: peak ${(result.peakBytes / 2 ** 20).toFixed(1)} MiB`);
      }
    }
  } finally {
    await server.stop();
  }

  log(`Cold import: ${settings.coldRuns} runs each ...`);
  const coldImport = measureColdImport(settings.coldRuns);
  log("Installed size ...");
  const installed = { onellm: installedOwnSize(), openaiPackage: installedPackageSize("openai") };

  const report: Results = { machine, settings, busy: busy(), variants: [...results.values()], coldImport, installed };
  const written = writeReport(report);
  process.stdout.write(`${written.markdown}\n`);
  log(`Wrote ${written.files.join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
