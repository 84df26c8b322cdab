/**
 * The media downloader as the rest of onellm sees it, on every runtime. The downloader itself loads
 * lazily, on the first media URL, through the package import `#media-downloader`: its "node"
 * condition names the DNS-pinning Node.js downloader (./media.ts, node:dns + node:http); Deno, Bun,
 * edge runtimes and browsers get the fetch-based one (./media-fetch.ts). So importing onellm never
 * loads a Node built-in, and a bundler for the browser never sees one.
 */
import { redactUrl } from "./media-address.js";
import { MediaDownloadError } from "./media-error.js";
import { describe } from "./media-policy.js";
import type { DownloadedMedia, MediaDownloadOptions } from "./media-types.js";

export type { DownloadedMedia, MediaDownloadOptions } from "./media-types.js";
export { isBlockedAddress, parseDataUri, sniffMediaType } from "./media-address.js";
export { MediaDownloadError, type MediaDownloadErrorCode } from "./media-error.js";

interface Downloader {
  downloadMedia(url: string, options?: MediaDownloadOptions): Promise<DownloadedMedia>;
}

let loaded: Promise<Downloader> | undefined;

/** Downloads `url` with the runtime's downloader. Rejects with {@link MediaDownloadError} only. */
export async function downloadMedia(url: string, options: MediaDownloadOptions = {}): Promise<DownloadedMedia> {
  loaded ??= import("#media-downloader");
  let downloader: Downloader;
  try {
    downloader = await loaded;
  } catch (cause) {
    loaded = undefined; // a later call may try again (the failure may have been transient)
    throw new MediaDownloadError(
      "network",
      `Cannot download media from ${redactUrl(url)}: onellm's media downloader did not load (${describe(cause)}). If you bundle onellm-sdk, let the bundler resolve its package.json "imports"; or pass the media inline as a data: URI instead.`,
      { url: redactUrl(url), cause },
    );
  }
  return downloader.downloadMedia(url, options);
}
