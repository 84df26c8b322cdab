// Images for Ollama's `images` (base64, no data: prefix): data: URIs are decoded in place; http(s)
// URLs are downloaded first (in `prepare`) through core/media's safe downloader, which refuses
// private, loopback and metadata addresses. Settings: `providers.ollama.mediaDownload`.
import { bytesToBase64 } from "../../core/encoding.js";
import { downloadMedia, MediaDownloadError, parseDataUri, type MediaDownloadOptions } from "../../core/media-download.js";
import { APIUserAbortError, InvalidRequestError } from "../../errors.js";
import type { UnifiedRequest } from "../contract.js";

/** Base64 image data by the URL the caller wrote. */
export type ImageMap = ReadonlyMap<string, string>;

export const NO_IMAGES: ImageMap = new Map();

export function isRemote(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** The image URL of a content part, when it is an image part. */
export function imageUrlOf(part: unknown): string | undefined {
  if (typeof part !== "object" || part === null || (part as { type?: unknown }).type !== "image_url") return undefined;
  const holder = (part as { image_url?: unknown }).image_url;
  const url = typeof holder === "string" ? holder : typeof holder === "object" && holder !== null ? (holder as { url?: unknown }).url : undefined;
  return typeof url === "string" ? url : undefined;
}

/** Base64 of a data: URI; InvalidRequestError naming `path` when it is not one. */
export function base64FromDataUri(uri: string, path: string): string {
  const parsed = parseDataUri(uri);
  if (parsed === undefined) throw new InvalidRequestError(`Invalid \`${path}\`: not a base64 data: URI or an http(s) URL.`, path);
  return parsed.base64;
}

export function mediaOptions(extra: Readonly<Record<string, unknown>>): MediaDownloadOptions {
  const options = extra["mediaDownload"];
  return typeof options === "object" && options !== null ? (options as MediaDownloadOptions) : {};
}

/** Downloads every remote image once, in parallel. Failures name the request field. */
export async function downloadImages(request: UnifiedRequest, options: MediaDownloadOptions, signal: AbortSignal | undefined): Promise<ImageMap> {
  const remote = new Map<string, string>();
  request.messages.forEach((message, messageIndex) => {
    if (message.role !== "user" || typeof message.content === "string") return;
    message.content.forEach((part, partIndex) => {
      const url = imageUrlOf(part);
      if (url !== undefined && isRemote(url) && !remote.has(url)) remote.set(url, `messages[${messageIndex}].content[${partIndex}].image_url.url`);
    });
  });
  if (remote.size === 0) return NO_IMAGES;
  const downloads = [...remote].map(async ([url, path]): Promise<[string, string]> => {
    try {
      const media = await downloadMedia(url, signal === undefined ? options : { ...options, signal });
      return [url, bytesToBase64(media.data)];
    } catch (error) {
      if (signal?.aborted) throw new APIUserAbortError("Request was aborted while downloading an image.");
      if (error instanceof MediaDownloadError) throw new InvalidRequestError(`Could not inline \`${path}\` for Ollama: ${error.message}`, path);
      throw error;
    }
  });
  return new Map(await Promise.all(downloads));
}
