/**
 * Safe URL downloader for media (images, audio, PDFs) that a provider needs
 * inline, e.g. as base64. Provider-agnostic.
 *
 * Guarantees:
 * - the hostname is resolved once, every resolved address is checked against
 *   {@link isBlockedAddress}, and the connection goes to exactly those checked
 *   addresses (custom `lookup`, so no second DNS query can rebind), with the
 *   original hostname kept for the Host header and TLS SNI / certificate check;
 * - redirects are followed manually and every hop is re-validated;
 * - the body is capped (Content-Length checked up front, streamed bytes counted);
 * - one timeout covers the whole download and `signal` aborts at once.
 */
import { promises as dns } from "node:dns";
import { request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { canonicalAddress, isBlockedAddress, normaliseMimeType, redactUrl, sniffMediaType } from "./media-address.js";

export { isBlockedAddress, parseDataUri, sniffMediaType } from "./media-address.js";

export interface MediaDownloadOptions {
  /** Maximum body size in bytes (after content decoding). Default 20 MiB. */
  maxBytes?: number;
  /** Timeout for the whole download, redirects included. Default 15 000 ms. */
  timeoutMs?: number;
  /** Maximum number of redirects to follow. Default 3. */
  maxRedirects?: number;
  /** Default `["https:"]`. */
  allowedProtocols?: ("https:" | "http:")[];
  /** Skip the address block list entirely (e.g. for a trusted internal network). Default false. */
  allowPrivateNetwork?: boolean;
  signal?: AbortSignal;
  /** Resolves a hostname to all its addresses. Default: `dns.promises.lookup(hostname, { all: true })`. */
  lookup?: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  /**
   * Per-address override of the block check, evaluated on every hop: `true`
   * allows the address, `false` blocks it, `undefined` falls through to the
   * default rules (`allowPrivateNetwork` / {@link isBlockedAddress}). Lets tests
   * (or deployments) allow exactly one internal address.
   */
  isAllowedAddress?: (address: string, family: 4 | 6) => boolean | undefined;
}

export interface DownloadedMedia {
  data: Uint8Array;
  /** From Content-Type (parameters stripped), or sniffed from the bytes. */
  mimeType: string;
  /** Final URL, after redirects. */
  url: string;
}

export type MediaDownloadErrorCode =
  | "blocked_address"
  | "too_large"
  | "timeout"
  | "http_status"
  | "too_many_redirects"
  | "protocol"
  | "unknown_type"
  | "network";

export class MediaDownloadError extends Error {
  override readonly name = "MediaDownloadError";
  readonly code: MediaDownloadErrorCode;
  /** The URL concerned, with userinfo, query string and fragment removed. */
  readonly url: string;
  /** HTTP status, for `http_status` errors. */
  readonly status: number | undefined;

  constructor(
    code: MediaDownloadErrorCode,
    message: string,
    details: { url: string; status?: number | undefined; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.url = details.url;
    this.status = details.status;
  }
}

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_REDIRECTS = 3;
const INSTEAD = "pass the media inline as a data: URI (base64) instead";

interface Settings {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  allowedProtocols: readonly string[];
  allowPrivateNetwork: boolean;
  lookup: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  isAllowedAddress: ((address: string, family: 4 | 6) => boolean | undefined) | undefined;
}

interface Resolved {
  address: string;
  family: 4 | 6;
}

/** Describes where we are, for error messages: the first request or a redirect hop. */
interface Hop {
  index: number; // 0 = the URL the caller passed
  from: URL | undefined;
}

/**
 * Downloads `url` with SSRF protection, a size cap and a timeout.
 * Rejects with {@link MediaDownloadError} only.
 */
export async function downloadMedia(url: string, options: MediaDownloadOptions = {}): Promise<DownloadedMedia> {
  const settings = resolveSettings(options);
  const userSignal = options.signal;
  if (userSignal?.aborted) throw abortedError(url, userSignal);

  const controller = new AbortController();
  const signal = controller.signal;
  const stop = (error: MediaDownloadError): void => {
    if (!signal.aborted) controller.abort(error);
  };
  const timer = setTimeout(() => {
    stop(
      new MediaDownloadError(
        "timeout",
        `Downloading media from ${redactUrl(url)} timed out after ${settings.timeoutMs} ms. ` +
          `Check that the URL is reachable, raise timeoutMs, or ${INSTEAD}.`,
        { url: redactUrl(url) },
      ),
    );
  }, settings.timeoutMs);
  const onUserAbort = (): void => {
    if (userSignal !== undefined) stop(abortedError(url, userSignal));
  };
  userSignal?.addEventListener("abort", onUserAbort, { once: true });

  try {
    let current = parseUrl(url);
    let from: URL | undefined;
    for (let index = 0; ; index++) {
      const hop: Hop = { index, from };
      const addresses = await raceAbort(resolveAndCheck(current, hop, settings), signal);
      const result = await requestOnce(current, addresses, settings, signal);
      if (result.kind === "redirect") {
        if (index >= settings.maxRedirects) {
          throw new MediaDownloadError(
            "too_many_redirects",
            `Downloading media from ${redactUrl(url)} needed more than ${settings.maxRedirects} redirect(s) ` +
              `(last: HTTP ${result.status} at ${redactUrl(current.href)}). ` +
              `Pass the final URL directly, raise maxRedirects, or ${INSTEAD}.`,
            { url: redactUrl(current.href) },
          );
        }
        let next: URL;
        try {
          next = new URL(result.location, current);
        } catch (cause) {
          throw new MediaDownloadError(
            "network",
            `Downloading media from ${redactUrl(current.href)} failed: HTTP ${result.status} redirect has an invalid ` +
              `Location header. Pass a direct URL or ${INSTEAD}.`,
            { url: redactUrl(current.href), cause },
          );
        }
        from = current;
        current = next;
        continue;
      }
      if (result.data.length === 0) {
        throw new MediaDownloadError(
          "network",
          `Downloading media from ${redactUrl(current.href)} returned an empty body. Check the URL or ${INSTEAD}.`,
          { url: redactUrl(current.href) },
        );
      }
      return { data: result.data, mimeType: determineMimeType(result, current), url: current.href };
    }
  } catch (error) {
    if (error instanceof MediaDownloadError) throw error;
    throw new MediaDownloadError(
      "network",
      `Downloading media from ${redactUrl(url)} failed: ${describe(error)}. ${capitalise(INSTEAD)}.`,
      { url: redactUrl(url), cause: error },
    );
  } finally {
    clearTimeout(timer);
    userSignal?.removeEventListener("abort", onUserAbort);
  }
}

function resolveSettings(options: MediaDownloadOptions): Settings {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  if (!Number.isFinite(maxBytes) || maxBytes <= 0) throw new RangeError(`maxBytes must be a positive number, got ${maxBytes}`);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  if (!Number.isInteger(maxRedirects) || maxRedirects < 0) {
    throw new RangeError(`maxRedirects must be a non-negative integer, got ${maxRedirects}`);
  }
  return {
    maxBytes,
    timeoutMs,
    maxRedirects,
    allowedProtocols: options.allowedProtocols ?? ["https:"],
    allowPrivateNetwork: options.allowPrivateNetwork ?? false,
    lookup: options.lookup ?? defaultLookup,
    isAllowedAddress: options.isAllowedAddress,
  };
}

async function defaultLookup(hostname: string): Promise<Resolved[]> {
  const results = await dns.lookup(hostname, { all: true });
  return results.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
}

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch (cause) {
    throw new MediaDownloadError(
      "protocol",
      `Cannot download media from ${redactUrl(url)}: not a valid absolute URL. Pass an https:// URL or ${INSTEAD}.`,
      { url: redactUrl(url), cause },
    );
  }
}

/** "media from X" for the first request, "redirect N from X to Y" for later hops. */
function hopLabel(url: URL, hop: Hop): string {
  return hop.from === undefined
    ? `media from ${redactUrl(url.href)}`
    : `redirect ${hop.index} from ${redactUrl(hop.from.href)} to ${redactUrl(url.href)}`;
}

/** `schemeOnly`: just require http(s); otherwise also require `allowedProtocols`. */
function checkProtocol(url: URL, hop: Hop, settings: Settings, schemeOnly: boolean): void {
  const http = url.protocol === "https:" || url.protocol === "http:";
  if (http && (schemeOnly || settings.allowedProtocols.includes(url.protocol))) return;
  const hint =
    url.protocol === "data:"
      ? "data: URIs are not downloaded; use parseDataUri() for them"
      : `use an ${settings.allowedProtocols.filter((p) => p === "https:" || p === "http:").join(" or ") || "https:"}// URL or ${INSTEAD}`;
  throw new MediaDownloadError(
    "protocol",
    `Refusing to ${hop.from === undefined ? "download" : "follow"} ${hopLabel(url, hop)}: protocol "${url.protocol}" is not ` +
      `allowed (allowed: ${settings.allowedProtocols.join(", ") || "none"}); ${hint}.`,
    { url: redactUrl(url.href) },
  );
}

/**
 * Validates the protocol, resolves the host (IP literals as-is) and refuses when
 * ANY address is blocked. A blocked IP literal is reported before a disallowed
 * http: (it is the more useful error); hostnames are not resolved for a
 * disallowed protocol.
 */
async function resolveAndCheck(url: URL, hop: Hop, settings: Settings): Promise<Resolved[]> {
  checkProtocol(url, hop, settings, true);
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const literal = isIP(host);
  let addresses: Resolved[];
  if (literal === 4 || literal === 6) {
    addresses = [{ address: host, family: literal }];
  } else {
    checkProtocol(url, hop, settings, false);
    try {
      addresses = await settings.lookup(host);
    } catch (cause) {
      throw new MediaDownloadError(
        "network",
        `Could not resolve host "${host}" for ${hopLabel(url, hop)}: ${describe(cause)}. ` +
          `Check the URL or ${INSTEAD}.`,
        { url: redactUrl(url.href), cause },
      );
    }
    if (addresses.length === 0) {
      throw new MediaDownloadError(
        "network",
        `Could not resolve host "${host}" for ${hopLabel(url, hop)}: no addresses. Check the URL or ${INSTEAD}.`,
        { url: redactUrl(url.href) },
      );
    }
  }
  const checked: Resolved[] = [];
  for (const entry of addresses) {
    const family = isIP(entry.address);
    const reason =
      family === 4 || family === 6 ? addressBlockReason(entry.address, family, settings) : "not an IP address";
    if (reason !== undefined || (family !== 4 && family !== 6)) {
      const address = canonicalAddress(entry.address);
      const where = literal === 0 ? `"${host}" resolves to ${address}, which is` : `${address} is`;
      throw new MediaDownloadError(
        "blocked_address",
        `Refusing to ${hop.from === undefined ? "download" : "follow"} ${hopLabel(url, hop)}: ${where} ${reason}. Only public internet addresses are fetched (SSRF protection); ${INSTEAD}.`,
        { url: redactUrl(url.href) },
      );
    }
    checked.push({ address: entry.address, family });
  }
  checkProtocol(url, hop, settings, false);
  return checked;
}

function addressBlockReason(address: string, family: 4 | 6, settings: Settings): string | undefined {
  const override = settings.isAllowedAddress?.(address, family);
  if (override === true) return undefined;
  if (override === false) return "refused by isAllowedAddress";
  return settings.allowPrivateNetwork ? undefined : isBlockedAddress(address);
}

type HopResult =
  | { kind: "redirect"; status: number; location: string }
  | { kind: "body"; data: Uint8Array; contentType: string | undefined };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** One HTTP GET pinned to the pre-validated addresses. Rejects with the abort reason when `signal` fires. */
function requestOnce(url: URL, addresses: Resolved[], settings: Settings, signal: AbortSignal): Promise<HopResult> {
  const safeUrl = redactUrl(url.href);
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const first = addresses[0];
  // Answers the socket's DNS query with the addresses we already checked. Node
  // skips lookup for IP literals, which were checked as-is.
  const pinnedLookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all === true) {
      callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
    } else if (first !== undefined) {
      callback(null, first.address, first.family);
    } else {
      callback(Object.assign(new Error("no validated address"), { code: "ENOTFOUND" }), "", 0);
    }
  };
  const requestOptions: RequestOptions & { servername?: string } = {
    protocol: url.protocol,
    hostname: host,
    port: url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port),
    path: `${url.pathname}${url.search}`,
    method: "GET",
    agent: false,
    lookup: pinnedLookup,
    headers: {
      accept: "image/*, audio/*, video/*, application/pdf, */*;q=0.5",
      "accept-encoding": "identity",
      "user-agent": "onellm-media-downloader",
    },
  };
  if (url.username !== "" || url.password !== "") {
    requestOptions.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  if (url.protocol === "https:" && isIP(host) === 0) requestOptions.servername = host;

  return new Promise<HopResult>((resolve, reject) => {
    let settled = false;
    const streams: { destroy(): unknown }[] = [];
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      action();
    };
    const fail = (error: MediaDownloadError): void => {
      settle(() => reject(error));
      for (const s of streams) s.destroy();
    };
    const networkFail = (what: string, cause?: unknown): void => {
      fail(
        new MediaDownloadError(
          "network",
          `Downloading media from ${safeUrl} failed: ${what}. Check that the URL is publicly reachable or ${INSTEAD}.`,
          { url: safeUrl, cause },
        ),
      );
    };
    const onAbort = (): void => {
      const reason: unknown = signal.reason;
      fail(reason instanceof MediaDownloadError ? reason : new MediaDownloadError("network", "aborted", { url: safeUrl }));
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });

    const req = (url.protocol === "https:" ? httpsRequest : httpRequest)(requestOptions);
    streams.push(req);
    req.on("error", (error) => networkFail(describe(error), error));
    req.on("response", (res: IncomingMessage) => {
      streams.push(res);
      res.on("error", (error) => networkFail(describe(error), error));
      const status = res.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status) && typeof res.headers.location === "string") {
        const location = res.headers.location;
        settle(() => resolve({ kind: "redirect", status, location }));
        res.destroy();
        return;
      }
      if (status < 200 || status > 299) {
        const text = res.statusMessage ? ` ${res.statusMessage}` : "";
        fail(
          new MediaDownloadError(
            "http_status",
            `Downloading media from ${safeUrl} failed with HTTP ${status}${text}. Check that the URL is publicly ` +
              `reachable without authentication, or ${INSTEAD}.`,
            { url: safeUrl, status },
          ),
        );
        return;
      }
      const declared = Number(res.headers["content-length"]);
      if (res.headers["content-length"] !== undefined && Number.isFinite(declared) && declared > settings.maxBytes) {
        fail(tooLarge(safeUrl, settings.maxBytes, `Content-Length is ${declared} bytes`));
        return;
      }
      let body: Readable = res;
      const encoding = (res.headers["content-encoding"] ?? "identity").trim().toLowerCase();
      if (encoding === "gzip" || encoding === "x-gzip" || encoding === "deflate" || encoding === "br") {
        const decoder =
          encoding === "br" ? createBrotliDecompress() : encoding === "deflate" ? createInflate() : createGunzip();
        streams.push(decoder);
        decoder.on("error", (error) => networkFail(`could not decode ${encoding} body: ${describe(error)}`, error));
        res.pipe(decoder);
        body = decoder;
      } else if (encoding !== "identity" && encoding !== "") {
        networkFail(`unsupported Content-Encoding "${encoding}"`);
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      body.on("data", (chunk: Buffer) => {
        if (settled) return;
        total += chunk.length;
        if (total > settings.maxBytes) {
          fail(tooLarge(safeUrl, settings.maxBytes, `received more than ${settings.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      body.on("end", () => {
        if (!res.complete) {
          networkFail("the connection closed before the whole body arrived");
          return;
        }
        const data = new Uint8Array(total);
        let offset = 0;
        for (const chunk of chunks) {
          data.set(chunk, offset);
          offset += chunk.length;
        }
        const contentType = res.headers["content-type"];
        settle(() => resolve({ kind: "body", data, contentType }));
      });
      res.on("close", () => {
        if (!res.complete) networkFail("the connection closed before the whole body arrived");
      });
    });
    req.end();
  });
}

function tooLarge(safeUrl: string, maxBytes: number, detail: string): MediaDownloadError {
  return new MediaDownloadError(
    "too_large",
    `Media at ${safeUrl} is larger than the ${maxBytes}-byte limit (${detail}). ` +
      `Use a smaller or compressed file, or raise maxBytes.`,
    { url: safeUrl },
  );
}

function determineMimeType(result: { data: Uint8Array; contentType: string | undefined }, url: URL): string {
  const declared = normaliseMimeType(result.contentType);
  if (declared !== undefined && declared !== "application/octet-stream" && declared !== "binary/octet-stream") {
    return declared;
  }
  const sniffed = sniffMediaType(result.data);
  if (sniffed !== undefined) return sniffed;
  const safeUrl = redactUrl(url.href);
  throw new MediaDownloadError(
    "unknown_type",
    `Could not determine the media type of ${safeUrl}: the server sent ` +
      `${result.contentType === undefined ? "no Content-Type" : `Content-Type "${result.contentType}"`} and the ` +
      `${result.data.length} bytes match no known image, audio or PDF format. Serve it with a specific Content-Type, ` +
      `or pass it as a data: URI with an explicit MIME type instead.`,
    { url: safeUrl },
  );
}

function abortedError(url: string, signal: AbortSignal): MediaDownloadError {
  return new MediaDownloadError(
    "network",
    `Downloading media from ${redactUrl(url)} was aborted by the caller's signal.`,
    { url: redactUrl(url), cause: signal.reason },
  );
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error as Error);
      },
    );
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
