// A node:http fault-injection server on 127.0.0.1 for router/retry tests: per path, it serves a
// queue of scripted responses (statuses, Retry-After, resets, stalls, truncated streams, HTML
// error pages) and records every request (so tests can see which key went to which target).
// No vitest imports.
import http from "node:http";
import type { ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { LOOPBACK, refusedUrl } from "./free-port.js";
import { pause, readRequest, writeAndFlush, type RecordedRequest } from "./replay-server.js";

export type { RecordedRequest } from "./replay-server.js";
/** An http://127.0.0.1:<port> URL where nothing listens: connecting is refused (ECONNREFUSED). */
export { refusedUrl };

export type FaultResponse =
  /** A complete response. An object body is sent as JSON; a string body as is. */
  | { kind?: "response"; status: number; headers?: Record<string, string>; body?: string | object }
  /** Destroy the socket (TCP RST) without writing anything. */
  | { kind: "reset-before-headers" }
  /** Never answer; the socket stays open until stop() (or the client gives up). */
  | { kind: "never-respond" }
  /** Send the status line and headers (and optionally part of the body), then hang. */
  | { kind: "stall-after-headers"; status: number; headers?: Record<string, string>; bodyPrefix?: string }
  /**
   * A text/event-stream response: each string in `events` is written verbatim as its own chunk
   * (include the trailing "\n\n" yourself), then the stream ends cleanly, is dropped mid-body
   * ("reset": no chunked terminator, the client's read fails), or hangs until stop().
   */
  | {
      kind: "sse";
      events: string[];
      then: "end" | "reset" | "hang";
      status?: number;
      headers?: Record<string, string>;
    }
  /** An HTML error page (a proxy or load balancer answering instead of the API), `bytes` long (default 20 KiB). */
  | { kind: "html"; status: number; bytes?: number; headers?: Record<string, string> };

export interface FaultServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  port: number;
  /**
   * Queue responses for a path (the URL path without query string). Each request takes the next one;
   * when the queue runs dry the last response served for that path repeats. A path that never had
   * anything queued gets a 500 JSON body saying so.
   */
  enqueue(path: string, ...responses: FaultResponse[]): void;
  /** How many requests arrived for a path. */
  count(path: string): number;
  /** The requests that arrived for a path (all requests, in order, when no path is given). */
  requests(path?: string): RecordedRequest[];
  /** Forget queues, counts and recorded requests. */
  reset(): void;
  /** Destroy every open socket (hung ones included) and close the server. Idempotent. */
  stop(): Promise<void>;
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function htmlPage(status: number, bytes: number): string {
  const title = `${status} ${http.STATUS_CODES[status] ?? "Error"}`;
  const head = `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n`;
  const tail = `<hr><center>nginx</center>\n</body>\n</html>\n`;
  const filler = "<!-- a padding comment to make the error page as large as a real one -->\n";
  let page = head;
  while (page.length + tail.length < bytes) page += filler;
  page = page.slice(0, Math.max(0, bytes - tail.length)) + tail;
  return page.slice(0, bytes);
}

/** TCP RST, nothing written: fetch rejects (ECONNRESET). */
function resetSocket(response: ServerResponse): void {
  const socket = response.socket;
  if (socket && typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  response.destroy();
}

/**
 * Drop the connection mid-body (no chunked terminator): the client's body read fails. A FIN, not
 * an RST, so bytes already written are not purged from the client's receive buffer.
 */
function dropMidBody(response: ServerResponse): void {
  response.socket?.destroy();
  response.destroy();
}

async function respond(response: ServerResponse, fault: FaultResponse): Promise<void> {
  switch (fault.kind) {
    case undefined:
    case "response": {
      const headers = lowerKeys(fault.headers);
      let body = "";
      if (typeof fault.body === "string") {
        body = fault.body;
        headers["content-type"] ??= looksLikeJson(body) ? "application/json" : "text/plain; charset=utf-8";
      } else if (fault.body !== undefined) {
        body = JSON.stringify(fault.body);
        headers["content-type"] ??= "application/json";
      }
      headers["content-length"] ??= String(Buffer.byteLength(body));
      response.writeHead(fault.status, headers);
      response.end(body);
      return;
    }
    case "reset-before-headers":
      resetSocket(response);
      return;
    case "never-respond":
      return; // the socket stays open until the client leaves or stop() destroys it
    case "stall-after-headers": {
      const headers = lowerKeys(fault.headers);
      headers["content-type"] ??= "application/json";
      response.writeHead(fault.status, headers);
      response.flushHeaders();
      if (fault.bodyPrefix !== undefined && fault.bodyPrefix !== "") await writeAndFlush(response, fault.bodyPrefix);
      return; // hang
    }
    case "sse": {
      const headers = lowerKeys(fault.headers);
      headers["content-type"] ??= "text/event-stream";
      headers["cache-control"] ??= "no-cache";
      response.writeHead(fault.status ?? 200, headers);
      response.flushHeaders();
      for (const event of fault.events) {
        await writeAndFlush(response, event);
        if (response.destroyed) return;
        await pause(0);
      }
      if (fault.then === "end") response.end();
      else if (fault.then === "reset") {
        await pause(0);
        dropMidBody(response);
      }
      return; // "hang"
    }
    case "html": {
      const page = htmlPage(fault.status, fault.bytes ?? 20 * 1024);
      const headers = lowerKeys(fault.headers);
      headers["content-type"] ??= "text/html; charset=utf-8";
      headers["content-length"] ??= String(Buffer.byteLength(page));
      response.writeHead(fault.status, headers);
      response.end(page);
      return;
    }
  }
}

export async function startFaultServer(): Promise<FaultServer> {
  const queues = new Map<string, FaultResponse[]>();
  const last = new Map<string, FaultResponse>();
  const recorded: RecordedRequest[] = [];

  const next = (path: string): FaultResponse | undefined => {
    const queue = queues.get(path);
    const head = queue?.shift();
    if (head !== undefined) {
      last.set(path, head);
      return head;
    }
    return last.get(path);
  };

  const server = http.createServer((request, response) => {
    request.socket.setNoDelay(true);
    response.on("error", () => {});
    void (async () => {
      const rec = await readRequest(request);
      recorded.push(rec);
      const fault = next(rec.path);
      if (fault === undefined) {
        await respond(response, {
          status: 500,
          body: { error: { message: `fault-server: nothing enqueued for ${rec.method} ${rec.path}`, type: "fault_server_unscripted" } },
        });
        return;
      }
      await respond(response, fault);
    })().catch(() => response.destroy());
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
    enqueue(path, ...responses) {
      const queue = queues.get(path) ?? [];
      queue.push(...responses);
      queues.set(path, queue);
    },
    count(path) {
      return recorded.filter((r) => r.path === path).length;
    },
    requests(path) {
      return path === undefined ? [...recorded] : recorded.filter((r) => r.path === path);
    },
    reset() {
      queues.clear();
      last.clear();
      recorded.length = 0;
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
