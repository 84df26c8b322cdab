/**
 * The media downloader for runtimes without Node's DNS and socket APIs (browsers, Deno, Bun, edge
 * runtimes): `fetch`, with every check such a runtime allows. Loaded through the package import
 * `#media-downloader` everywhere its "node" condition does not apply.
 *
 * What it checks, on every hop: the protocol (`allowedProtocols`); an IP-literal host against the
 * same address rules as the Node downloader; host names that only ever mean the local network
 * (`localhost`, `*.localhost`, `*.local`, `*.internal`, `*.home.arpa`, single-label names such as
 * `metadata`); redirects, followed by hand (a browser hides a redirect's target, so there one is
 * refused); the size budget (Content-Length up front, bytes counted as they arrive) and the
 * whole-download timeout. What it cannot check: the addresses a public-looking name resolves to.
 */
import { ipFamily, redactUrl } from "./media-address.js";
import { MediaDownloadError, type Hop, type Resolved, type Settings } from "./media-error.js";
import {
  blocked,
  checkAddresses,
  checkProtocol,
  describe,
  downloadWith,
  hostOf,
  httpStatusError,
  networkError,
  raceAbort,
  REDIRECT_STATUSES,
  tooLarge,
  type HopResult,
  type MediaTransport,
} from "./media-policy.js";
import type { DownloadedMedia, MediaDownloadOptions } from "./media-types.js";
import { bytesToBase64, utf8Encode } from "./encoding.js";
import { isRunningInBrowser } from "./runtime.js";

export type { DownloadedMedia, MediaDownloadOptions } from "./media-types.js";

const fetchTransport: MediaTransport = { check: checkHost, request: fetchOnce };

/** Downloads `url` through `fetch` with the checks above. Rejects with {@link MediaDownloadError} only. */
export function downloadMedia(url: string, options: MediaDownloadOptions = {}): Promise<DownloadedMedia> {
  return downloadWith(fetchTransport, url, options, noLookup);
}

async function noLookup(): Promise<Resolved[]> {
  return [];
}

/** Why a host name can only mean the local network, or undefined. */
export function localHostNameReason(host: string): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return "a loopback name (localhost)";
  if (name.endsWith(".local")) return "a link-local multicast DNS name (.local)";
  if (name === "internal" || name.endsWith(".internal")) return "a private-use name (.internal, as metadata.google.internal)";
  if (name.endsWith(".home.arpa")) return "a home network name (.home.arpa)";
  if (!name.includes(".")) return "a single-label name, which only a local resolver answers";
  return undefined;
}

async function checkHost(url: URL, hop: Hop, settings: Settings): Promise<Resolved[]> {
  checkProtocol(url, hop, settings, true);
  const host = hostOf(url);
  const family = ipFamily(host);
  if (family === 4 || family === 6) {
    const checked = checkAddresses(url, hop, settings, [{ address: host, family }], true);
    checkProtocol(url, hop, settings, false);
    return checked;
  }
  checkProtocol(url, hop, settings, false);
  const reason = settings.allowPrivateNetwork ? undefined : localHostNameReason(host);
  if (reason !== undefined) throw blocked(url, hop, `"${host}" is ${reason}`);
  // The runtime's fetch resolves the name; nothing here can see or pin its addresses.
  return [];
}

const ACCEPT = "image/*, audio/*, video/*, application/pdf, */*;q=0.5";

async function fetchOnce(url: URL, _addresses: Resolved[], settings: Settings, signal: AbortSignal): Promise<HopResult> {
  const safeUrl = redactUrl(url.href);
  const headers: Record<string, string> = { accept: ACCEPT };
  // fetch refuses URLs carrying credentials; they travel as Basic auth, as the Node downloader sends them.
  const target = new URL(url.href);
  if (target.username !== "" || target.password !== "") {
    const pair = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
    headers["authorization"] = `Basic ${bytesToBase64(utf8Encode(pair))}`;
    target.username = "";
    target.password = "";
  }
  const init: RequestInit = { method: "GET", headers, redirect: "manual", signal };
  // In a page: no cookies, no Referer for the image host. (Cloudflare Workers reject these fields.)
  if (isRunningInBrowser()) Object.assign(init, { credentials: "omit", referrerPolicy: "no-referrer" });
  let response: Response;
  try {
    response = await raceAbort(globalThis.fetch(target.href, init), signal);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const hint = isRunningInBrowser() ? " (in a browser the server must also allow cross-origin requests)" : "";
    throw networkError(safeUrl, `${describe(error)}${hint}`, error);
  }
  if (response.type === "opaqueredirect") {
    throw new MediaDownloadError(
      "too_many_redirects",
      `Downloading media from ${safeUrl} was answered with a redirect whose target this runtime (a browser) does not let onellm see, so it cannot be checked and is not followed. Pass the final URL, or pass the media inline as a data: URI instead.`,
      { url: safeUrl },
    );
  }
  const status = response.status;
  const location = response.headers.get("location");
  if (REDIRECT_STATUSES.has(status) && location !== null) {
    await response.body?.cancel().catch(() => undefined);
    return { kind: "redirect", status, location };
  }
  if (status < 200 || status > 299) {
    await response.body?.cancel().catch(() => undefined);
    throw httpStatusError(safeUrl, status, response.statusText);
  }
  const declaredLength = response.headers.get("content-length");
  const declared = Number(declaredLength);
  if (declaredLength !== null && Number.isFinite(declared) && declared > settings.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(safeUrl, settings.maxBytes, `Content-Length is ${declared} bytes`);
  }
  const data = await readCapped(response, safeUrl, settings.maxBytes, signal);
  return { kind: "body", data, contentType: response.headers.get("content-type") ?? undefined };
}

/** The (already content-decoded) body, refused as soon as it passes `maxBytes`. */
async function readCapped(response: Response, safeUrl: string, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const body = response.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await raceAbort(reader.read(), signal);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        throw networkError(safeUrl, `the connection failed while reading the body: ${describe(error)}`, error);
      }
      if (read.done) break;
      total += read.value.length;
      if (total > maxBytes) throw tooLarge(safeUrl, maxBytes, `received more than ${maxBytes} bytes`);
      chunks.push(read.value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  }
  const data = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return data;
}

