import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { downloadMedia } from "../../src/core/media.js";
import { ascii, expectFailure, fakeDns, JPEG, LOCAL, pinnedToLoopback, PNG, TEXT, WAV } from "../helpers/media-fixtures.js";

// ---------------------------------------------------------------------------
// Test server on 127.0.0.1 (ephemeral port)
// ---------------------------------------------------------------------------

let server: Server;
let port: number;
let base: string;
/** Paths (with query) the server was asked for, and raw TCP connections it accepted. */
let requests: { path: string; host: string | undefined }[] = [];
let connections = 0;
/** Resolvers for "the client hung up on the endless stream" notifications. */
let streamClosed: (() => void)[] = [];

function handle(request: IncomingMessage, response: ServerResponse): void {
  requests.push({ path: request.url ?? "", host: request.headers.host });
  const url = new URL(request.url ?? "/", "http://placeholder");
  const send = (status: number, headers: Record<string, string | number>, body?: Uint8Array): void => {
    response.writeHead(status, headers);
    response.end(body === undefined ? undefined : Buffer.from(body));
  };
  switch (url.pathname) {
    case "/png":
      return send(200, { "content-type": "image/PNG; charset=binary", "content-length": PNG.length }, PNG);
    case "/jpeg-no-type":
      return send(200, { "content-length": JPEG.length }, JPEG);
    case "/wav-octet":
      return send(200, { "content-type": "application/octet-stream" }, WAV);
    case "/text-octet":
      return send(200, { "content-type": "application/octet-stream" }, TEXT);
    case "/png-gzip":
      return send(200, { "content-type": "image/png", "content-encoding": "gzip" }, gzipSync(PNG));
    case "/png-chunked":
      // No Content-Length: Node uses chunked transfer encoding.
      response.writeHead(200, { "content-type": "image/png" });
      response.write(Buffer.from(PNG.subarray(0, 8)));
      response.end(Buffer.from(PNG.subarray(8)));
      return;
    case "/empty":
      return send(200, { "content-type": "image/png", "content-length": 0 });
    case "/not-found":
      return send(404, { "content-type": "text/plain" }, Uint8Array.from(ascii("nope")));
    case "/big-declared":
      // Claims 10 MB, sends a few bytes, then stalls: only the header check can end this quickly.
      response.writeHead(200, { "content-type": "image/png", "content-length": 10_000_000 });
      response.write(Buffer.from(PNG));
      return;
    case "/endless": {
      // Chunked, never ends: only the streamed byte count can end this.
      response.writeHead(200, { "content-type": "image/png" });
      const chunk = Buffer.alloc(1024, 0xab);
      const timer = setInterval(() => response.write(chunk), 2);
      response.on("close", () => {
        clearInterval(timer);
        for (const notify of streamClosed.splice(0)) notify();
      });
      return;
    }
    case "/stall-body":
      response.writeHead(200, { "content-type": "image/png" });
      response.write(Buffer.from(PNG.subarray(0, 4)));
      return;
    case "/stall-headers":
      return; // never answers
    case "/truncated":
      response.writeHead(200, { "content-type": "image/png", "content-length": 1000 });
      response.write(Buffer.from(PNG), () => response.destroy());
      return;
    case "/redirect": {
      const to = url.searchParams.get("to") ?? "/png";
      return send(302, { location: to });
    }
    case "/chain": {
      // /chain?n=3 -> /chain?n=2 -> /chain?n=1 -> /chain?n=0 -> /png (relative Locations)
      const n = Number(url.searchParams.get("n") ?? "0");
      return send(n === 0 ? 301 : 307, { location: n === 0 ? "/png" : `/chain?n=${n - 1}` });
    }
    default:
      return send(500, { "content-type": "text/plain" });
  }
}

