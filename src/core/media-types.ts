// The public shapes of a media download, shared by the portable entry (./media-download.ts), both
// downloaders and the policy they share. Types only: importing this loads nothing.

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
  /**
   * Resolves a hostname to all its addresses (Node.js downloader only; other runtimes have no DNS
   * API). Default: `dns.promises.lookup(hostname, { all: true })`.
   */
  lookup?: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  /**
   * Per-address override of the block check, evaluated on every hop: `true`
   * allows the address, `false` blocks it, `undefined` falls through to the
   * default rules (`allowPrivateNetwork` / {@link isBlockedAddress}). Lets tests
   * (or deployments) allow exactly one internal address. Outside Node.js it sees IP-literal hosts
   * only.
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
