// User content parts -> Converse content blocks: text, images (PNG, JPEG, GIF, WebP bytes) and
// documents (PDF, CSV, DOC(X), XLS(X), HTML, TXT, MD). A cache breakpoint on a part (OpenAI's
// prompt_cache_breakpoint, onellm's cache_control) is a cachePoint block after it. A part Converse cannot take goes through the unsupported policy.
import { parseDataUri } from "../../core/media-download.js";
import { InvalidRequestError } from "../../errors.js";
import type { CacheControl, ChatCompletionContentPart } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import type { DownloadedImages } from "./bedrock-media.js";
import type { BedrockContentBlock, BedrockDocumentFormat, BedrockImageFormat } from "./bedrock-schema.js";

/** Image types Converse reads; a type added to the model must be added here (compile error). */
const IMAGE_FORMATS: Record<BedrockImageFormat, readonly string[]> = {
  png: ["image/png"],
  jpeg: ["image/jpeg", "image/jpg"],
  gif: ["image/gif"],
  webp: ["image/webp"],
};

const DOCUMENT_FORMATS: Record<BedrockDocumentFormat, readonly string[]> = {
  pdf: ["application/pdf"],
  csv: ["text/csv"],
  doc: ["application/msword"],
  docx: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  xls: ["application/vnd.ms-excel"],
  xlsx: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  html: ["text/html"],
  txt: ["text/plain"],
  md: ["text/markdown"],
};

function formatOf<F extends string>(table: Record<F, readonly string[]>, mimeType: string): F | undefined {
  return (Object.keys(table) as F[]).find((format) => table[format].includes(mimeType));
}

/** Converse's cache breakpoint: a block of its own in messages and system, an entry of its own in tools. */
export const CACHE_POINT = { cachePoint: { type: "default" } } as const;

/**
 * Whether a part (or tool) asks for a cache breakpoint after it: OpenAI's `prompt_cache_breakpoint`
 * or onellm's `cache_control` (Anthropic's shape). Converse's cachePoint has no TTL (spec
 * CachePointBlock takes `type: default` only; entries live five minutes), so a longer one goes
 * through the policy and, where allowed, the breakpoint is still sent with Converse's own TTL.
 */
export function asksCachePoint(part: object, path: string, context: TranslateContext): boolean {
  const { cache_control: control, prompt_cache_breakpoint: breakpoint } = part as { cache_control?: CacheControl | null; prompt_cache_breakpoint?: unknown };
  const hasControl = control !== undefined && control !== null;
  if (hasControl && control.ttl !== undefined && control.ttl !== "5m") {
    context.unsupported(`${path}.cache_control.ttl`, `Converse's cachePoint has no TTL setting (entries live five minutes), got ${JSON.stringify(control.ttl)}`);
  }
  return hasControl || (breakpoint !== undefined && breakpoint !== null);
}

export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

/** Converse rejects blank text blocks, and blank text carries nothing to send. */
export function textBlock(text: string): BedrockContentBlock | undefined {
  return isBlank(text) ? undefined : { text };
}

/**
 * Converse's document name: letters, digits, single spaces, hyphens, parentheses and square
 * brackets, at most 200 characters. Anything else in a filename becomes a hyphen.
 */
export function documentName(filename: string | undefined, index: number): string {
  const stem = (filename ?? "").replace(/\.[^.]*$/, "");
  const cleaned = stem.replace(/[^A-Za-z0-9\s\-()[\]]/g, "-").replace(/\s+/g, " ").trim().slice(0, 200);
  return cleaned === "" ? `document-${index + 1}` : cleaned;
}

const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  pdf: "application/pdf",
  csv: "text/csv",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  html: "text/html",
  htm: "text/html",
  txt: "text/plain",
  md: "text/markdown",
};

/** Claude models on Bedrock (foundation model ids and inference profiles: `anthropic.claude-…`, `us.anthropic.claude-…`, ARNs). */
const CLAUDE = /(^|[.:/])anthropic\.claude-/;

/** One user content part -> its block(s); nothing when it is blank or left out under the policy. */
export function userPartBlocks(part: ChatCompletionContentPart, path: string, images: DownloadedImages, documentIndex: number, context: TranslateContext): BedrockContentBlock[] {
  const block = partBlock(part, path, images, documentIndex, context);
  if (block === undefined) return [];
  return asksCachePoint(part, path, context) ? [block, CACHE_POINT] : [block];
}

function partBlock(part: ChatCompletionContentPart, path: string, images: DownloadedImages, documentIndex: number, context: TranslateContext): BedrockContentBlock | undefined {
  switch (part.type) {
    case "text":
      return textBlock(part.text);
    case "image_url": {
      const { url, detail } = part.image_url;
      // Converse has no detail setting. Claude reads every image at full resolution (as on Anthropic's
      // own API), so "high" is what it does anyway; other models, and "low", go through the policy.
      if (detail === "low" || (detail === "high" && !CLAUDE.test(context.model))) {
        context.unsupported(`${path}.image_url.detail`, detail === "high" ? "Converse has no per-image detail setting, and this model does not document full-resolution reading" : "Converse has no low-detail mode");
      }
      const downloaded = images.get(url);
      const bytes = downloaded === undefined ? dataUri(url, `${path}.image_url.url`) : { mimeType: downloaded.mimeType, base64: downloaded.data };
      const format = formatOf(IMAGE_FORMATS, bytes.mimeType);
      if (format === undefined) {
        context.unsupported(`${path} (image ${bytes.mimeType})`, "Converse takes PNG, JPEG, GIF and WebP images");
        return undefined;
      }
      return { image: { format, source: { bytes: bytes.base64 } } };
    }
    case "file": {
      const { file_data: fileData, file_id: fileId, filename } = part.file;
      if (fileData === undefined) {
        context.unsupported(`${path}.file.file_id`, `Converse cannot read OpenAI file ids (${String(fileId)}); pass file_data`);
        return undefined;
      }
      const bytes = /^\s*data:/i.test(fileData)
        ? dataUri(fileData, `${path}.file.file_data`)
        : { mimeType: EXTENSION_TYPES[filename?.split(".").pop()?.toLowerCase() ?? ""] ?? "", base64: fileData.replace(/\s+/g, "") };
      const format = formatOf(DOCUMENT_FORMATS, bytes.mimeType);
      if (format === undefined) {
        context.unsupported(`${path} (file ${bytes.mimeType || filename || "of unknown type"})`, "Converse documents are PDF, CSV, DOC, DOCX, XLS, XLSX, HTML, TXT or MD (pass a data: URI or a filename with one of those extensions)");
        return undefined;
      }
      return { document: { format, name: documentName(filename, documentIndex), source: { bytes: bytes.base64 } } };
    }
    case "input_audio":
    case "audio_url":
      context.unsupported(`${path} (${part.type})`, "Converse takes no audio input");
      return undefined;
    default: {
      const unlisted: never = part;
      context.unsupported(`${path} (${String((unlisted as { type?: unknown }).type)})`, "unknown content part type");
      return undefined;
    }
  }
}

function dataUri(url: string, path: string): { mimeType: string; base64: string } {
  const parsed = parseDataUri(url);
  if (parsed === undefined) throw new InvalidRequestError(`Invalid \`${path}\`: expected an https URL or a base64 data: URI.`, path);
  return { mimeType: parsed.mimeType, base64: parsed.base64 };
}
