// Shared by the child scripts: a loopback server, and the one JSON line a child reports.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ChildServer {
  url: string;
  requests: () => number;
  close: () => Promise<void>;
}

/** An http server on 127.0.0.1 (a free port); `handle` gets each request, numbered from 0. */
export async function serve(handle: (request: IncomingMessage, response: ServerResponse, index: number) => void): Promise<ChildServer> {
  let count = 0;
  const server = http.createServer((request, response) => {
    const index = count++;
    response.on("error", () => undefined);
    request.resume();
    request.on("end", () => handle(request, response, index));
  });
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0 }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a failed call looked like, for the parent to assert on. */
export function described(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { thrown: String(error) };
  const cause = (error as { cause?: unknown }).cause;
  return {
    name: error.name,
    message: error.message,
    isRetryable: (error as { isRetryable?: unknown }).isRetryable,
    causeName: cause instanceof Error ? cause.name : undefined,
  };
}

/** The child's result: the last line of its output. */
export function report(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Peak resident memory of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
