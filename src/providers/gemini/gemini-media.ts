// Media for Gemini's inlineData: data: URIs are decoded in place; http(s) URLs are downloaded first
// (in `prepare`, which may be async) through core/media's safe downloader, so the translator itself
// stays synchronous and only looks the bytes up.
import { downloadMedia, MediaDownloadError, parseDataUri, sniffMediaType, type MediaDownloadOptions } from "../../core/media-download.js";
import type { MediaKind } from "../../core/media-error.js";
import { DEFAULT_MEDIA_BUDGET, type CallMedia, type MediaBudget } from "../../core/media-session.js";
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
  /** What the part promises: `image_url` an image, `audio_url` audio. */
  kind: MediaKind;
}

/** Finds every remote image / audio URL in the messages. */
export function remoteMediaIn(request: UnifiedRequest): RemoteMedia[] {
  const found: RemoteMedia[] = [];
  request.messages.forEach((message, messageIndex) => {
    if (message.role !== "user" || typeof message.content === "string") return;
    message.content.forEach((part, partIndex) => {
      const url = mediaUrlOf(part);
      if (url !== undefined && isRemote(url.value)) {
        found.push({ url: url.value, path: `messages[${messageIndex}].content[${partIndex}].${url.field}`, kind: url.kind });
      }
    });
  });
  return found;
}

const KIND_OF_PART = { image_url: "image", audio_url: "audio" } as const satisfies Record<string, MediaKind>;

function mediaUrlOf(part: unknown): { value: string; field: string; kind: MediaKind } | undefined {
  if (typeof part !== "object" || part === null) return undefined;
  const record = part as Record<string, unknown>;
  for (const field of ["image_url", "audio_url"] as const) {
    const holder = record[field];
    if (record["type"] === field && typeof holder === "object" && holder !== null) {
      const url = (holder as Record<string, unknown>)["url"];
      if (typeof url === "string") return { value: url, field: `${field}.url`, kind: KIND_OF_PART[field] };
    }
  }
  return undefined;
}

export function isRemote(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/**
 * Downloads every remote media URL through the call's media session: once per call (a fallback to
 * another Gemini model reuses them), within its budget, deadline and signal, each checked to be the
 * kind its part promises. Failures name the request field.
 */
export async function downloadRemoteMedia(
  request: UnifiedRequest,
  options: MediaDownloadOptions,
  media: CallMedia,
  budget: MediaBudget = DEFAULT_MEDIA_BUDGET,
): Promise<MediaMap> {
  const remote = remoteMediaIn(request);
  if (remote.length === 0) return NO_MEDIA;
  const unique = new Map<string, RemoteMedia>();
  for (const entry of remote) if (!unique.has(entry.url)) unique.set(entry.url, entry);
  const entries = [...unique.values()];
  const fail = (entry: RemoteMedia | undefined, error: unknown): never => {
    if (media.signal?.aborted) throw new APIUserAbortError("Request was aborted while downloading media.");
    if (error instanceof MediaDownloadError) {
      const where = entry === undefined ? "the request's media" : `\`${entry.path}\``;
      throw new InvalidRequestError(`Could not inline ${where} for Gemini: ${error.message}`, entry?.path);
    }
    throw error;
  };
  let downloads: ReturnType<CallMedia["fetchAll"]>;
  try {
    downloads = media.fetchAll(entries.map((entry) => entry.url), (url) => unique.get(url)!.kind, options, budget, downloadMedia);
  } catch (error) {
    return fail(undefined, error);
  }
  const inlined = await Promise.all(
    downloads.map(async (download, index): Promise<[string, InlineMedia]> => {
      const entry = entries[index]!;
      try {
        const downloaded = await download;
        return [entry.url, { mimeType: downloaded.mimeType, data: bytesToBase64(downloaded.data) }];
      } catch (error) {
        return fail(entry, error);
      }
    }),
  );
  return new Map(inlined);
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
const BUDGET_KEYS = ["maxFiles", "maxTotalBytes", "maxConcurrency"] as const;

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
    if (!(DOWNLOAD_KEYS as readonly string[]).includes(key) && !(BUDGET_KEYS as readonly string[]).includes(key)) {
      throw new InvalidRequestError(`Unknown client option \`${where}.${key}\`; accepted: ${[...DOWNLOAD_KEYS, ...BUDGET_KEYS].join(", ")}.`, `${where}.${key}`);
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

/**
 * The per-call budget in `providers.google.mediaDownload`: `maxFiles` (distinct URLs per call),
 * `maxTotalBytes` (all downloads together) and `maxConcurrency`, each a whole number above 0.
 */
export function mediaBudget(extra: Readonly<Record<string, unknown>>, provider: string): MediaBudget {
  const raw = extra["mediaDownload"];
  const budget: MediaBudget = { ...DEFAULT_MEDIA_BUDGET };
  if (typeof raw !== "object" || raw === null) return budget;
  for (const key of BUDGET_KEYS) {
    const value = (raw as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
      const where = `providers.${provider}.mediaDownload.${key}`;
      throw new InvalidRequestError(`Invalid client option \`${where}\`: expected a whole number above 0, got ${String(value)}.`, where);
    }
    budget[key] = value;
  }
  return budget;
}
