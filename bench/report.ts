// The bench's table: bench/results/<latest|quick>.{md,json}, and (for a full run of every client)
// README's performance section, between its bench markers.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./build.js";
import type { ClientKind } from "./clients/contract.js";
import type { ColdImport } from "./cold-import.js";
import type { Format } from "./formats.js";
import type { InstalledSize } from "./installed-size.js";
import type { Busy, Machine } from "./machine.js";
import { spread, type Figure } from "./stats.js";
import type { MemoryResult } from "./worker.js";

export interface Settings {
  quick: boolean;
  rounds: number;
  /** Calls each client makes before the first round (older results have none recorded). */
  warmupRequests?: number;
  warmupStreams?: number;
  sequential: number;
  parallel: number;
  inFlight: number;
  streams: number;
  chunks: number;
  ttfc: number;
  millionChunks: number;
  concurrentStreams: number;
  coldRuns: number;
}

export interface VariantResult {
  variant: string;
  kind: ClientKind;
  format: Format;
  /** CPU µs per non-streamed request, one after another. */
  requestSequential?: Figure;
  /** CPU µs per non-streamed request, 64 in flight. */
  requestParallel?: Figure;
  /** CPU µs per chunk of a 2,000-chunk stream (the stream's whole cost, request included, / 2,000). */
  chunk?: Figure;
  /** Time to first chunk, µs (median per round). */
  ttfc?: Figure;
  peakRssBytes?: number | undefined;
  million?: MemoryResult;
  concurrent?: MemoryResult;
}

export interface Results {
  machine: Machine;
  settings: Settings;
  busy: Busy;
  variants: VariantResult[];
  coldImport: ColdImport;
  installed: { onellm: InstalledSize; openaiPackage: InstalledSize };
}

const README_START = "<!-- bench:start -->";
const README_END = "<!-- bench:end -->";
const MiB = 2 ** 20;

const CLIENT_LABEL: Record<ClientKind, string> = {
  floor: "floor: `node:http` keep-alive + minimal SSE split + `JSON.parse`",
  undici: "undici 7 `Pool.request`, same parsing",
  fetch: "global `fetch`, same parsing",
  "openai-package": "`openai` package",
  onellm: "onellm",
};
const FORMAT_LABEL: Record<Format, string> = { openai: "OpenAI", anthropic: "Anthropic", gemini: "Gemini" };

const integer = (value: number) => Math.round(value).toLocaleString("en-US");
const decimal = (value: number, digits = 1) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (value: number, floor: number | undefined) => (floor === undefined || floor === 0 ? "" : ` (${decimal(value / floor, 2)}x)`);

function floorOf(results: Results, format: Format): VariantResult | undefined {
  return results.variants.find((variant) => variant.kind === "floor" && variant.format === format);
}

/** Peak RSS growth over the 1M-chunk stream beyond the text the caller kept, in MB. */
export function millionExcessMB(million: MemoryResult): number {
  return (million.peakBytes - million.baselineBytes - million.contentBytes) / 1e6;
}

function mainTable(results: Results): string[] {
  const lines = [
    "| client | format | CPU µs / request | CPU µs / request, 64 in flight | CPU µs / chunk | time to first chunk, µs | peak RSS, MiB | 1M-chunk stream: RSS growth beyond its text, MB | 1,000 streams: peak RSS, MiB |",
    "|---|---|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const variant of results.variants) {
    const floor = floorOf(results, variant.format);
    const cell = (figure: Figure | undefined, floorFigure: Figure | undefined, format: (value: number) => string) =>
      figure === undefined ? "–" : `${format(figure.median)}${variant.kind === "floor" ? "" : ratio(figure.median, floorFigure?.median)}`;
    lines.push(
      `| ${CLIENT_LABEL[variant.kind]} | ${FORMAT_LABEL[variant.format]} | ${cell(variant.requestSequential, floor?.requestSequential, integer)} | ${cell(
        variant.requestParallel,
        floor?.requestParallel,
        integer,
      )} | ${cell(variant.chunk, floor?.chunk, (value) => decimal(value, 2))} | ${cell(variant.ttfc, floor?.ttfc, integer)} | ${
        variant.peakRssBytes === undefined ? "–" : decimal(variant.peakRssBytes / MiB)
      } | ${variant.million === undefined ? "–" : decimal(millionExcessMB(variant.million))} | ${
        variant.concurrent === undefined ? "–" : decimal(variant.concurrent.peakBytes / MiB)
      } |`,
    );
  }
  return lines;
}

