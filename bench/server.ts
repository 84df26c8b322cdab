// The mock provider the bench talks to: one `node:http` server on 127.0.0.1 answering the OpenAI,
// Anthropic and Gemini chat paths. It runs in its own process, so none of its CPU is counted
// against a client (process.cpuUsage() counts the whole process). Answers come from pre-built
// bytes: a 1,000,000-chunk stream costs the server a few hundred writes, not a million
// JSON.stringify calls competing with the client for the machine's two cores.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { completionBody, CYCLE, parseModel, streamEvents, type Format, type StreamShape } from "./formats.js";

interface Route {
  format: Format;
  model: string;
  stream: boolean;
}

interface PreparedStream {
  head: Buffer;
  /** CYCLE content events, each its own buffer (paced streams write a few at a time). */
  events: Buffer[];
  /** All CYCLE content events in one buffer (burst streams write whole cycles). */
  cycle: Buffer;
}

const prepared = new Map<string, PreparedStream>();
const completions = new Map<string, Buffer>();

function preparedStream(format: Format, model: string): PreparedStream {
  const key = `${format} ${model}`;
  let entry = prepared.get(key);
  if (!entry) {
    const events = streamEvents(format, model);
    const contentEvents = Array.from({ length: CYCLE }, (_, index) => Buffer.from(events.content(index)));
    entry = { head: Buffer.from(events.head.join("")), events: contentEvents, cycle: Buffer.concat(contentEvents) };
    prepared.set(key, entry);
  }
  return entry;
}

function completion(format: Format, model: string): Buffer {
  const key = `${format} ${model}`;
  let body = completions.get(key);
  if (!body) {
    body = Buffer.from(completionBody(format, model));
    completions.set(key, body);
  }
  return body;
}

function routeOf(method: string | undefined, url: string, body: string): Route | undefined {
  if (method !== "POST") return undefined;
  if (url === "/v1/chat/completions" || url === "/v1/messages") {
    const parsed = JSON.parse(body) as { model?: unknown; stream?: unknown };
    if (typeof parsed.model !== "string") return undefined;
    return { format: url === "/v1/messages" ? "anthropic" : "openai", model: parsed.model, stream: parsed.stream === true };
  }
  const gemini = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent\?alt=sse)$/.exec(url);
  if (gemini) return { format: "gemini", model: decodeURIComponent(gemini[1]!), stream: gemini[2] !== "generateContent" };
  return undefined;
}

/** Resolves false when the client went away (a stream it stopped reading must not stall the server). */
function write(target: http.ServerResponse, bytes: Buffer): Promise<boolean> {
  if (target.destroyed) return Promise.resolve(false);
  if (target.write(bytes)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (ok: boolean) => {
      target.off("drain", onDrain);
      target.off("close", onClose);
      resolve(ok);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    target.on("drain", onDrain);
    target.on("close", onClose);
  });
}

async function sendStream(target: http.ServerResponse, route: Route): Promise<void> {
  const shape = parseModel(route.model);
  const stream = preparedStream(route.format, route.model);
  const events = streamEvents(route.format, route.model);
  target.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "x-request-id": "req_bench" });
  const tail = Buffer.from(events.tail(shape.chunks).join(""));
  const ok = shape.pauseMs > 0 ? await writePaced(target, stream, shape) : await writeBurst(target, stream, shape);
  if (ok) target.end(tail);
}

/** Everything as fast as the socket takes it; the client's reads then come as full as the kernel makes them. */
async function writeBurst(target: http.ServerResponse, stream: PreparedStream, shape: StreamShape): Promise<boolean> {
  if (stream.head.length > 0 && !(await write(target, stream.head))) return false;
  const fullCycles = Math.floor(shape.chunks / CYCLE);
  for (let cycle = 0; cycle < fullCycles; cycle++) if (!(await write(target, stream.cycle))) return false;
  const rest = shape.chunks - fullCycles * CYCLE;
  if (rest > 0 && !(await write(target, Buffer.concat(stream.events.slice(0, rest))))) return false;
  return true;
}

/** The head at once, then `eventsPerWrite` events per write with a pause before each: a model thinking. */
async function writePaced(target: http.ServerResponse, stream: PreparedStream, shape: StreamShape): Promise<boolean> {
  const groupSize = Math.max(1, shape.eventsPerWrite);
  let first = true;
  if (stream.head.length > 0) {
    if (!(await write(target, stream.head))) return false;
    first = false;
  }
  for (let start = 0; start < shape.chunks; start += groupSize) {
    if (!first) await new Promise((resolve) => setTimeout(resolve, shape.pauseMs));
    first = false;
    const group: Buffer[] = [];
    for (let index = start; index < Math.min(shape.chunks, start + groupSize); index++) group.push(stream.events[index % CYCLE]!);
    if (!(await write(target, Buffer.concat(group)))) return false;
  }
  return true;
}

const server = http.createServer((incoming, outgoing) => {
  const parts: Buffer[] = [];
  incoming.on("data", (part: Buffer) => parts.push(part));
  incoming.on("end", () => {
    let route: Route | undefined;
    try {
      route = routeOf(incoming.method, incoming.url ?? "", Buffer.concat(parts).toString());
    } catch {
      route = undefined;
    }
    if (!route) {
      outgoing.writeHead(404, { "content-type": "application/json" });
      outgoing.end(JSON.stringify({ error: { message: `bench server: no route for ${incoming.method} ${incoming.url}` } }));
      return;
    }
    if (route.stream) {
      sendStream(outgoing, route).catch(() => outgoing.destroy());
      return;
    }
    const body = completion(route.format, route.model);
    outgoing.writeHead(200, { "content-type": "application/json", "content-length": body.length, "x-request-id": "req_bench" });
    outgoing.end(body);
  });
});
// Clients keep connections open between calls; 1,000 concurrent streams connect at once.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;
server.requestTimeout = 0;

server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => {
  const { port } = server.address() as AddressInfo;
  if (process.send) process.send({ port });
  else console.log(`bench server on http://127.0.0.1:${port}`);
});

// The parent stops this process by its handle; a closed IPC channel means the parent is gone.
process.on("disconnect", () => {
  server.closeAllConnections();
  server.close();
  process.exit(0);
});
