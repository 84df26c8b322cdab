// Media for Gemini's inlineData: data: URIs are decoded in place; http(s) URLs are downloaded first
// (in `prepare`) through the shared remote-media helper, so the translator itself stays synchronous
// and only looks the bytes up. What is Gemini's own here: data: URIs and file data as inlineData.
import { parseDataUri, sniffMediaType } from "../../core/media-download.js";
import { base64ToBytes, bytesToBase64 } from "../../core/encoding.js";
import { InvalidRequestError } from "../../errors.js";
import type { InlineMedia } from "../remote-media.js";

export { isRemote, NO_MEDIA, type InlineMedia, type MediaMap } from "../remote-media.js";

/** A `data:` URI -> inline media; InvalidRequestError naming `path` when it is malformed. */
export function inlineFromDataUri(uri: string, path: string): InlineMedia {
  const parsed = parseDataUri(uri);
  if (parsed === undefined) {
    throw new InvalidRequestError(`Invalid \`${path}\`: not a valid base64 data: URI.`, path);
  }
  return { mimeType: parsed.mimeType, data: parsed.base64 };
}

/**
 * `file.file_data` as OpenAI takes it: a data: URI, or bare base64 whose type comes from the bytes
 * (PDF, images, audio) or else the filename's extension.
 */
export function inlineFromFileData(fileData: string, filename: string | undefined, path: string): InlineMedia {
  if (/^\s*data:/i.test(fileData)) return inlineFromDataUri(fileData, path);
  const compact = fileData.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length === 0) {
    throw new InvalidRequestError(`Invalid \`${path}\`: expected a data: URI or base64.`, path);
  }
  const bytes = base64ToBytes(compact);
  const mimeType = sniffMediaType(bytes) ?? mimeFromFilename(filename);
  if (mimeType === undefined) {
    throw new InvalidRequestError(
      `\`${path}\`: cannot tell the file's media type for Gemini; pass it as a data: URI (data:<mime>;base64,...) or give a filename with a known extension.`,
      path,
    );
  }
  return { mimeType, data: bytesToBase64(bytes) };
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  pdf: "application/pdf",
  txt: "text/plain",
  md: "text/markdown",
  csv: "text/csv",
  html: "text/html",
  json: "application/json",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  wav: "audio/wav",
  mp3: "audio/mpeg",
  flac: "audio/flac",
  ogg: "audio/ogg",
  mp4: "video/mp4",
};

export function mimeFromFilename(filename: string | undefined): string | undefined {
  const extension = filename?.split(".").pop()?.toLowerCase();
  return extension === undefined ? undefined : EXTENSIONS[extension];
}
