// Converse takes images and documents as bytes only, so http(s) image URLs are downloaded first (in
// `prepare`, which may be async) through core/media's safe downloader (private and metadata
// addresses refused, size and time capped); the translator then looks the bytes up.
import { downloadMedia, MediaDownloadError, type MediaDownloadOptions } from "../../core/media-download.js";
import { bytesToBase64 } from "../../core/encoding.js";
import { APIUserAbortError, InvalidRequestError } from "../../errors.js";
import type { UnifiedRequest } from "../contract.js";

export interface Bytes {
  mimeType: string;
  /** Base64 (the JSON form of a Smithy blob). */
  base64: string;
}

/** Downloaded images by the URL the caller wrote. */
export type DownloadedImages = ReadonlyMap<string, Bytes>;

export function isRemote(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Downloads every remote image URL in the user messages once, in parallel; failures name the field. */
export async function downloadImages(request: UnifiedRequest, options: MediaDownloadOptions, signal: AbortSignal | undefined): Promise<DownloadedImages> {
  const wanted = new Map<string, string>();
  request.messages.forEach((message, messageIndex) => {
    if (message.role !== "user" || typeof message.content === "string") return;
    message.content.forEach((part, partIndex) => {
      if (part.type === "image_url" && isRemote(part.image_url.url) && !wanted.has(part.image_url.url)) {
        wanted.set(part.image_url.url, `messages[${messageIndex}].content[${partIndex}].image_url.url`);
      }
    });
  });
  const downloads = [...wanted].map(async ([url, path]): Promise<[string, Bytes]> => {
    try {
      const media = await downloadMedia(url, signal === undefined ? options : { ...options, signal });
      return [url, { mimeType: media.mimeType, base64: bytesToBase64(media.data) }];
    } catch (error) {
      if (signal?.aborted) throw new APIUserAbortError("Request was aborted while downloading media.");
      if (error instanceof MediaDownloadError) throw new InvalidRequestError(`Could not download \`${path}\` for Bedrock (Converse takes image bytes): ${error.message}`, path);
      throw error;
    }
  });
  return new Map(await Promise.all(downloads));
}
