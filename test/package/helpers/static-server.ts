// Serves the test page and its script from a third loopback origin (the mock providers are on two
// others), so every call the page makes is a real cross-origin request with CORS.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface StaticServer {
  url: string;
  stop(): Promise<void>;
}

export async function startStaticServer(files: Record<string, { type: string; body: string }>): Promise<StaticServer> {
  const server = http.createServer((request, response) => {
    const file = files[(request.url ?? "/").split(/[?#]/)[0] ?? "/"];
    if (file === undefined) {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
      return;
    }
    response.writeHead(200, { "content-type": file.type, "cache-control": "no-store" });
    response.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0 }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
