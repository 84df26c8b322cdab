// Base64 and UTF-8 without `Buffer`, so the same code runs on Node, Deno, Bun, edge runtimes and in
// browsers. Decoding is as forgiving as Node's `Buffer.from(text, "base64")` for well-formed input
// (either alphabet, padding optional, whitespace ignored); callers that must reject malformed
// base64 validate it first, as they did before.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const ENCODE = new Uint8Array(64);
const DECODE = new Int16Array(128).fill(-1);
for (let index = 0; index < 64; index++) {
  const code = ALPHABET.charCodeAt(index);
  ENCODE[index] = code;
  DECODE[code] = index;
}
// The URL-safe alphabet decodes to the same values.
DECODE["-".charCodeAt(0)] = 62;
DECODE["_".charCodeAt(0)] = 63;

/** Characters built per `String.fromCharCode` call: large enough to be fast, small enough for any engine's argument limit. */
const CHUNK = 0x6000;

/** Standard, padded base64 of `bytes`. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const out = new Uint8Array(Math.min(CHUNK, Math.ceil(bytes.length / 3) * 4));
  let used = 0;
  const flush = () => {
    parts.push(String.fromCharCode.apply(null, out.subarray(0, used) as unknown as number[]));
    used = 0;
  };
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    if (used + 4 > out.length) flush();
    const triple = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!;
    out[used++] = ENCODE[triple >> 18]!;
    out[used++] = ENCODE[(triple >> 12) & 63]!;
    out[used++] = ENCODE[(triple >> 6) & 63]!;
    out[used++] = ENCODE[triple & 63]!;
  }
  const rest = bytes.length - index;
  if (rest > 0) {
    if (used + 4 > out.length) flush();
    const first = bytes[index]!;
    const second = rest === 2 ? bytes[index + 1]! : 0;
    out[used++] = ENCODE[first >> 2]!;
    out[used++] = ENCODE[((first & 3) << 4) | (second >> 4)]!;
    out[used++] = rest === 2 ? ENCODE[(second & 15) << 2]! : 61; // "="
    out[used++] = 61;
  }
  if (used > 0) flush();
  return parts.join("");
}

/**
 * Bytes of base64 text in either alphabet, decoded as Node's `Buffer.from(text, "base64")` does:
 * characters outside both alphabets (whitespace included) are skipped, and padding ends the data.
 */
export function base64ToBytes(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const value = code < 128 ? DECODE[code]! : -1;
    if (value === -1) {
      if (code === 61) break; // "="
      continue;
    }
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, length);
}

/** Base64 (either alphabet) re-spelled in the URL-safe alphabet without padding. */
export function toBase64Url(base64: string): string {
  return bytesToBase64(base64ToBytes(base64)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/** Base64 (either alphabet) re-spelled in the standard alphabet with padding. */
export function toStandardBase64(base64: string): string {
  return bytesToBase64(base64ToBytes(base64));
}

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

export function utf8Decode(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

export function utf8Encode(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}
