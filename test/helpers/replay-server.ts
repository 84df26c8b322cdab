// A node:http server on 127.0.0.1 that replays fixture transcripts (.sse / .json) over real HTTP,
// with control over how the bytes are split into writes, and over abrupt resets and truncations.
// Prism cannot stream, so streaming tests and the demo use this. No vitest imports: `npm run demo`
// uses it from a plain script.
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { LOOPBACK } from "./free-port.js";

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path plus query string, as sent (e.g. `/v1beta/models/x:streamGenerateContent?alt=sse`). */
  url: string;
  /** Path without the query string. */
  path: string;
  /** Lower-cased header names, as Node parses them. */
  headers: IncomingHttpHeaders;
  /** The raw request body, decoded as UTF-8 ("" when there was none). */
  rawBody: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  body: unknown;
}

export type Chunking = "whole" | "events" | "every-byte" | { bytes: number };

export interface ReplayScenario {
  /** A fixture file: `.sse` (text/event-stream), `.ndjson` (application/x-ndjson, one line per write) or `.json` (application/json). Relative paths resolve against the current working directory. */
  file?: string;
  /** Inline body, used when `file` is absent: text, or bytes (a binary AWS event stream, say). */
  body?: string | Uint8Array;
  /** Default 200. */
  status?: number;
  /** Extra or overriding response headers. */
  headers?: Record<string, string>;
  /** How the bytes are split into separate writes. Default: "events" for SSE, "whole" otherwise. */
  chunking?: Chunking;
  /** Pause between writes in ms. Default 0: one event-loop turn (setImmediate) after each flushed write. */
  delayMs?: number;
  /**
   * Destroy the socket abruptly after N body bytes (a connection dropped mid-stream: no chunked
   * terminator, so the client's body read fails). N >= body length drops it after the last byte.
   */
  cutAfterBytes?: number;
  /** End the response cleanly after N body bytes (a stream that is truncated but terminated properly). */
  endAfterBytes?: number;
}

export type RouteMatcher = string | RegExp | ((request: RecordedRequest) => boolean);

export interface ReplayServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /**
   * Serve `scenario` for requests matching `matcher`: a string is a path prefix (query ignored),
   * a RegExp is tested against the full url, a function gets the recorded request.
   * The most recently added matching route wins, so a test can override a default.
   */
  route(matcher: RouteMatcher, scenario: ReplayScenario): void;
  /** Forget all routes and recorded requests. */
  reset(): void;
  /** Close the server and destroy open connections. Idempotent. */
  stop(): Promise<void>;
}

interface Route {
  matcher: RouteMatcher;
  scenario: ReplayScenario;
}

export async function readRequest(request: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString("utf8");
  let body: unknown;
  if (rawBody.trim() !== "") {
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
  }
  const url = request.url ?? "/";
  const q = url.indexOf("?");
  return {
    method: request.method ?? "GET",
    url,
    path: q === -1 ? url : url.slice(0, q),
    headers: request.headers,
    rawBody,
    body,
  };
}

function matches(matcher: RouteMatcher, rec: RecordedRequest): boolean {
  if (typeof matcher === "string") return rec.path.startsWith(matcher);
  if (matcher instanceof RegExp) return matcher.test(rec.url);
  return matcher(rec);
}

