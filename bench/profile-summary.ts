// Reads a V8 .cpuprofile and says where the time went: self time by area (an onellm file, undici,
// node streams, GC, ...) and by function, per request or per chunk.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The bucket a frame's self time goes to. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === "") {
    if (functionName === "(garbage collector)") return "GC";
    if (functionName === "(idle)") return "(idle)";
    if (functionName === "(program)") return "V8 / native, unattributed";
    return `native: ${functionName || "(anonymous)"}`;
  }
  const own = /\/(?:\.bench-build|dist)\/((?:src|generated)\/.+)$/.exec(url);
  if (own) return `onellm ${own[1]}`;
  if (url.includes("/.bench-build/bench/")) return "bench harness (client side)";
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (dependency) return dependency[1] === "openai" ? "openai package" : dependency[1]!;
  if (url.startsWith("node:internal/deps/undici")) return "undici (fetch)";
  if (url.startsWith("node:internal/webstreams")) return "web streams";
  if (url.startsWith("node:internal/streams") || url === "node:stream") return "node streams";
  if (url.startsWith("node:_http") || url === "node:http") return "node:http";
  if (url === "node:net" || url.includes("stream_base_commons")) return "node:net";
  if (url.includes("abort_controller") || url.includes("event_target")) return "AbortController / EventTarget";
  if (url.includes("timers")) return "timers";
  if (url.includes("process/task_queues") || url.includes("promise")) return "microtasks / promises";
  if (url.startsWith("node:")) return `node other: ${url.slice(5)}`;
  return url;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

export function summarizeProfile(profile: CpuProfile, units: number, unit: string): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfById = new Map<number, number>();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = profile.samples[index]!;
    // timeDeltas[i + 1] is the time until the next sample: the time sample i stands for.
    const delta = profile.timeDeltas[index + 1] ?? 0;
    selfById.set(id, (selfById.get(id) ?? 0) + delta);
  }
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of selfById) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const area = areaOf(frame);
    if (area === "(idle)") continue;
    busy += micros;
    areas.set(area, (areas.get(area) ?? 0) + micros);
    const where = frame.url === "" ? "" : ` ${frame.url.replace(/^.*\/(\.bench-build|dist|node_modules)\//, "")}:${frame.lineNumber + 1}`;
    const name = `${frame.functionName || "(anonymous)"}${where}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  const lines = [`Busy (sampled, idle excluded): ${(busy / 1000).toFixed(1)} ms over ${units.toLocaleString("en-US")} ${unit}s = ${(busy / units).toFixed(2)} µs per ${unit}`, ""];
  lines.push(`${pad("area", 56)} ${pad("share", 7)} µs/${unit}`);
  for (const [area, micros] of [...areas].sort((a, b) => b[1] - a[1])) {
    if (micros / busy < 0.002) continue;
    lines.push(`${pad(area, 56)} ${pad(`${((micros / busy) * 100).toFixed(1)}%`, 7)} ${(micros / units).toFixed(3)}`);
  }
  lines.push("", `${pad("top functions (self time)", 90)} ${pad("share", 7)} µs/${unit}`);
  for (const [name, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 35)) {
    lines.push(`${pad(name, 90)} ${pad(`${((micros / busy) * 100).toFixed(1)}%`, 7)} ${(micros / units).toFixed(3)}`);
  }
  return `${lines.join("\n")}\n`;
}
