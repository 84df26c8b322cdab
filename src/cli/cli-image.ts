// `--image <path|url>`: a URL (http, https or data:) is sent as it is; a file is read and sent as a
// base64 data: URI, its type from its first bytes (the extension only where the bytes say nothing).
import type { ChatCompletionContentPart } from "../types.js";
import { bytesToBase64 } from "../core/encoding.js";
import { UsageError } from "./cli-errors.js";

/** Magic numbers of the image types every provider with vision takes. */
const SIGNATURES: readonly { type: string; matches: (bytes: Uint8Array) => boolean }[] = [
  { type: "image/png", matches: (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: "image/jpeg", matches: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]) },
  { type: "image/gif", matches: (bytes) => startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) },
  { type: "image/webp", matches: (bytes) => startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes.subarray(8), [0x57, 0x45, 0x42, 0x50]) },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((value, index) => bytes[index] === value);
}

export function isImageURL(value: string): boolean {
  return /^(https?:\/\/|data:image\/)/i.test(value);
}

export async function imagePart(value: string, readFile: (path: string) => Promise<Uint8Array>): Promise<ChatCompletionContentPart> {
  if (isImageURL(value)) return { type: "image_url", image_url: { url: value } };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(value);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(`--image ${value}: ${code === "ENOENT" ? "no such file" : `cannot read it (${String(code ?? (error as Error).message)})`}; give a file or an http(s) URL.`);
  }
  const type = SIGNATURES.find((signature) => signature.matches(bytes))?.type;
  if (type === undefined) throw new UsageError(`--image ${value}: not a PNG, JPEG, GIF or WebP image.`);
  return { type: "image_url", image_url: { url: `data:${type};base64,${bytesToBase64(bytes)}` } };
}