function footprintTable(results: Results): string[] {
  const { coldImport, installed } = results;
  const over = (figure: Figure) => decimal(figure.median - coldImport.bare.median);
  const size = (value: InstalledSize) => `${decimal(value.bytes / 1e6, 2)} MB, ${integer(value.files)} files (${value.packages.join(", ")})`;
  return [
    "| package | cold import over bare `node`, ms | installed size |",
    "|---|--:|---|",
    `| onellm | ${over(coldImport.onellm)} | ${size(installed.onellm)} |`,
    `| \`openai\` package | ${over(coldImport.openaiPackage)} | ${size(installed.openaiPackage)} |`,
  ];
}

interface Check {
  target: string;
  measured: string;
  met: boolean | undefined;
}

function checks(results: Results): Check[] {
  const found: Check[] = [];
  const ours = (format: Format) => results.variants.find((variant) => variant.kind === "onellm" && variant.format === format);
  const peer = results.variants.find((variant) => variant.kind === "openai-package");
  const perFormat = (target: string, limit: number, pick: (variant: VariantResult) => Figure | undefined) => {
    const parts: string[] = [];
    let met: boolean | undefined = true;
    for (const format of formatsMeasured(results)) {
      const mine = ours(format);
      const floor = floorOf(results, format);
      const value = mine && pick(mine);
      const base = floor && pick(floor);
      if (!value || !base) {
        met = undefined;
        continue;
      }
      const times = value.median / base.median;
      parts.push(`${FORMAT_LABEL[format]} ${decimal(times, 2)}x`);
      if (times > limit) met = false;
    }
    found.push({ target, measured: parts.join(", ") || "not measured", met: parts.length === 0 ? undefined : met });
  };
  perFormat("CPU per request <= 1.3x floor (sequential)", 1.3, (variant) => variant.requestSequential);
  perFormat("CPU per request <= 1.3x floor (64 in flight)", 1.3, (variant) => variant.requestParallel);
  perFormat("CPU per stream chunk <= 1.5x floor", 1.5, (variant) => variant.chunk);
  perFormat("Time to first chunk <= 1.2x floor", 1.2, (variant) => variant.ttfc);

  const mine = ours("openai");
  if (mine && peer) {
    const comparisons: [string, number | undefined, number | undefined][] = [
      ["request", mine.requestSequential?.median, peer.requestSequential?.median],
      ["request x64", mine.requestParallel?.median, peer.requestParallel?.median],
      ["chunk", mine.chunk?.median, peer.chunk?.median],
      ["TTFC", mine.ttfc?.median, peer.ttfc?.median],
      ["peak RSS", mine.peakRssBytes, peer.peakRssBytes],
      ["1M-chunk growth", mine.million && millionExcessMB(mine.million), peer.million && millionExcessMB(peer.million)],
      ["1,000 streams", mine.concurrent?.peakBytes, peer.concurrent?.peakBytes],
      ["cold import", results.coldImport.onellm.median, results.coldImport.openaiPackage.median],
      ["installed size", results.installed.onellm.bytes, results.installed.openaiPackage.bytes],
    ];
    const behind = comparisons.filter(([, ourValue, theirs]) => ourValue !== undefined && theirs !== undefined && ourValue >= theirs).map(([label]) => label);
    found.push({
      target: "Ahead of the `openai` package on its own format, every figure",
      measured: behind.length === 0 ? "ahead on all" : `behind on: ${behind.join(", ")}`,
      met: behind.length === 0,
    });
  }
  const million = formatsMeasured(results).map((format) => ours(format)?.million);
  if (million.every((value) => value !== undefined) && million.length > 0) {
    const values = million.map((value) => millionExcessMB(value!));
    found.push({
      target: "1M-chunk stream: peak RSS growth < 20 MB beyond the text kept",
      measured: values.map((value, index) => `${FORMAT_LABEL[formatsMeasured(results)[index]!]} ${decimal(value)} MB`).join(", "),
      met: values.every((value) => value < 20),
    });
  }
  const concurrent = formatsMeasured(results).map((format) => ours(format)?.concurrent);
  if (concurrent.every((value) => value !== undefined) && concurrent.length > 0) {
    const values = concurrent.map((value) => value!.peakBytes / MiB);
    found.push({
      target: `${integer(results.settings.concurrentStreams)} concurrent streams: peak RSS < 120 MiB`,
      measured: values.map((value, index) => `${FORMAT_LABEL[formatsMeasured(results)[index]!]} ${decimal(value)} MiB`).join(", "),
      met: values.every((value) => value < 120),
    });
  }
  const cold = results.coldImport.onellm.median - results.coldImport.bare.median;
  found.push({ target: "Cold import <= 25 ms over bare `node`", measured: `${decimal(cold)} ms`, met: cold <= 25 });
  return found;
}

function formatsMeasured(results: Results): Format[] {
  const formats: Format[] = [];
  for (const variant of results.variants) if (variant.kind === "onellm" && !formats.includes(variant.format)) formats.push(variant.format);
  return formats;
}