/** Split after each blank line ("\n\n" or "\r\n\r\n"); a file without blank lines is split per line. */
export function splitEvents(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    // "\n\n" or "\n\r\n" ends an event (the latter covers "\r\n\r\n").
    if (bytes[i + 1] === 0x0a) {
      out.push(bytes.subarray(start, i + 2));
      start = i + 2;
      i++;
    } else if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) {
      out.push(bytes.subarray(start, i + 3));
      start = i + 3;
      i += 2;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  if (out.length > 1) return out;
  // No blank lines: one event per line.
  const lines: Buffer[] = [];
  start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

export function splitChunks(bytes: Buffer, chunking: Chunking): Buffer[] {
  if (bytes.length === 0) return [];
  if (chunking === "whole") return [bytes];
  if (chunking === "events") return splitEvents(bytes);
  const size = chunking === "every-byte" ? 1 : Math.max(1, Math.floor(chunking.bytes));
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** Write one chunk and wait until Node has handed it to the OS, then give the event loop a turn. */
export function writeAndFlush(response: ServerResponse, chunk: Buffer | string): Promise<void> {
  return new Promise((resolve) => {
    if (response.destroyed || response.writableEnded) {
      resolve();
      return;
    }
    response.write(chunk, () => resolve());
  });
}

export function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : new Promise((r) => setImmediate(r));
}

function contentTypeFor(scenario: ReplayScenario, bytes: Buffer): string {
  const given = Object.entries(scenario.headers ?? {}).find(([name]) => name.toLowerCase() === "content-type");
  if (given !== undefined) return given[1];
  if (scenario.file !== undefined) {
    const ext = path.extname(scenario.file).toLowerCase();
    if (ext === ".sse") return "text/event-stream";
    if (ext === ".ndjson") return "application/x-ndjson";
    if (ext === ".json") return "application/json";
    return "application/octet-stream";
  }
  const head = bytes.subarray(0, 64).toString("utf8").trimStart();
  return head.startsWith("{") || head.startsWith("[") ? "application/json" : "text/event-stream";
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

/** Writes `scenario` to `response` (status, headers, chunking, delays, cuts): the mock providers of examples/ use it too. */
export async function serve(response: ServerResponse, scenario: ReplayScenario): Promise<void> {
  let bytes: Buffer;
  if (scenario.file !== undefined) {
    const file = path.resolve(scenario.file);
    try {
      bytes = await readFile(file);
    } catch (err) {
      sendJson(response, 500, { error: { message: `replay-server: cannot read fixture ${file}: ${(err as Error).message}` } });
      return;
    }
  } else {
    bytes = typeof scenario.body === "string" || scenario.body === undefined ? Buffer.from(scenario.body ?? "", "utf8") : Buffer.from(scenario.body);
  }

  const contentType = contentTypeFor(scenario, bytes);
  const isSse = contentType.startsWith("text/event-stream");
  const isStream = isSse || contentType.startsWith("application/x-ndjson");
  const chunking = scenario.chunking ?? (isStream ? "events" : "whole");
  const cut = scenario.cutAfterBytes;
  const end = scenario.endAfterBytes;
  // What the client will receive before the stream stops, and how it stops.
  const limit = Math.min(cut ?? Infinity, end ?? Infinity, bytes.length);
  // cutAfterBytes >= the body length still resets (after the last byte): the terminator never comes.
  const stopBy: "reset" | "end" = cut !== undefined && cut <= (end ?? Infinity) ? "reset" : "end";

  const headers: Record<string, string | number> = { "content-type": contentType };
  if (isSse) headers["cache-control"] = "no-cache";
  if (chunking === "whole" && stopBy === "end") {
    // A single write: give it a Content-Length like a real JSON API (the truncated length when endAfterBytes).
    headers["content-length"] = limit;
  }
  for (const [k, v] of Object.entries(scenario.headers ?? {})) headers[k.toLowerCase()] = v;

  response.writeHead(scenario.status ?? 200, headers);
  response.flushHeaders();

  let sent = 0;
  for (const chunk of splitChunks(bytes, chunking)) {
    if (sent >= limit) break;
    const part = sent + chunk.length > limit ? chunk.subarray(0, limit - sent) : chunk;
    await writeAndFlush(response, part);
    sent += part.length;
    if (response.destroyed) return;
    if (sent < limit) await pause(scenario.delayMs ?? 0);
  }

  if (stopBy === "reset") {
    // Abrupt close without the chunked terminator (or short of Content-Length): the client sees a
    // premature-close error. A FIN rather than an RST, so bytes already sent are never purged from
    // the client's receive buffer. Note: undici (fetch) drops chunks its consumer has not read yet
    // when the body errors, so assert "received is a prefix" rather than an exact byte count.
    await pause(0);
    response.socket?.destroy();
    response.destroy();
    return;
  }
  response.end();
}

export async function startReplayServer(): Promise<ReplayServer> {
  const routes: Route[] = [];
  const requests: RecordedRequest[] = [];

  const server = http.createServer((request, response) => {
    request.socket.setNoDelay(true);
    response.on("error", () => {}); // a client that hangs up mid-stream is not a server failure
    void (async () => {
      const rec = await readRequest(request);
      requests.push(rec);
      let route: Route | undefined;
      for (let i = routes.length - 1; i >= 0; i--) {
        const candidate = routes[i];
        if (candidate !== undefined && matches(candidate.matcher, rec)) {
          route = candidate;
          break;
        }
      }
      if (route === undefined) {
        sendJson(response, 404, { error: { message: `replay-server: no route for ${rec.method} ${rec.url}` } });
        return;
      }
      await serve(response, route.scenario);
    })().catch((err: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: { message: `replay-server: ${(err as Error).message}` } });
      else response.destroy();
    });
  });
  server.on("clientError", (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: LOOPBACK, port: 0 }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    requests,
    route(matcher, scenario) {
      routes.push({ matcher, scenario });
    },
    reset() {
      routes.length = 0;
      requests.length = 0;
    },
    stop() {
      stopping ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
