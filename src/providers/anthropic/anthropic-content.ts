// Content parts (text, images, files, audio) -> Anthropic content blocks. A part Anthropic cannot
// take goes through the unsupported-parameter policy, named by its path; it is never replaced by a
// placeholder.
import { base64ToBytes, utf8Decode } from "../../core/encoding.js";
import { parseDataUri } from "../../core/media-download.js";
import { InvalidRequestError } from "../../errors.js";
import type { ChatCompletionContentPart } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import type {
  AnthropicCacheControl,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicImageMediaType,
  AnthropicInputBlock,
  AnthropicTextBlock,
} from "./anthropic-schema.js";

type ImagePart = Extract<ChatCompletionContentPart, { type: "image_url" }>;
type FilePart = Extract<ChatCompletionContentPart, { type: "file" }>;
type TextPart = Extract<ChatCompletionContentPart, { type: "text" }>;

/** Anthropic's accepted image types; a type added to the spec must be added here (compile error). */
const IMAGE_MEDIA_TYPES: Record<AnthropicImageMediaType, true> = {
  "image/jpeg": true,
  "image/png": true,
  "image/gif": true,
  "image/webp": true,
};

const PDF = "application/pdf";
const PLAIN_TEXT = "text/plain";

function isImageMediaType(value: string): value is AnthropicImageMediaType {
  return Object.hasOwn(IMAGE_MEDIA_TYPES, value);
}

/** What a part may say about caching: Anthropic's own `cache_control`, or OpenAI's breakpoint. */
export interface Cacheable {
  cache_control?: AnthropicCacheControl;
  prompt_cache_breakpoint?: unknown;
}

/**
 * A part's `cache_control` passes through as written (the 1-hour TTL included); OpenAI's explicit
 * prompt-cache breakpoint is Anthropic's default (5-minute) `cache_control`.
 */
export function cacheControl(part: Cacheable): { cache_control?: AnthropicCacheControl } {
  if (part.cache_control !== undefined) return { cache_control: part.cache_control };
  return part.prompt_cache_breakpoint === undefined || part.prompt_cache_breakpoint === null
    ? {}
    : { cache_control: { type: "ephemeral" } };
}

/** Anthropic rejects text blocks that are empty or only whitespace ("must contain non-whitespace text"). */
export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

/**
 * A text block, or nothing for blank text: Anthropic rejects empty and whitespace-only text
 * blocks with a 400, and blank text carries nothing to drop.
 */
export function textBlock(text: string, part: Cacheable = {}): AnthropicTextBlock | undefined {
  if (isBlank(text)) return undefined;
  return { type: "text", text, ...cacheControl(part) } satisfies AnthropicTextBlock;
}

/** String content or text parts (system, developer, tool messages) -> text blocks. */
export function textBlocks(content: string | readonly TextPart[]): AnthropicTextBlock[] {
  if (typeof content === "string") {
    const block = textBlock(content);
    return block ? [block] : [];
  }
  const blocks: AnthropicTextBlock[] = [];
  for (const part of content) {
    const block = textBlock(part.text, part);
    if (block) blocks.push(block);
  }
  return blocks;
}

/** One user content part at `path` (e.g. `messages[2].content[1]`) -> a block, or nothing if dropped. */
export function userPartToBlock(part: ChatCompletionContentPart, path: string, context: TranslateContext): AnthropicInputBlock | undefined {
  switch (part.type) {
    case "text":
      return textBlock(part.text, part);
    case "image_url":
      return imageBlock(part, path, context);
    case "file":
      return fileBlock(part, path, context);
    case "input_audio":
      context.unsupported(`${path} (input_audio)`, "Anthropic models take no audio input");
      return undefined;
    case "audio_url":
      context.unsupported(`${path} (audio_url)`, "Anthropic models take no audio input");
      return undefined;
    default: {
      // Any part type the unified spec does not list ends here at run time.
      const unlisted: never = part;
      const type = (unlisted as { type?: unknown }).type;
      context.unsupported(`${path} (${typeof type === "string" ? type : "unknown part"})`, "Anthropic has no equivalent content block");
      return undefined;
    }
  }
}

function imageBlock(part: ImagePart, path: string, context: TranslateContext): AnthropicImageBlock {
  const { url, detail } = part.image_url;
  // Anthropic always reads images at full resolution: "auto" and "high" are what it does anyway.
  if (detail === "low") {
    context.unsupported(`${path}.image_url.detail`, "Anthropic reads every image at full resolution; it has no low-detail mode");
  }
  const urlPath = `${path}.image_url.url`;
  if (!/^\s*data:/i.test(url)) {
    return { type: "image", source: { type: "url", url }, ...cacheControl(part) } satisfies AnthropicImageBlock;
  }
  const parsed = parseDataUri(url);
  if (parsed === undefined) {
    throw new InvalidRequestError(`Invalid \`${urlPath}\`: the data: URI does not hold valid base64.`, urlPath);
  }
  // image/jpg is a common misspelling of the registered image/jpeg.
  const mediaType = parsed.mimeType === "image/jpg" ? "image/jpeg" : parsed.mimeType;
  if (!isImageMediaType(mediaType)) {
    throw new InvalidRequestError(
      `Invalid \`${urlPath}\`: Anthropic accepts ${Object.keys(IMAGE_MEDIA_TYPES).join(", ")} images; this data: URI is ${parsed.mimeType}.`,
      urlPath,
    );
  }
  return {
    type: "image",
    source: { type: "base64", media_type: mediaType, data: parsed.base64 },
    ...cacheControl(part),
  } satisfies AnthropicImageBlock;
}

function fileBlock(part: FilePart, path: string, context: TranslateContext): AnthropicDocumentBlock | undefined {
  const { file_data: data, file_id: fileId, filename } = part.file;
  if (data === undefined) {
    if (fileId !== undefined) context.unsupported(`${path}.file.file_id`, "Anthropic cannot read OpenAI file ids; send the file as file_data");
    return undefined;
  }
  const dataPath = `${path}.file.file_data`;
  const parsed = /^\s*data:/i.test(data) ? parseDataUri(data) : rawBase64(data, filename);
  if (parsed === undefined) {
    throw new InvalidRequestError(`Invalid \`${dataPath}\`: expected a base64 data: URI (data:application/pdf;base64,...).`, dataPath);
  }
  const title = filename !== undefined && filename.length > 0 && filename.length <= 500 ? { title: filename } : {};
  if (parsed.mimeType === PDF) {
    return {
      type: "document",
      source: { type: "base64", media_type: PDF, data: parsed.base64 },
      ...title,
      ...cacheControl(part),
    } satisfies AnthropicDocumentBlock;
  }
  if (parsed.mimeType === PLAIN_TEXT) {
    return {
      type: "document",
      source: { type: "text", media_type: PLAIN_TEXT, data: utf8Decode(base64ToBytes(parsed.base64)) },
      ...title,
      ...cacheControl(part),
    } satisfies AnthropicDocumentBlock;
  }
  context.unsupported(`${path} (file ${parsed.mimeType})`, "Anthropic documents are PDF or plain text");
  return undefined;
}

/** `file_data` given as bare base64: the file name says what it is. */
function rawBase64(data: string, filename: string | undefined): { mimeType: string; base64: string } | undefined {
  const extension = filename?.toLowerCase().split(".").pop();
  const mimeType = extension === "pdf" ? PDF : extension === "txt" ? PLAIN_TEXT : "application/octet-stream";
  return parseDataUri(`data:${mimeType};base64,${data}`);
}
