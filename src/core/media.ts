/**
 * The Node.js media downloader: SSRF-safe down to the socket. Node-only (node:dns, node:http), so
 * it is never on the main entry's import path: ./media-download.ts loads it lazily through the
 * package import `#media-downloader`, whose "node" condition names this file (other runtimes get
 * ./media-fetch.ts). Policy shared with that one lives in ./media-policy.ts.
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
import type { Hop, Resolved, Settings } from "./media-error.js";
import { checkAddresses, checkProtocol, describe, downloadWith, hostOf, unresolved, type MediaTransport } from "./media-policy.js";
import { requestOnce } from "./media-request.js";
import type { DownloadedMedia, MediaDownloadOptions } from "./media-types.js";

export type { DownloadedMedia, MediaDownloadOptions } from "./media-types.js";
export { isBlockedAddress, parseDataUri, sniffMediaType } from "./media-address.js";
export { MediaDownloadError, type MediaDownloadErrorCode } from "./media-error.js";

const nodeTransport: MediaTransport = { check: resolveAndCheck, request: requestOnce };

/**
 * Downloads `url` with SSRF protection, a size cap and a timeout.
 * Rejects with {@link MediaDownloadError} only.
 */
export function downloadMedia(url: string, options: MediaDownloadOptions = {}): Promise<DownloadedMedia> {
  return downloadWith(nodeTransport, url, options, defaultLookup);
}

async function defaultLookup(hostname: string): Promise<Resolved[]> {
  const results = await dns.lookup(hostname, { all: true });
  return results.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
}

/**
 * Validates the protocol, resolves the host (IP literals as-is) and refuses when
 * ANY address is blocked. A blocked IP literal is reported before a disallowed
 * http: (it is the more useful error); hostnames are not resolved for a
 * disallowed protocol.
 */
async function resolveAndCheck(url: URL, hop: Hop, settings: Settings): Promise<Resolved[]> {
  checkProtocol(url, hop, settings, true);
  const host = hostOf(url);
  const literal = isIP(host);
  let addresses: Resolved[];
  if (literal === 4 || literal === 6) {
    addresses = [{ address: host, family: literal }];
  } else {
    checkProtocol(url, hop, settings, false);
    try {
      addresses = await settings.lookup(host);
    } catch (cause) {
      throw unresolved(url, hop, describe(cause), cause);
    }
    if (addresses.length === 0) throw unresolved(url, hop, "no addresses");
  }
  const checked = checkAddresses(url, hop, settings, addresses, literal !== 0);
  checkProtocol(url, hop, settings, false);
  return checked;
}