function noiseLine(results: Results): string {
  const worst = (pick: (variant: VariantResult) => Figure | undefined) =>
    Math.max(0, ...results.variants.map((variant) => {
      const figure = pick(variant);
      return figure ? spread(figure) : 0;
    }));
  const { busy } = results;
  const loaded = busy.machineBusy > 0.9 || Math.max(busy.loadBefore[0] ?? 0, busy.loadAfter[0] ?? 0) > results.machine.cores;
  const warning = loaded
    ? ` Other processes loaded the machine beyond its ${results.machine.cores} cores: these figures, ratios included, are noisy. ` +
      "Judge a change by instruction counts (`npm run bench:profile -- <client:format> <request|stream> --tool callgrind`), which do not depend on load."
    : "";
  return (
    `Machine busy ${decimal(busy.machineBusy * 100, 0)}% of all cores during the run (load average ${busy.loadBefore.map((value) => decimal(value, 2)).join("/")} before, ` +
    `${busy.loadAfter.map((value) => decimal(value, 2)).join("/")} after). Largest spread between rounds ((max - min) / median): ` +
    `request ${decimal(worst((variant) => variant.requestSequential) * 100, 0)}%, 64 in flight ${decimal(worst((variant) => variant.requestParallel) * 100, 0)}%, ` +
    `chunk ${decimal(worst((variant) => variant.chunk) * 100, 0)}%, TTFC ${decimal(worst((variant) => variant.ttfc) * 100, 0)}%.${warning}`
  );
}

export function renderMarkdown(results: Results): string {
  const { machine, settings } = results;
  const lines = [
    `Measured ${machine.date.slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; ` +
      `Node ${machine.node} (undici ${machine.undici ?? "?"}), ${machine.openaiPackage}, ${machine.onellm} at ${machine.commit}` +
      `${settings.quick ? " — QUICK settings (a harness check, not figures to quote)" : ""}.`,
    "",
    noiseLine(results),
    "",
    `Medians of ${settings.rounds} alternating rounds, after ${settings.warmupRequests === undefined ? "a warm-up" : `a warm-up of ${integer(settings.warmupRequests)} calls and ${settings.warmupStreams} streams per client (the JIT settled: steady state, as a server serving many requests runs)`}; each client in its own process. CPU is the client process's user + system time ` +
      `(process.cpuUsage), per call over ${settings.sequential} sequential calls and ${settings.parallel} calls ${settings.inFlight} in flight, ` +
      `and per chunk over ${settings.streams} streams of ${integer(settings.chunks)} chunks (the stream's whole cost / ${integer(settings.chunks)}). ` +
      `Time to first chunk is wall time from the call to the first chunk, the server sending it at once. ` +
      `Ratios are to the floor on the same format, same run.`,
    "",
    ...mainTable(results),
    "",
    `The 1M-chunk stream (${integer(settings.millionChunks)} chunks, its text kept by the caller) and the ` +
      `${integer(settings.concurrentStreams)} concurrent streams (200 chunks each, paced so all are open at once) run in a fresh process per client. ` +
      `Cold import: median of ${settings.coldRuns} fresh \`node\` processes importing the package by name; bare \`node\` took ${decimal(results.coldImport.bare.median)} ms.`,
    "",
    ...footprintTable(results),
    "",
    "| target | measured | met |",
    "|---|---|---|",
    ...checks(results).map((check) => `| ${check.target} | ${check.measured} | ${check.met === undefined ? "not measured" : check.met ? "yes" : "**no**"} |`),
  ];
  return lines.join("\n");
}

/** Writes bench/results/ (and README for a full run of every client); returns what it wrote. */
export function writeReport(results: Results): { markdown: string; files: string[] } {
  const markdown = renderMarkdown(results);
  const directory = path.join(ROOT, "bench", "results");
  mkdirSync(directory, { recursive: true });
  const base = results.settings.quick ? "quick" : "latest";
  const files = [path.join(directory, `${base}.md`), path.join(directory, `${base}.json`)];
  writeFileSync(files[0]!, `# Bench results\n\n${markdown}\n`);
  writeFileSync(files[1]!, `${JSON.stringify(results, null, 2)}\n`);
  const complete = process.env["BENCH_ONLY"] === undefined && results.variants.every((variant) => variant.million !== undefined);
  if (!results.settings.quick && complete) {
    const readme = path.join(ROOT, "README.md");
    const text = readFileSync(readme, "utf8");
    const start = text.indexOf(README_START);
    const end = text.indexOf(README_END);
    if (start !== -1 && end > start) {
      writeFileSync(readme, `${text.slice(0, start + README_START.length)}\n${markdown}\n${text.slice(end)}`);
      files.push(readme);
    }
  }
  return { markdown, files: files.map((file) => path.relative(ROOT, file)) };
}
