// The fetch-based media downloader (Deno, Bun, edge runtimes, browsers), over real HTTP on
// 127.0.0.1: the same address rules for IP literals as the Node downloader, local-only host names
// refused, redirects followed by hand with every hop re-checked, size and time budgets, abort.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { downloadMedia as downloadThroughEntry } from "../../src/core/media-download.js";
import { downloadMedia, localHostNameReason } from "../../src/core/media-fetch.js";
import { ascii, expectFailure, fakeDns, JPEG, LOCAL, PNG } from "../helpers/media-fixtures.js";

let server: Server;
let base: string;
let seen: { path: string; headers: IncomingMessage["headers"] }[] = [];

function handle(request: IncomingMessage, response: ServerResponse): void {
  seen.push({ path: request.url ?? "", headers: request.headers });
  const url = new URL(request.url ?? "/", "http://placeholder");
  const send = (status: number, headers: Record<string, string | number>, body?: Uint8Array): void => {
    response.writeHead(status, headers);
    response.end(body === undefined ? undefined : Buffer.from(body));
  };
  switch (url.pathname) {
    case "/png":
      return send(200, { "content-type": "image/png", "content-length": PNG.length }, PNG);
    case "/jpeg-no-type":
      return send(200, {}, JPEG);
    case "/png-gzip":
      return send(200, { "content-type": "image/png", "content-encoding": "gzip" }, gzipSync(PNG));
    case "/not-found":
      return send(404, { "content-type": "text/plain" }, Uint8Array.from(ascii("nope")));
    case "/big-declared":
      response.writeHead(200, { "content-type": "image/png", "content-length": 10_000_000 });
      response.write(Buffer.from(PNG));
      return;
    case "/endless": {
      response.writeHead(200, { "content-type": "image/png" });
      const timer = setInterval(() => response.write(Buffer.alloc(1024, 0xab)), 2);
      response.on("close", () => clearInterval(timer));
      return;
    }
    case "/stall-headers":
      return;
    case "/redirect":
      return send(302, { location: url.searchParams.get("to") ?? "/png" });
    case "/chain": {
      const n = Number(url.searchParams.get("n") ?? "0");
      return send(n === 0 ? 301 : 307, { location: n === 0 ? "/png" : `/chain?n=${n - 1}` });
    }
    default:
      return send(500, { "content-type": "text/plain" });
  }
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen = [];
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("fetch downloader: what it downloads", () => {
  it("returns the bytes, the type and the final URL", async () => {
    const media = await downloadMedia(`${base}/png?token=abc`, LOCAL);
    expect([...media.data]).toEqual([...PNG]);
    expect(media).toMatchObject({ mimeType: "image/png", url: `${base}/png?token=abc` });
    expect(seen[0]?.headers["accept"]).toContain("image/*");
  });

  it("sniffs a missing type and reads a gzip body decoded by fetch", async () => {
    expect((await downloadMedia(`${base}/jpeg-no-type`, LOCAL)).mimeType).toBe("image/jpeg");
    expect([...(await downloadMedia(`${base}/png-gzip`, LOCAL)).data]).toEqual([...PNG]);
  });

  it("follows redirects by hand, each hop a request of its own", async () => {
    const media = await downloadMedia(`${base}/chain?n=2`, LOCAL);
    expect(media.url).toBe(`${base}/png`);
    expect(seen.map((entry) => entry.path)).toEqual(["/chain?n=2", "/chain?n=1", "/chain?n=0", "/png"]);
  });

  it("sends URL credentials as Basic auth (fetch refuses them in the URL) and never names them in errors", async () => {
    await downloadMedia(`http://user:p%40ss@127.0.0.1:${new URL(base).port}/png`, LOCAL);
    expect(seen[0]?.headers["authorization"]).toBe(`Basic ${Buffer.from("user:p@ss").toString("base64")}`);
    const error = await expectFailure(downloadMedia(`http://user:secret-pass@127.0.0.1:${new URL(base).port}/not-found`, LOCAL), "http_status");
    expect(error.message).not.toContain("secret-pass");
  });
});

describe("fetch downloader: what it refuses", () => {
  it("refuses loopback, private and metadata IP literals unless allowed", async () => {
    await expectFailure(downloadMedia(`${base}/png`, { allowedProtocols: ["http:"] }), "blocked_address", /127\.0\.0\.1 is loopback/);
    await expectFailure(downloadMedia("https://169.254.169.254/latest/meta-data"), "blocked_address", /metadata/);
    await expectFailure(downloadMedia("https://[::ffff:10.0.0.1]/a.png"), "blocked_address", /10\.0\.0\.1/);
    await expectFailure(downloadMedia("https://0x7f.1/a.png"), "blocked_address", /loopback/);
    expect(seen).toEqual([]);
  });

  it.each([
    ["http://localhost/a.png", /localhost/],
    ["http://api.localhost/a.png", /localhost/],
    ["http://printer.local/a.png", /\.local/],
    ["http://metadata.google.internal/computeMetadata/v1/", /\.internal/],
    ["http://router.home.arpa/a.png", /home\.arpa/],
    ["http://metadata/latest", /single-label/],
  ])("refuses %s by name (no DNS to check it with)", async (url, reason) => {
    await expectFailure(downloadMedia(url, { allowedProtocols: ["http:", "https:"] }), "blocked_address", reason);
  });

  it("re-checks every redirect hop: a redirect to a private literal or a local name is refused", async () => {
    const allowLoopbackOnly = { allowedProtocols: ["http:" as const], isAllowedAddress: (address: string) => (address === "127.0.0.1" ? true : undefined) };
    await expectFailure(downloadMedia(`${base}/redirect?to=${encodeURIComponent("http://10.1.2.3/x.png")}`, allowLoopbackOnly), "blocked_address", /redirect 1 .* 10\.1\.2\.3 is private network/);
    await expectFailure(downloadMedia(`${base}/redirect?to=${encodeURIComponent("http://localhost/x.png")}`, allowLoopbackOnly), "blocked_address", /localhost/);
    await expectFailure(downloadMedia(`${base}/redirect?to=${encodeURIComponent("ftp://example.com/x.png")}`, allowLoopbackOnly), "protocol");
    expect(seen.map((entry) => entry.path.split("?")[0])).toEqual(["/redirect", "/redirect", "/redirect"]);
  });

  it("stops after maxRedirects", async () => {
    await expectFailure(downloadMedia(`${base}/chain?n=5`, { ...LOCAL, maxRedirects: 2 }), "too_many_redirects", /more than 2 redirect/);
  });

  it("refuses https-only by default, and data: URIs", async () => {
    await expectFailure(downloadMedia("http://example.com/a.png"), "protocol", /https/);
    await expectFailure(downloadMedia("data:image/png;base64,AAAA"), "protocol", /parseDataUri/);
  });

  it("holds the size budget: declared length up front, streamed bytes as they come", async () => {
    await expectFailure(downloadMedia(`${base}/big-declared`, { ...LOCAL, maxBytes: 1000 }), "too_large", /Content-Length is 10000000/);
    await expectFailure(downloadMedia(`${base}/endless`, { ...LOCAL, maxBytes: 50_000 }), "too_large", /more than 50000 bytes/);
  });

  it("holds the time budget and the caller's signal", async () => {
    await expectFailure(downloadMedia(`${base}/stall-headers`, { ...LOCAL, timeoutMs: 100 }), "timeout", /timed out after 100 ms/);
    const controller = new AbortController();
    const pending = downloadMedia(`${base}/stall-headers`, { ...LOCAL, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expectFailure(pending, "network", /aborted by the caller/);
  });

  it("reports HTTP errors with their status", async () => {
    const error = await expectFailure(downloadMedia(`${base}/not-found`, LOCAL), "http_status", /HTTP 404/);
    expect(error.status).toBe(404);
  });

  it("refuses a redirect a browser hides from it (opaque), saying to pass the final URL", async () => {
    const opaque = { type: "opaqueredirect", status: 0, statusText: "", headers: new Headers(), body: null } as unknown as Response;
    vi.stubGlobal("fetch", async () => opaque);
    await expectFailure(downloadMedia("https://images.example.com/cat.png"), "too_many_redirects", /final URL/);
  });
});

describe("local-only host names", () => {
  it("names public host names as fine", () => {
    expect(localHostNameReason("images.example.com")).toBeUndefined();
    expect(localHostNameReason("LOCALHOST.")).toMatch(/loopback/);
  });
});

describe("the portable entry (media-download.ts)", () => {
  it("loads the Node downloader on Node: it resolves names itself (the injected lookup is used)", async () => {
    const dns = fakeDns({ "images.example.test": ["127.0.0.1"] });
    const port = new URL(base).port;
    const media = await downloadThroughEntry(`http://images.example.test:${port}/png`, {
      allowedProtocols: ["http:"],
      lookup: dns.lookup,
      isAllowedAddress: (address) => (address === "127.0.0.1" ? true : undefined),
    });
    expect([...media.data]).toEqual([...PNG]);
    expect(dns.queries).toEqual(["images.example.test"]);
    // The Node downloader announces itself; the fetch one sends the runtime's own user agent.
    expect(seen[0]?.headers["user-agent"]).toBe("onellm-media-downloader");
  });
});
