import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  downloadMedia,
  isBlockedAddress,
  MediaDownloadError,
  parseDataUri,
  sniffMediaType,
  type MediaDownloadErrorCode,
  type MediaDownloadOptions,
} from "../../src/core/media.js";

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4, 5,
]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 9, 9, 9]);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
const WAV = Uint8Array.from([...ascii("RIFF"), 0x24, 0, 0, 0, ...ascii("WAVEfmt "), 1, 2, 3, 4]);
const TEXT = Uint8Array.from(ascii("just some text, nothing to see"));

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

function handle(req: IncomingMessage, res: ServerResponse): void {
  requests.push({ path: req.url ?? "", host: req.headers.host });
  const url = new URL(req.url ?? "/", "http://placeholder");
  const send = (status: number, headers: Record<string, string | number>, body?: Uint8Array): void => {
    res.writeHead(status, headers);
    res.end(body === undefined ? undefined : Buffer.from(body));
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
      res.writeHead(200, { "content-type": "image/png" });
      res.write(Buffer.from(PNG.subarray(0, 8)));
      res.end(Buffer.from(PNG.subarray(8)));
      return;
    case "/empty":
      return send(200, { "content-type": "image/png", "content-length": 0 });
    case "/not-found":
      return send(404, { "content-type": "text/plain" }, Uint8Array.from(ascii("nope")));
    case "/big-declared":
      // Claims 10 MB, sends a few bytes, then stalls: only the header check can end this quickly.
      res.writeHead(200, { "content-type": "image/png", "content-length": 10_000_000 });
      res.write(Buffer.from(PNG));
      return;
    case "/endless": {
      // Chunked, never ends: only the streamed byte count can end this.
      res.writeHead(200, { "content-type": "image/png" });
      const chunk = Buffer.alloc(1024, 0xab);
      const timer = setInterval(() => res.write(chunk), 2);
      res.on("close", () => {
        clearInterval(timer);
        for (const notify of streamClosed.splice(0)) notify();
      });
      return;
    }
    case "/stall-body":
      res.writeHead(200, { "content-type": "image/png" });
      res.write(Buffer.from(PNG.subarray(0, 4)));
      return;
    case "/stall-headers":
      return; // never answers
    case "/truncated":
      res.writeHead(200, { "content-type": "image/png", "content-length": 1000 });
      res.write(Buffer.from(PNG), () => res.destroy());
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
// Helpers
// ---------------------------------------------------------------------------

/** Loopback happy-path options: the test server is on 127.0.0.1 over http. */
const LOCAL: MediaDownloadOptions = { allowPrivateNetwork: true, allowedProtocols: ["http:"] };

/** A fake DNS: maps hostnames to addresses and records every query. */
function fakeDns(table: Record<string, string[]>): {
  lookup: NonNullable<MediaDownloadOptions["lookup"]>;
  queries: string[];
} {
  const queries: string[] = [];
  const lookup = async (hostname: string): Promise<{ address: string; family: 4 | 6 }[]> => {
    queries.push(hostname);
    const addresses = table[hostname];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { lookup, queries };
}

/**
 * Options for "public-looking hostname served by the loopback test server":
 * exactly 127.0.0.1 is allowed by override; every other address goes through
 * the default block rules, so redirect targets are genuinely re-validated.
 */
function pinnedToLoopback(table: Record<string, string[]>): MediaDownloadOptions & { queries: string[] } {
  const dns = fakeDns(table);
  return {
    allowedProtocols: ["http:"],
    lookup: dns.lookup,
    isAllowedAddress: (address) => (address === "127.0.0.1" ? true : undefined),
    queries: dns.queries,
  };
}

async function expectFailure(
  promise: Promise<unknown>,
  code: MediaDownloadErrorCode,
  message?: RegExp,
): Promise<MediaDownloadError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaDownloadError);
  const mediaError = error as MediaDownloadError;
  expect(mediaError.name).toBe("MediaDownloadError");
  expect({ code: mediaError.code, message: mediaError.message }).toMatchObject({ code });
  if (message !== undefined) expect(mediaError.message).toMatch(message);
  return mediaError;
}

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

// ---------------------------------------------------------------------------
// isBlockedAddress
// ---------------------------------------------------------------------------

describe("isBlockedAddress", () => {
  it.each([
    ["127.0.0.1", /loopback/],
    ["127.255.255.254", /loopback/],
    ["::1", /loopback/],
    ["[::1]", /loopback/],
    ["10.0.0.1", /private/],
    ["172.16.0.1", /private/],
    ["172.31.255.255", /private/],
    ["192.168.1.1", /private/],
    ["fc00::1", /private|unique local/],
    ["fd12:3456:789a::1", /unique local/],
    ["169.254.10.20", /link-local/],
    ["fe80::1", /link-local/],
    ["fe80::1%eth0", /link-local/],
    ["169.254.169.254", /metadata/],
    ["fd00:ec2::254", /metadata/],
    ["100.100.100.200", /metadata/],
    ["0.0.0.0", /unspecified/],
    ["::", /unspecified/],
    ["0.1.2.3", /this network/],
    ["100.64.0.1", /carrier-grade NAT/],
    ["100.127.255.254", /carrier-grade NAT/],
    ["224.0.0.1", /multicast/],
    ["239.255.255.250", /multicast/],
    ["ff02::1", /multicast/],
    ["255.255.255.255", /broadcast/],
    ["198.18.0.1", /benchmark/],
    ["198.19.255.255", /benchmark/],
    ["240.0.0.1", /reserved/],
    ["::ffff:127.0.0.1", /IPv4-mapped.*loopback/],
    ["::ffff:7f00:1", /IPv4-mapped.*loopback/],
    ["::ffff:169.254.169.254", /IPv4-mapped.*metadata/],
    ["64:ff9b::7f00:1", /NAT64.*127\.0\.0\.1.*loopback/],
    ["64:ff9b::10.0.0.1", /NAT64.*private/],
    ["2002:7f00:1::1", /6to4.*127\.0\.0\.1.*loopback/],
    ["2002:a9fe:a9fe::", /6to4.*metadata/],
    ["::127.0.0.1", /IPv4-compatible/],
    ["2001:db8::1", /documentation/],
    ["2001::1", /Teredo/],
    ["2130706433", /loopback/],
    ["0x7f.1", /loopback/],
    ["127.1", /loopback/],
    ["017700000001", /loopback/],
    ["example.com", /not an IP address/],
    ["", /not an IP address/],
  ])("blocks %s", (address, reason) => {
    expect(isBlockedAddress(address)).toMatch(reason);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "2606:4700::1111",
    "2001:4860:4860::8888",
    "2a00:1450:4001:80b::200e",
    "172.32.0.1",
    "172.15.255.255",
    "100.128.0.1",
    "100.63.255.255",
    "198.20.0.1",
    "169.255.0.1",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
  ])("allows public %s", (address) => {
    expect(isBlockedAddress(address)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------
// parseDataUri and sniffing
// ---------------------------------------------------------------------------

describe("parseDataUri", () => {
  const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

  it.each([
    ["data:image/png;base64,iVBORw0KGgo=", { mimeType: "image/png", base64: "iVBORw0KGgo=" }],
    ["DATA:IMAGE/PNG;BASE64,AAAA", { mimeType: "image/png", base64: "AAAA" }],
    ["data:image/png;base64,iVBO Rw0K\nGgo", { mimeType: "image/png", base64: "iVBORw0KGgo=" }],
    ["data:image/png;name=a.png;base64,AAAA", { mimeType: "image/png", base64: "AAAA" }],
    ["data:image/png;base64,%2B%2F%2B%2F", { mimeType: "image/png", base64: "+/+/" }],
    ["data:;base64,SGk=", { mimeType: "text/plain", base64: "SGk=" }],
    ["data:nonsense;base64,AAAA", { mimeType: "text/plain", base64: "AAAA" }],
    ["data:,Hello", { mimeType: "text/plain", base64: b64("Hello") }],
    ["data:text/plain;charset=utf-8,Hello%2C%20World", { mimeType: "text/plain", base64: b64("Hello, World") }],
    ["data:text/plain,h%C3%A9llo é", { mimeType: "text/plain", base64: b64("héllo é") }],
    ["data:image/svg+xml;utf8,<svg/>", { mimeType: "image/svg+xml", base64: b64("<svg/>") }],
    ["data:application/octet-stream,%FF%00%zz", { mimeType: "application/octet-stream", base64: Buffer.from([0xff, 0, 0x25, 0x7a, 0x7a]).toString("base64") }],
    ["data:text/plain;base64,", { mimeType: "text/plain", base64: "" }],
  ])("parses %s", (uri, expected) => {
    expect(parseDataUri(uri)).toEqual(expected);
  });

  it.each([
    "https://example.com/a.png",
    "data:image/png;base64",
    "data:image/png;base64,@@@@",
    "data:image/png;base64,A",
    "data:image/png;base64,AA==AA==",
    "image/png;base64,AAAA",
  ])("returns undefined for %s", (uri) => {
    expect(parseDataUri(uri)).toBeUndefined();
  });
});

describe("sniffMediaType", () => {
  const bytes = (...parts: (number[] | string)[]): Uint8Array =>
    Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? ascii(p) : p)));

  it.each([
    ["png", PNG, "image/png"],
    ["jpeg", JPEG, "image/jpeg"],
    ["gif", bytes("GIF89a", [1, 0, 1, 0]), "image/gif"],
    ["webp", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "), "image/webp"],
    ["pdf", bytes("%PDF-1.7\n"), "application/pdf"],
    ["wav", WAV, "audio/wav"],
    ["mp3 with ID3", bytes("ID3", [4, 0, 0, 0, 0, 0, 0]), "audio/mpeg"],
    ["mp3 frame sync", bytes([0xff, 0xfb, 0x90, 0x64, 0, 0]), "audio/mpeg"],
    ["ogg", bytes("OggS", [0, 2, 0, 0]), "audio/ogg"],
    ["flac", bytes("fLaC", [0, 0, 0, 0x22]), "audio/flac"],
    ["m4a", bytes([0, 0, 0, 0x20], "ftypM4A ", [0, 0, 0, 0]), "audio/mp4"],
    ["mp4", bytes([0, 0, 0, 0x20], "ftypisom", [0, 0, 2, 0]), "video/mp4"],
  ])("recognises %s", (_name, data, mime) => {
    expect(sniffMediaType(data)).toBe(mime);
  });

  it.each([
    ["text", TEXT],
    ["empty", new Uint8Array()],
    ["AAC ADTS (not MPEG layer I-III)", Uint8Array.from([0xff, 0xf1, 0x50, 0x80, 0, 0])],
    ["truncated png", PNG.subarray(0, 4)],
  ])("does not guess for %s", (_name, data) => {
    expect(sniffMediaType(data)).toBeUndefined();
  });
});
