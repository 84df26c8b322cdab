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
import { isIP } from "node:net";
import { canonicalAddress, isBlockedAddress, normaliseMimeType, redactUrl, sniffMediaType } from "./media-address.js";
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, INSTEAD, MediaDownloadError, type Hop, type MediaKind, type Resolved, type Settings } from "./media-error.js";
import { abortedError, describe, raceAbort, requestOnce } from "./media-request.js";

export { isBlockedAddress, parseDataUri, sniffMediaType } from "./media-address.js";
export { MediaDownloadError, type MediaDownloadErrorCode, type MediaKind } from "./media-error.js";

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
  /**
   * The kind of media the URL must serve: its declared Content-Type must be `image/*` (or
   * `audio/*`), and a missing or generic one is sniffed from the bytes. An HTML page (a login wall, a
   * soft 404) is never passed on as an image.
   */
  expect?: MediaKind;
  /** Counts body bytes against a budget shared with other downloads; returns a message once it is spent. */
  claimBytes?: (bytes: number) => string | undefined;
}

export interface DownloadedMedia {
  data: Uint8Array;
  /** From Content-Type (parameters stripped), or sniffed from the bytes. */
  mimeType: string;
  /** Final URL, after redirects. */
  url: string;
}

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 3;

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
      return { data: result.data, mimeType: determineMimeType(result, current, settings.expect), url: current.href };
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
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
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
    expect: options.expect,
    claimBytes: options.claimBytes,
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

/**
 * The declared Content-Type when it is specific (and, with `expect`, of the expected kind); else
 * what the bytes are. With `expect`, anything that is not that kind is refused: an HTML page served
 * for an image URL must never be inlined as one.
 */
function determineMimeType(result: { data: Uint8Array; contentType: string | undefined }, url: URL, expect: MediaKind | undefined): string {
  const declared = normaliseMimeType(result.contentType);
  const generic = declared === undefined || declared === "application/octet-stream" || declared === "binary/octet-stream";
  const fits = (type: string | undefined): type is string => type !== undefined && (expect === undefined || type.startsWith(`${expect}/`));
  if (!generic && fits(declared)) return declared;
  const sniffed = sniffMediaType(result.data);
  if (fits(sniffed) && (generic || expect !== undefined)) return sniffed;
  if (!generic && expect === undefined) return declared as string;
  const safeUrl = redactUrl(url.href);
  const served = result.contentType === undefined ? "no Content-Type" : `Content-Type "${result.contentType}"`;
  if (expect !== undefined && (!generic || sniffed !== undefined)) {
    throw new MediaDownloadError(
      "wrong_type",
      `${safeUrl} is not ${expect === "image" ? "an image" : "audio"}: the server sent ${served} and the bytes ` +
        `${sniffed === undefined ? "match no known media format" : `look like ${sniffed}`}, where ${expect}/* was expected ` +
        `(a login or error page served in its place?). Check the URL, or ${INSTEAD}.`,
      { url: safeUrl },
    );
  }
  throw new MediaDownloadError(
    "unknown_type",
    `Could not determine the media type of ${safeUrl}: the server sent ${served} and the ` +
      `${result.data.length} bytes match no known image, audio or PDF format. Serve it with a specific Content-Type, ` +
      `or pass it as a data: URI with an explicit MIME type instead.`,
    { url: safeUrl },
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