beforeAll(async () => {
  server = createServer(handle);
  server.on("connection", () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
  connections = 0;
  streamClosed = [];
});

// ---------------------------------------------------------------------------
// Happy paths
// ---------------------------------------------------------------------------

describe("downloadMedia: happy path (loopback opt-in)", () => {
  it("returns the bytes, the Content-Type essence and the final URL", async () => {
    const media = await downloadMedia(`${base}/png?token=abc`, LOCAL);
    expect(media.data).toBeInstanceOf(Uint8Array);
    expect([...media.data]).toEqual([...PNG]);
    expect(media.mimeType).toBe("image/png");
    expect(media.url).toBe(`${base}/png?token=abc`);
    expect(requests.map((r) => r.path)).toEqual(["/png?token=abc"]);
  });

  it("sniffs the type when Content-Type is missing", async () => {
    const media = await downloadMedia(`${base}/jpeg-no-type`, LOCAL);
    expect(media.mimeType).toBe("image/jpeg");
    expect([...media.data]).toEqual([...JPEG]);
  });

  it("sniffs the type when Content-Type is application/octet-stream", async () => {
    const media = await downloadMedia(`${base}/wav-octet`, LOCAL);
    expect(media.mimeType).toBe("audio/wav");
  });

  it("reads chunked bodies and decodes gzip", async () => {
    expect([...(await downloadMedia(`${base}/png-chunked`, LOCAL)).data]).toEqual([...PNG]);
    const gz = await downloadMedia(`${base}/png-gzip`, LOCAL);
    expect([...gz.data]).toEqual([...PNG]);
    expect(gz.mimeType).toBe("image/png");
  });

  it("accepts a body of exactly maxBytes (declared and streamed)", async () => {
    await expect(downloadMedia(`${base}/png`, { ...LOCAL, maxBytes: PNG.length })).resolves.toMatchObject({
      mimeType: "image/png",
    });
    await expect(downloadMedia(`${base}/png-chunked`, { ...LOCAL, maxBytes: PNG.length })).resolves.toMatchObject({
      mimeType: "image/png",
    });
  });

  it("connects to the address it validated, keeping the hostname for Host (no second DNS lookup)", async () => {
    // public.test does not exist in real DNS; only the injected lookup knows it.
    const options = pinnedToLoopback({ "public.test": ["127.0.0.1"] });
    const media = await downloadMedia(`http://public.test:${port}/png`, options);
    expect(media.url).toBe(`http://public.test:${port}/png`);
    expect(requests).toEqual([{ path: "/png", host: `public.test:${port}` }]);
    expect(options.queries).toEqual(["public.test"]);
  });

  it("follows relative redirects up to maxRedirects and reports the final URL", async () => {
    const media = await downloadMedia(`${base}/chain?n=2`, { ...LOCAL, maxRedirects: 3 });
    expect(media.url).toBe(`${base}/png`);
    expect(requests.map((r) => r.path)).toEqual(["/chain?n=2", "/chain?n=1", "/chain?n=0", "/png"]);
  });
});

// ---------------------------------------------------------------------------
// SSRF protection
// ---------------------------------------------------------------------------

describe("downloadMedia: blocked addresses", () => {
  it("refuses the loopback test server with default options, before connecting", async () => {
    const error = await expectFailure(downloadMedia(`${base}/x`), "blocked_address", /loopback/);
    expect(error.message).toContain(`${base}/x`);
    expect(error.message).toMatch(/data: URI/);
    expect(requests).toEqual([]);
    expect(connections).toBe(0);
  });

  it.each([
    ["decimal IPv4", `http://2130706433:PORT/x`],
    ["hex + short IPv4", `http://0x7f.1:PORT/x`],
    ["short IPv4", `http://127.1:PORT/x`],
    ["trailing-dot IPv4", `http://127.0.0.1.:PORT/x`],
    ["bracketed IPv6 loopback", `http://[::1]:PORT/x`],
    ["IPv4-mapped IPv6", `http://[::ffff:127.0.0.1]:PORT/x`],
    ["https loopback", `https://127.0.0.1:PORT/x`],
    ["unspecified", `http://0.0.0.0:PORT/x`],
  ])("refuses an IP-literal host (%s) before connecting", async (_name, template) => {
    await expectFailure(downloadMedia(template.replace("PORT", String(port))), "blocked_address");
    expect(connections).toBe(0);
  });

  it("refuses localhost through the real resolver", async () => {
    await expectFailure(downloadMedia("https://localhost/cat.png"), "blocked_address", /"localhost" resolves to/);
  });

  it.each([
    ["127.0.0.1", /loopback/],
    ["169.254.169.254", /metadata/],
    ["fd00:ec2::254", /metadata/],
    ["10.20.30.40", /private/],
    ["::ffff:192.168.0.1", /IPv4-mapped.*private/],
  ])("refuses a public-looking hostname whose lookup returns %s", async (address, reason) => {
    const dns = fakeDns({ "images.example.com": [address] });
    const error = await expectFailure(
      downloadMedia(`https://images.example.com/cat.png?sig=SECRET`, { lookup: dns.lookup }),
      "blocked_address",
      reason,
    );
    expect(error.message).toContain("https://images.example.com/cat.png");
    expect(error.message).not.toContain("SECRET");
    expect(dns.queries).toEqual(["images.example.com"]);
    expect(connections).toBe(0);
  });

  it("refuses when ANY resolved address is blocked", async () => {
    const dns = fakeDns({ "mixed.example.com": ["8.8.8.8", "10.0.0.7"] });
    await expectFailure(downloadMedia("https://mixed.example.com/a.png", { lookup: dns.lookup }), "blocked_address", /10\.0\.0\.7/);
  });

  it("lets isAllowedAddress veto an address allowPrivateNetwork would allow", async () => {
    await expectFailure(
      downloadMedia(`${base}/png`, { ...LOCAL, isAllowedAddress: () => false }),
      "blocked_address",
      /isAllowedAddress/,
    );
    expect(connections).toBe(0);
  });
});

describe("downloadMedia: redirects are re-validated on every hop", () => {
  const redirectTo = (target: string): string => `http://public.test:${port}/redirect?to=${encodeURIComponent(target)}`;

  it("control: a redirect to another allowed host is followed (each hop resolved)", async () => {
    const options = pinnedToLoopback({ "public.test": ["127.0.0.1"], "cdn.test": ["127.0.0.1"] });
    const media = await downloadMedia(redirectTo(`http://cdn.test:${port}/png`), options);
    expect(media.url).toBe(`http://cdn.test:${port}/png`);
    expect(options.queries).toEqual(["public.test", "cdn.test"]);
    expect(requests.map((r) => r.host)).toEqual([`public.test:${port}`, `cdn.test:${port}`]);
  });

  it("refuses a redirect to the cloud metadata IP and names the hop", async () => {
    const error = await expectFailure(
      downloadMedia(redirectTo("http://169.254.169.254/latest/meta-data/?token=SECRET"), pinnedToLoopback({ "public.test": ["127.0.0.1"] })),
      "blocked_address",
      /redirect 1 from http:\/\/public\.test:\d+\/redirect to http:\/\/169\.254\.169\.254\/latest\/meta-data\/.*metadata/,
    );
    expect(error.message).not.toContain("SECRET");
    expect(requests).toHaveLength(1);
  });

  it("refuses a redirect to another loopback address (default rules apply on the hop)", async () => {
    await expectFailure(
      downloadMedia(redirectTo(`http://127.0.0.2:${port}/png`), pinnedToLoopback({ "public.test": ["127.0.0.1"] })),
      "blocked_address",
      /redirect 1 .*127\.0\.0\.2 is loopback/,
    );
    expect(requests).toHaveLength(1);
  });

  it("refuses a redirect to a hostname that resolves to a private address", async () => {
    const options = pinnedToLoopback({ "public.test": ["127.0.0.1"], "evil.test": ["127.0.0.1", "10.1.2.3"] });
    await expectFailure(downloadMedia(redirectTo(`http://evil.test:${port}/png`), options), "blocked_address", /"evil\.test" resolves to 10\.1\.2\.3/);
    expect(options.queries).toEqual(["public.test", "evil.test"]);
    expect(requests).toHaveLength(1);
  });

  it("refuses a redirect to a disallowed protocol", async () => {
    const options = pinnedToLoopback({ "public.test": ["127.0.0.1"] });
    await expectFailure(downloadMedia(redirectTo("file:///etc/passwd"), options), "protocol", /redirect 1 .*"file:"/);
    await expectFailure(downloadMedia(redirectTo("https://public.test/png"), options), "protocol", /"https:" is not allowed/);
  });

  it("stops after maxRedirects", async () => {
    await expectFailure(
      downloadMedia(`${base}/chain?n=5`, { ...LOCAL, maxRedirects: 3 }),
      "too_many_redirects",
      /more than 3 redirect/,
    );
    expect(requests).toHaveLength(4);
    await expectFailure(downloadMedia(`${base}/chain?n=0`, { ...LOCAL, maxRedirects: 0 }), "too_many_redirects");
  });
});

describe("downloadMedia: protocols", () => {
  it.each([
    ["file:///etc/passwd", /"file:"/],
    ["ftp://example.com/a.png", /"ftp:"/],
    ["data:image/png;base64,AAAA", /parseDataUri/],
    ["not a url", /not a valid absolute URL/],
  ])("refuses %s", async (url, message) => {
    await expectFailure(downloadMedia(url), "protocol", message);
  });

  it("refuses http: for a hostname by default without resolving it", async () => {
    const dns = fakeDns({ "example.com": ["93.184.216.34"] });
    await expectFailure(downloadMedia("http://example.com/a.png", { lookup: dns.lookup }), "protocol", /https/);
    expect(dns.queries).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Size, time, abort, status, type, network
// ---------------------------------------------------------------------------

describe("downloadMedia: limits and failures", () => {
  it("refuses an oversize Content-Length up front", async () => {
    await expectFailure(downloadMedia(`${base}/big-declared`, { ...LOCAL, maxBytes: 1000 }), "too_large", /Content-Length is 10000000/);
    await expectFailure(downloadMedia(`${base}/png`, { ...LOCAL, maxBytes: PNG.length - 1 }), "too_large");
  });

  it("aborts an oversize streamed body (no Content-Length) as soon as it passes the cap", async () => {
    const hungUp = new Promise<void>((resolve) => streamClosed.push(resolve));
    await expectFailure(
      downloadMedia(`${base}/endless`, { ...LOCAL, maxBytes: 8 * 1024, timeoutMs: 20_000 }),
      "too_large",
      /received more than 8192 bytes/,
    );
    await hungUp; // the endless response was cut off by the client
    await expectFailure(downloadMedia(`${base}/png-chunked`, { ...LOCAL, maxBytes: PNG.length - 1 }), "too_large");
  });

  it("times out a stalled body, stalled headers and a hanging DNS lookup", async () => {
    await expectFailure(downloadMedia(`${base}/stall-body`, { ...LOCAL, timeoutMs: 200 }), "timeout", /timed out after 200 ms/);
    await expectFailure(downloadMedia(`${base}/stall-headers`, { ...LOCAL, timeoutMs: 200 }), "timeout");
    await expectFailure(
      downloadMedia("https://slow-dns.example.com/a.png", { timeoutMs: 200, lookup: () => new Promise(() => {}) }),
      "timeout",
    );
  });

  it("aborts at once on the caller's signal", async () => {
    const controller = new AbortController();
    const pending = downloadMedia(`${base}/stall-body`, { ...LOCAL, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user cancelled")), 50);
    const error = await expectFailure(pending, "network", /aborted/);
    expect((error.cause as Error).message).toBe("user cancelled");
  });

  it("rejects an already-aborted signal without connecting", async () => {
    await expectFailure(downloadMedia(`${base}/png`, { ...LOCAL, signal: AbortSignal.abort() }), "network", /aborted/);
    expect(connections).toBe(0);
  });

  it("names the status of a non-2xx response and redacts credentials and query", async () => {
    const error = await expectFailure(
      downloadMedia(`http://user:hunter2@127.0.0.1:${port}/not-found?token=s3cr3t#frag`, LOCAL),
      "http_status",
      /HTTP 404/,
    );
    expect(error.status).toBe(404);
    expect(error.url).toBe(`${base}/not-found`);
    expect(error.message).toContain(`${base}/not-found`);
    expect(error.message).not.toMatch(/hunter2|s3cr3t|user|frag/);
  });

  it("says when the type cannot be determined", async () => {
    await expectFailure(downloadMedia(`${base}/text-octet`, LOCAL), "unknown_type", /Could not determine the media type/);
  });

  it("reports a truncated body, an empty body and an unresolvable host as network errors", async () => {
    await expectFailure(downloadMedia(`${base}/truncated`, LOCAL), "network");
    await expectFailure(downloadMedia(`${base}/empty`, LOCAL), "network", /empty body/);
    await expectFailure(downloadMedia("https://nowhere.test/a.png", fakeDns({})), "network", /Could not resolve host "nowhere\.test"/);
  });

  it("rejects invalid options", async () => {
    await expect(downloadMedia(`${base}/png`, { maxBytes: 0 })).rejects.toThrow(RangeError);
    await expect(downloadMedia(`${base}/png`, { maxRedirects: -1 })).rejects.toThrow(RangeError);
  });
});
