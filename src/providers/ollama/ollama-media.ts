// Images for Ollama's `images` (base64, no data: prefix): data: URIs are decoded in place; http(s)
// URLs are downloaded first (in `prepare`) through the shared remote-media helper (the call's media
// session, the safe downloader). Settings: `providers.ollama.mediaDownload`.
import { parseDataUri } from "../../core/media-download.js";
import type { MediaKind } from "../../core/media-error.js";
import { InvalidRequestError } from "../../errors.js";
import type { UnifiedRequest } from "../contract.js";
import { downloadRemoteMedia, NO_MEDIA, type MediaCall, type MediaMap } from "../remote-media.js";

export { isRemote } from "../remote-media.js";

/** Downloaded images by the URL the caller wrote (base64 in `data`). */
export type ImageMap = MediaMap;

export const NO_IMAGES: ImageMap = NO_MEDIA;

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

const IMAGES: ReadonlySet<MediaKind> = new Set(["image"]);

/** Downloads every remote image once per call (the call's media session). Failures name the request field. */
export function downloadImages(request: UnifiedRequest, call: MediaCall): Promise<ImageMap> {
  return downloadRemoteMedia(request, call, { provider: "ollama", label: "Ollama", kinds: IMAGES });
}
