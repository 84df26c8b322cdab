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

export const INSTEAD = "pass the media inline as a data: URI (base64) instead";

export interface Settings {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  allowedProtocols: readonly string[];
  allowPrivateNetwork: boolean;
  lookup: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  isAllowedAddress: ((address: string, family: 4 | 6) => boolean | undefined) | undefined;
}

export interface Resolved {
  address: string;
  family: 4 | 6;
}

/** Describes where we are, for error messages: the first request or a redirect hop. */
export interface Hop {
  index: number; // 0 = the URL the caller passed
  from: URL | undefined;
}
