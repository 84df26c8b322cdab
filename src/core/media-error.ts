/**
 * The error class and internal types shared by the media downloader
 * (./media.ts, which re-exports the public ones) and its single-hop HTTP
 * request (./media-request.ts); kept in their own module so those two never
 * import each other in a cycle.
 */

export type MediaDownloadErrorCode =
  | "blocked_address"
  | "too_large"
  | "timeout"
  | "http_status"
  | "too_many_redirects"
  | "protocol"
  | "unknown_type"
  | "wrong_type"
  | "budget"
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

/** A whole download, redirects included, unless the options say otherwise. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 15_000;

export const INSTEAD = "pass the media inline as a data: URI (base64) instead";

export interface Settings {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  allowedProtocols: readonly string[];
  allowPrivateNetwork: boolean;
  lookup: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  isAllowedAddress: ((address: string, family: 4 | 6) => boolean | undefined) | undefined;
  /** The kind of media the URL must serve (its Accept header says so too). */
  expect: MediaKind | undefined;
  /** Counts body bytes against a budget shared with other downloads; a message when it is spent. */
  claimBytes: ((bytes: number) => string | undefined) | undefined;
}

/** What a part promises: `image_url` an image, `audio_url` audio. */
export type MediaKind = "image" | "audio";

export interface Resolved {
  address: string;
  family: 4 | 6;
}

/** Describes where we are, for error messages: the first request or a redirect hop. */
export interface Hop {
  index: number; // 0 = the URL the caller passed
  from: URL | undefined;
}
