// A media host on 127.0.0.1 for the download-budget tests: serves PNG/WAV/HTML bodies of any size
// under scripted paths, can stall, and counts hits, bytes sent and the most requests in flight at
// once. No vitest imports.
import http, { type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);
export const WAV_BYTES = Uint8Array.from([...Buffer.from("RIFF"), 0x24, 0, 0, 0, ...Buffer.from("WAVEfmt "), 1, 2, 3, 4]);

export interface MediaRoute {
  contentType: string | undefined;
  /** The body starts with these bytes and is padded to `size`. */
  head: Uint8Array;
  size?: number;
  /** Wait this long before answering (ms); "stall" never answers. */
  delayMs?: number | "stall";
}

export interface MediaServer {
  url: string;
  route(path: string, route: MediaRoute): void;
  /** Requests for `path` (all requests when none is given). */
  hits(path?: string): number;
  /** Requests whose path starts with `prefix` (a straggler from another test never counts). */
  hitsUnder(prefix: string): number;
  bytesSent(): number;
  /** The most requests under `prefix` in flight at once. */
  maxInFlight(prefix: string): number;
  reset(): void;
  stop(): Promise<void>;
}

export async function startMediaServer(): Promise<MediaServer> {
  const routes = new Map<string, MediaRoute>();
  const hits: string[] = [];
  let sent = 0;
  /** +1 when a request arrives, -1 when its response closes, in order. */
  const flights: { path: string; delta: 1 | -1 }[] = [];
  const serveBody = (response: ServerResponse, route: MediaRoute): void => {
    const size = Math.max(route.size ?? route.head.length, route.head.length);
    const body = Buffer.alloc(size);
    body.set(route.head, 0);
    const headers: Record<string, string> = { "content-length": String(size) };
    if (route.contentType !== undefined) headers["content-type"] = route.contentType;
    response.writeHead(200, headers);
    response.on("close", () => undefined);
    // In 64 KiB pieces, so a client that stops reading stops the count.
    let offset = 0;
    const pump = (): void => {
      while (offset < size) {
        const piece = body.subarray(offset, Math.min(size, offset + 65_536));
        offset += piece.length;
        sent += piece.length;
        if (!response.write(piece)) {
          response.once("drain", pump);
          return;
        }
      }
      response.end();
    };
    pump();
  };
  const server = http.createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    hits.push(path);
    flights.push({ path, delta: 1 });
    response.on("close", () => flights.push({ path, delta: -1 }));
    response.on("error", () => undefined);
    const route = routes.get(path);
    if (route === undefined) {
      response.writeHead(404).end();
      return;
    }
    if (route.delayMs === "stall") return;
    setTimeout(() => serveBody(response, route), route.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0 }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    route: (path, route) => routes.set(path, route),
    hits: (path) => (path === undefined ? hits.length : hits.filter((hit) => hit === path).length),
    hitsUnder: (prefix) => hits.filter((hit) => hit.startsWith(prefix)).length,
    bytesSent: () => sent,
    maxInFlight: (prefix) => {
      let now = 0;
      let most = 0;
      for (const flight of flights) {
        if (!flight.path.startsWith(prefix)) continue;
        now += flight.delta;
        most = Math.max(most, now);
      }
      return most;
    },
    reset: () => {
      routes.clear();
      hits.length = 0;
      flights.length = 0;
      sent = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
