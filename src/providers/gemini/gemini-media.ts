// Media for Gemini's inlineData: data: URIs are decoded in place; http(s) URLs are downloaded first
// (in `prepare`, which may be async) through core/media's safe downloader, so the translator itself
// stays synchronous and only looks the bytes up.
import { downloadMedia, MediaDownloadError, parseDataUri, sniffMediaType, type MediaDownloadOptions } from "../../core/media-download.js";
import { base64ToBytes, bytesToBase64 } from "../../core/encoding.js";
import { APIUserAbortError, InvalidRequestError } from "../../errors.js";
import type { UnifiedRequest } from "../contract.js";

export interface InlineMedia {
  mimeType: string;
  /** Base64. */
  data: string;
}

/** Downloaded media by the URL the caller wrote. */
export type MediaMap = ReadonlyMap<string, InlineMedia>;

export const NO_MEDIA: MediaMap = new Map();

interface RemoteMedia {
  url: string;
  /** Where the URL sits in the request, for error messages. */
  path: string;
}

/** Finds every remote image / audio URL in the messages. */
export function remoteMediaIn(request: UnifiedRequest): RemoteMedia[] {
  const found: RemoteMedia[] = [];
  request.messages.forEach((message, messageIndex) => {
    if (message.role !== "user" || typeof message.content === "string") return;
    message.content.forEach((part, partIndex) => {
      const url = mediaUrlOf(part);
      if (url !== undefined && isRemote(url.value)) {
        found.push({ url: url.value, path: `messages[${messageIndex}].content[${partIndex}].${url.field}` });
      }
    });
  });
  return found;
}

function mediaUrlOf(part: unknown): { value: string; field: string } | undefined {
  if (typeof part !== "object" || part === null) return undefined;
  const record = part as Record<string, unknown>;
  for (const field of ["image_url", "audio_url"] as const) {
    const holder = record[field];
    if (record["type"] === field && typeof holder === "object" && holder !== null) {
      const url = (holder as Record<string, unknown>)["url"];
      if (typeof url === "string") return { value: url, field: `${field}.url` };
    }
  }
  return undefined;
}

export function isRemote(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Downloads every remote media URL once, in parallel. Failures name the request field. */
export async function downloadRemoteMedia(
  request: UnifiedRequest,
  options: MediaDownloadOptions,
  signal: AbortSignal | undefined,
): Promise<MediaMap> {
  const remote = remoteMediaIn(request);
  if (remote.length === 0) return NO_MEDIA;
  const unique = new Map<string, RemoteMedia>();
  for (const entry of remote) if (!unique.has(entry.url)) unique.set(entry.url, entry);
  const downloads = [...unique.values()].map(async (entry): Promise<[string, InlineMedia]> => {
    try {
      const media = await downloadMedia(entry.url, signal === undefined ? options : { ...options, signal });
      return [entry.url, { mimeType: media.mimeType, data: bytesToBase64(media.data) }];
    } catch (error) {
      if (signal?.aborted) throw new APIUserAbortError("Request was aborted while downloading media.");
      if (error instanceof MediaDownloadError) {
        throw new InvalidRequestError(`Could not inline \`${entry.path}\` for Gemini: ${error.message}`, entry.path);
      }
      throw error;
    }
  });
  return new Map(await Promise.all(downloads));
}

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

const DOWNLOAD_KEYS = ["maxBytes", "timeoutMs", "maxRedirects", "allowedProtocols", "allowPrivateNetwork"] as const;

/**
 * `providers.google.mediaDownload` (settings.extra): the downloader options a deployment may set,
 * e.g. `{ allowPrivateNetwork: true, allowedProtocols: ["http:", "https:"] }` for a local server.
 */
export function mediaDownloadOptions(extra: Readonly<Record<string, unknown>>, provider: string): MediaDownloadOptions {
  const raw = extra["mediaDownload"];
  if (raw === undefined) return {};
  const where = `providers.${provider}.mediaDownload`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InvalidRequestError(`Invalid client option \`${where}\`: expected an object.`, where);
  }
  const source = raw as Record<string, unknown>;
  const options: MediaDownloadOptions = {};
  for (const key of Object.keys(source)) {
    if (!(DOWNLOAD_KEYS as readonly string[]).includes(key)) {
      throw new InvalidRequestError(`Unknown client option \`${where}.${key}\`; accepted: ${DOWNLOAD_KEYS.join(", ")}.`, `${where}.${key}`);
    }
  }
  for (const key of ["maxBytes", "timeoutMs", "maxRedirects"] as const) {
    const value = source[key];
    if (value === undefined) continue;
    if (typeof value !== "number") throw new InvalidRequestError(`Invalid client option \`${where}.${key}\`: expected a number.`, `${where}.${key}`);
    options[key] = value;
  }
  const privateNetwork = source["allowPrivateNetwork"];
  if (privateNetwork !== undefined) {
    if (typeof privateNetwork !== "boolean") {
      throw new InvalidRequestError(`Invalid client option \`${where}.allowPrivateNetwork\`: expected true or false.`, `${where}.allowPrivateNetwork`);
    }
    options.allowPrivateNetwork = privateNetwork;
  }
  const protocols = source["allowedProtocols"];
  if (protocols !== undefined) {
    if (!Array.isArray(protocols) || !protocols.every((protocol) => protocol === "http:" || protocol === "https:")) {
      throw new InvalidRequestError(`Invalid client option \`${where}.allowedProtocols\`: expected an array of "http:" / "https:".`, `${where}.allowedProtocols`);
    }
    options.allowedProtocols = protocols as ("http:" | "https:")[];
  }
  return options;
}
