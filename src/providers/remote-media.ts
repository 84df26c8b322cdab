// Media a provider needs inline (Gemini's inlineData, Converse's bytes, Ollama's images, OpenAI's
// input_audio): data: URIs are read in place; http(s) URLs are downloaded in `prepare` (which may be
// async) through the call's media session — each URL once per call whatever target asks, within the
// call's budget, deadline and signal — by core/media's safe downloader (private, loopback and
// metadata addresses refused, size and time capped, the bytes checked to be the kind the part
// promises). Translators stay synchronous and only look the bytes up. Settings per provider:
// `providers.<name>.mediaDownload`.
import { downloadMedia, MediaDownloadError, type MediaDownloadOptions } from "../core/media-download.js";
import type { MediaKind } from "../core/media-error.js";
import { DEFAULT_MEDIA_BUDGET, type CallMedia, type MediaBudget } from "../core/media-session.js";
import { bytesToBase64 } from "../core/encoding.js";
import { APIUserAbortError, InvalidRequestError } from "../errors.js";
import type { ProviderCallContext, UnifiedRequest } from "./contract.js";

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

const KIND_OF_PART = { image_url: "image", audio_url: "audio" } as const satisfies Record<string, MediaKind>;
const ALL_KINDS: ReadonlySet<MediaKind> = new Set(["image", "audio"]);

export function isRemote(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Every remote image / audio URL in the user messages (of the kinds asked for). */
export function remoteMediaIn(request: UnifiedRequest, kinds: ReadonlySet<MediaKind> = ALL_KINDS): RemoteMedia[] {
  const found: RemoteMedia[] = [];
  request.messages.forEach((message, messageIndex) => {
    if (message.role !== "user" || typeof message.content === "string") return;
    message.content.forEach((part, partIndex) => {
      const url = mediaUrlOf(part);
      if (url !== undefined && kinds.has(url.kind) && isRemote(url.value)) {
        found.push({ url: url.value, path: `messages[${messageIndex}].content[${partIndex}].${url.field}`, kind: url.kind });
      }
    });
  });
  return found;
}

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

/** What a download needs of the call: the provider's settings and the call's media session. */
export interface MediaCall {
  settings: Pick<ProviderCallContext["settings"], "extra">;
  media: CallMedia;
}

export interface InlineTarget {
  /** The provider's name, for `providers.<name>.mediaDownload`. */
  provider: string;
  /** How errors name the target ("Gemini", "Bedrock (Converse takes image bytes)"). */
  label: string;
  /** The kinds of part this target inlines; others are left to its translator. */
  kinds?: ReadonlySet<MediaKind>;
}

/**
 * Downloads every remote media URL of the request the target inlines, through the call's media
 * session. Failures are InvalidRequestError naming the request field (an abort stays an abort).
 */
export async function downloadRemoteMedia(request: UnifiedRequest, call: MediaCall, target: InlineTarget): Promise<MediaMap> {
  const remote = remoteMediaIn(request, target.kinds);
  if (remote.length === 0) return NO_MEDIA;
  const options = mediaDownloadOptions(call.settings.extra, target.provider);
  const budget = mediaBudget(call.settings.extra, target.provider);
  const unique = new Map<string, RemoteMedia>();
  for (const entry of remote) if (!unique.has(entry.url)) unique.set(entry.url, entry);
  const entries = [...unique.values()];
  const { media } = call;
  const fail = (entry: RemoteMedia | undefined, error: unknown): never => {
    if (media.signal?.aborted) throw new APIUserAbortError("Request was aborted while downloading media.");
    if (error instanceof MediaDownloadError) {
      const where = entry === undefined ? "the request's media" : `\`${entry.path}\``;
      throw new InvalidRequestError(`Could not inline ${where} for ${target.label}: ${error.message}`, entry?.path);
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

const DOWNLOAD_KEYS = ["maxBytes", "timeoutMs", "maxRedirects", "allowedProtocols", "allowPrivateNetwork"] as const;
const BUDGET_KEYS = ["maxFiles", "maxTotalBytes", "maxConcurrency"] as const;

/**
 * `providers.<name>.mediaDownload` (settings.extra): the downloader options a deployment may set,
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
 * The per-call budget in `providers.<name>.mediaDownload`: `maxFiles` (distinct URLs per call),
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
