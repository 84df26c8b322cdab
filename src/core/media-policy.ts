/**
 * What every media downloader shares, whatever carries its bytes: option defaults and checks, URL
 * and protocol rules, the address rule for IP literals, the redirect loop with its per-hop checks,
 * the whole-download timeout and abort, and the media-type decision. Portable (no Node built-in):
 * the Node downloader (./media.ts, DNS-pinned) and the fetch one (./media-fetch.ts) plug in how a
 * hop's host is checked and how one request is made.
 */
import { canonicalAddress, ipFamily, isBlockedAddress, normaliseMimeType, redactUrl, sniffMediaType } from "./media-address.js";
import { INSTEAD, MediaDownloadError, type Hop, type Resolved, type Settings } from "./media-error.js";
import type { DownloadedMedia, MediaDownloadOptions } from "./media-types.js";

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_REDIRECTS = 3;

export type HopResult =
  | { kind: "redirect"; status: number; location: string }
  | { kind: "body"; data: Uint8Array; contentType: string | undefined };

/** How one downloader checks a hop's host and makes one request. */
export interface MediaTransport {
  /** Validates the hop's host (throws MediaDownloadError) and returns what `request` connects to. */
  check(url: URL, hop: Hop, settings: Settings): Promise<Resolved[]>;
  /** One GET, no redirect following; rejects with the abort reason when `signal` fires. */
  request(url: URL, addresses: Resolved[], settings: Settings, signal: AbortSignal): Promise<HopResult>;
}

/**
 * Downloads `url` hop by hop through `transport`, every hop checked, within one timeout; `signal`
 * aborts at once. Rejects with {@link MediaDownloadError} only.
 */
export async function downloadWith(transport: MediaTransport, url: string, options: MediaDownloadOptions, defaultLookup: Settings["lookup"]): Promise<DownloadedMedia> {
  const settings = resolveSettings(options, defaultLookup);
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
      const addresses = await raceAbort(transport.check(current, hop, settings), signal);
      const result = await transport.request(current, addresses, settings, signal);
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

function resolveSettings(options: MediaDownloadOptions, defaultLookup: Settings["lookup"]): Settings {
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

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/** "media from X" for the first request, "redirect N from X to Y" for later hops. */
function hopLabel(url: URL, hop: Hop): string {
  return hop.from === undefined
    ? `media from ${redactUrl(url.href)}`
    : `redirect ${hop.index} from ${redactUrl(hop.from.href)} to ${redactUrl(url.href)}`;
}

/** `schemeOnly`: just require http(s); otherwise also require `allowedProtocols`. */
export function checkProtocol(url: URL, hop: Hop, settings: Settings, schemeOnly: boolean): void {
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

/** Refuses the hop unless every address is allowed (`literal`: the URL named the address itself). */
export function checkAddresses(url: URL, hop: Hop, settings: Settings, addresses: readonly Resolved[], literal: boolean): Resolved[] {
  const host = hostOf(url);
  const checked: Resolved[] = [];
  for (const entry of addresses) {
    const family = ipFamily(entry.address);
    const reason = family === 4 || family === 6 ? addressBlockReason(entry.address, family, settings) : "not an IP address";
    if (reason !== undefined || (family !== 4 && family !== 6)) {
      const address = canonicalAddress(entry.address);
      const where = literal ? `${address} is` : `"${host}" resolves to ${address}, which is`;
      throw blocked(url, hop, `${where} ${reason}`);
    }
    checked.push({ address: entry.address, family });
  }
  return checked;
}

export function blocked(url: URL, hop: Hop, why: string): MediaDownloadError {
  return new MediaDownloadError(
    "blocked_address",
    `Refusing to ${hop.from === undefined ? "download" : "follow"} ${hopLabel(url, hop)}: ${why}. Only public internet addresses are fetched (SSRF protection); ${INSTEAD}.`,
    { url: redactUrl(url.href) },
  );
}

/** A failed host lookup, as a download error naming the hop. */
export function unresolved(url: URL, hop: Hop, detail: string, cause?: unknown): MediaDownloadError {
  return new MediaDownloadError(
    "network",
    `Could not resolve host "${hostOf(url)}" for ${hopLabel(url, hop)}: ${detail}. Check the URL or ${INSTEAD}.`,
    { url: redactUrl(url.href), cause },
  );
}

function addressBlockReason(address: string, family: 4 | 6, settings: Settings): string | undefined {
  const override = settings.isAllowedAddress?.(address, family);
  if (override === true) return undefined;
  if (override === false) return "refused by isAllowedAddress";
  return settings.allowPrivateNetwork ? undefined : isBlockedAddress(address);
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

export function tooLarge(safeUrl: string, maxBytes: number, detail: string): MediaDownloadError {
  return new MediaDownloadError(
    "too_large",
    `Media at ${safeUrl} is larger than the ${maxBytes}-byte limit (${detail}). ` +
      `Use a smaller or compressed file, or raise maxBytes.`,
    { url: safeUrl },
  );
}

export function httpStatusError(safeUrl: string, status: number, statusText: string): MediaDownloadError {
  const text = statusText ? ` ${statusText}` : "";
  return new MediaDownloadError(
    "http_status",
    `Downloading media from ${safeUrl} failed with HTTP ${status}${text}. Check that the URL is publicly ` +
      `reachable without authentication, or ${INSTEAD}.`,
    { url: safeUrl, status },
  );
}

export function networkError(safeUrl: string, what: string, cause?: unknown): MediaDownloadError {
  return new MediaDownloadError(
    "network",
    `Downloading media from ${safeUrl} failed: ${what}. Check that the URL is publicly reachable or ${INSTEAD}.`,
    { url: safeUrl, cause },
  );
}

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export function abortedError(url: string, signal: AbortSignal): MediaDownloadError {
  return new MediaDownloadError(
    "network",
    `Downloading media from ${redactUrl(url)} was aborted by the caller's signal.`,
    { url: redactUrl(url), cause: signal.reason },
  );
}

export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
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

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
