// Converse takes images and documents as bytes only, so http(s) image URLs are downloaded first (in
// `prepare`) through the shared remote-media helper: the call's media session and budget, the safe
// downloader, settings in `providers.bedrock.mediaDownload`. The translator then looks the bytes up.
import type { MediaKind } from "../../core/media-error.js";
import { downloadRemoteMedia, type MediaCall, type MediaMap } from "../remote-media.js";
import type { UnifiedRequest } from "../contract.js";

/** Downloaded images by the URL the caller wrote (base64 in `data`). */
export type DownloadedImages = MediaMap;

const IMAGES: ReadonlySet<MediaKind> = new Set(["image"]);

/** Downloads every remote image URL in the user messages once per call; failures name the field. */
export function downloadImages(request: UnifiedRequest, call: MediaCall): Promise<DownloadedImages> {
  return downloadRemoteMedia(request, call, { provider: "bedrock", label: "Bedrock (Converse takes image bytes)", kinds: IMAGES });
}
