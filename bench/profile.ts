// `npm run bench:profile -- <client:format> <request|stream> [--tool cpu-prof|callgrind] [--count N] [--chunks N] [--warmup N]`
// `npm run bench:profile -- import [--tool cpu-prof|callgrind]`
//
// Where one client's time goes, for optimisation decisions on a machine other agents load:
//   cpu-prof   node --cpu-prof over `count` calls; prints self time by area (onellm file, undici,
//              node streams, JSON, GC, ...) and the top functions, per call or per chunk.
//   callgrind  valgrind counts the instructions the client process executes: the same count for
//              the same code whatever else the machine does. Two runs (count and 3 x count calls)
//              are subtracted, so start-up and warm-up cancel out: instructions per call or chunk.
//              V8 runs with --predictable (no background threads, no timer-driven GC), which
//              makes the count repeat to within a few hundredths of a percent; JIT code has no
//              symbols there, so attribution is cpu-prof's job.
// `import` profiles a cold `import` of the package (callgrind: instructions over a bare `node`).
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, BUILD, ROOT } from "./build.js";
import { parseVariant } from "./clients/contract.js";
import { startServer } from "./processes.js";
import { summarizeProfile } from "./profile-summary.js";

interface Options {
  variant: string;
  scenario: "request" | "stream";
  tool: "cpu-prof" | "callgrind";
  count: number;
  chunks: number;
  warmup: number;
}

function parseOptions(argv: string[]): Options {
  const [variant, scenario, ...rest] = argv;
  if (!variant || (scenario !== "request" && scenario !== "stream")) {
    throw new Error("usage: npm run bench:profile -- <client:format> <request|stream> [--tool cpu-prof|callgrind] [--count N] [--chunks N] [--warmup N]");
  }
  parseVariant(variant);
  const flag = (name: string): string | undefined => {
    const at = rest.indexOf(`--${name}`);
    return at === -1 ? undefined : rest[at + 1];
  };
  const tool = flag("tool") ?? "cpu-prof";
  if (tool !== "cpu-prof" && tool !== "callgrind") throw new Error(`--tool is cpu-prof or callgrind, not ${tool}`);
  const callgrind = tool === "callgrind";
  return {
    variant,
    scenario,
    tool,
    count: Number(flag("count") ?? (callgrind ? (scenario === "stream" ? 5 : 100) : scenario === "stream" ? 200 : 5000)),
    chunks: Number(flag("chunks") ?? 2000),
    warmup: Number(flag("warmup") ?? (scenario === "stream" ? 20 : 500)),
  };
}

function runWorker(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(stderr) : reject(new Error(`${command} exited with ${code}:\n${stderr.slice(-4000)}`))));
  });
}

function workloadEnv(options: Options, count: number): Record<string, string> {
  return {
    BENCH_PROFILE_SCENARIO: options.scenario,
    BENCH_PROFILE_COUNT: String(count),
    BENCH_PROFILE_WARMUP: String(options.warmup),
    BENCH_PROFILE_CHUNKS: String(options.chunks),
  };
}

async function cpuProfile(options: Options, url: string): Promise<void> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "onellm-cpu-prof-"));
  await runWorker(
    process.execPath,
    ["--cpu-prof", "--cpu-prof-dir", directory, "--cpu-prof-interval", "50", path.join(BUILD, "worker.js"), options.variant, url, "profile"],
    workloadEnv(options, options.count),
  );
  const file = readdirSync(directory).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile written in ${directory}`);
  const units = options.scenario === "stream" ? (options.count + options.warmup) * options.chunks : options.count + options.warmup;
  const unit = options.scenario === "stream" ? "chunk" : "request";
  process.stdout.write(summarizeProfile(JSON.parse(readFileSync(path.join(directory, file), "utf8")), units, unit));
  process.stdout.write(`\nProfile: ${path.join(directory, file)} (open in Chrome DevTools > Performance, or speedscope)\n`);
}

async function instructions(options: Options, url: string, count: number, directory: string): Promise<number> {
  const out = path.join(directory, `callgrind.${count}.out`);
  await runWorker(
    "valgrind",
    ["--tool=callgrind", `--callgrind-out-file=${out}`, process.execPath, "--predictable", path.join(BUILD, "worker.js"), options.variant, url, "profile"],
    workloadEnv(options, count),
  );
  return totalInstructions(out);
}

async function callgrind(options: Options, url: string): Promise<void> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "onellm-callgrind-"));
  const low = options.count;
  const high = options.count * 3;
  const lowCount = await instructions(options, url, low, directory);
  const highCount = await instructions(options, url, high, directory);
  const perCall = (highCount - lowCount) / (high - low);
  const lines = [
    `${options.variant} ${options.scenario}: ${low} and ${high} calls after ${options.warmup} warm-up calls, under callgrind`,
    `  instructions: ${lowCount.toLocaleString("en-US")} and ${highCount.toLocaleString("en-US")}`,
    `  per ${options.scenario === "stream" ? `stream (${options.chunks} chunks)` : "request"}: ${Math.round(perCall).toLocaleString("en-US")}`,
  ];
  if (options.scenario === "stream") lines.push(`  per chunk: ${Math.round(perCall / options.chunks).toLocaleString("en-US")}`);
  lines.push(`  files: ${directory} (callgrind_annotate shows V8's and Node's C++ share; JIT code is unnamed)`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** Cold import: where a fresh process's import of the package goes, or how many instructions it adds. */
async function importProfile(tool: string): Promise<void> {
  const name = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string }).name;
  const programs = { bare: "", onellm: `import ${JSON.stringify(name)};`, openai: 'import "openai";' };
  const directory = mkdtempSync(path.join(os.tmpdir(), `onellm-import-${tool}-`));
  if (tool === "cpu-prof") {
    await runWorker(process.execPath, ["--cpu-prof", "--cpu-prof-dir", directory, "--cpu-prof-interval", "20", "--input-type=module", "-e", programs.onellm], {});
    const file = readdirSync(directory).find((entry) => entry.endsWith(".cpuprofile"));
    if (!file) throw new Error(`no .cpuprofile written in ${directory}`);
    process.stdout.write(summarizeProfile(JSON.parse(readFileSync(path.join(directory, file), "utf8")), 1, "import"));
    return;
  }
  const counts: Record<string, number> = {};
  for (const [label, program] of Object.entries(programs)) {
    const out = path.join(directory, `callgrind.${label}.out`);
    await runWorker("valgrind", ["--tool=callgrind", `--callgrind-out-file=${out}`, process.execPath, "--predictable", "--input-type=module", "-e", program], {});
    counts[label] = totalInstructions(out);
  }
  const over = (label: string) => (counts[label]! - counts["bare"]!).toLocaleString("en-US");
  process.stdout.write(`cold import, instructions over bare node (${counts["bare"]!.toLocaleString("en-US")}): onellm ${over("onellm")}, openai ${over("openai")}\n`);
}

function totalInstructions(file: string): number {
  const totals = /^(?:summary|totals):\s*(\d+)/m.exec(readFileSync(file, "utf8"));
  if (!totals) throw new Error(`no instruction total in ${file}`);
  return Number(totals[1]);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "import") {
    build();
    const at = argv.indexOf("--tool");
    await importProfile(at === -1 ? "cpu-prof" : (argv[at + 1] ?? "cpu-prof"));
    return;
  }
  const options = parseOptions(argv);
  build();
  const server = await startServer();
  try {
    if (options.tool === "cpu-prof") await cpuProfile(options, server.url);
    else await callgrind(options, server.url);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
