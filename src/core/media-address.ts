/**
 * Where media comes from: IP address classification for the media
 * downloader's SSRF guard, URL redaction for error messages, data: URIs and
 * media-type sniffing. The public entry point is ./media.ts, which re-exports
 * what callers need.
 *
 * Provider-agnostic: nothing in here knows about any LLM provider. The rule is
 * "only globally routable unicast addresses are public"; everything else
 * (loopback, private, link-local, metadata, reserved, tunnelling prefixes that
 * embed a non-public IPv4, ...) gets a human-readable reason.
 */
import { base64ToBytes, bytesToBase64, utf8Encode } from "./encoding.js";

const V4_PART = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)";
const STRICT_V4 = new RegExp(`^${V4_PART}(?:\\.${V4_PART}){3}$`);
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/**
 * 4 or 6 when `text` is an IP address in its standard notation, else 0 — the answer Node's
 * `net.isIP` gives (dotted quad without leading zeros; IPv6 with `::`, an embedded IPv4 tail and an
 * optional zone id), computed without `node:net` so every runtime can check address literals.
 */
export function ipFamily(text: string): 0 | 4 | 6 {
  if (STRICT_V4.test(text)) return 4;
  return isIPv6(text) ? 6 : 0;
}

function isIPv6(text: string): boolean {
  let s = text;
  const zone = s.indexOf("%");
  if (zone !== -1) {
    if (!/^[0-9A-Za-z.:-]+$/.test(s.slice(zone + 1))) return false;
    s = s.slice(0, zone);
  }
  const lastColon = s.lastIndexOf(":");
  if (lastColon === -1) return false;
  const tail = s.slice(lastColon + 1);
  if (tail.includes(".")) {
    if (!STRICT_V4.test(tail)) return false;
    // The dotted tail stands for the last two hextets.
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return false;
  const groups = (part: string): string[] | undefined => {
    if (part === "") return [];
    const split = part.split(":");
    return split.every((group) => HEXTET.test(group)) ? split : undefined;
  };
  const head = groups(halves[0] ?? "");
  if (head === undefined) return false;
  if (halves.length === 1) return head.length === 8;
  const rest = groups(halves[1] ?? "");
  return rest !== undefined && head.length + rest.length <= 7;
}

type V4 = readonly [number, number, number, number];
type V6 = readonly [number, number, number, number, number, number, number, number];

/**
 * Classifies an IP address.
 *
 * @returns a short reason (e.g. `"loopback (127.0.0.0/8)"`) when the address
 *   must not be contacted, or `undefined` when it is a public address.
 *   Anything that is not an IP address is blocked (fail closed). Non-canonical
 *   IPv4 spellings (`2130706433`, `0x7f.1`, `127.1`) and bracketed or zoned
 *   IPv6 (`[::1]`, `fe80::1%eth0`) are normalised first.
 */
export function isBlockedAddress(address: string): string | undefined {
  const parsed = parseAddress(address);
  if (parsed === undefined) return `not an IP address (${JSON.stringify(address.slice(0, 64))})`;
  return parsed.family === 4 ? classifyV4(parsed.octets) : classifyV6(parsed.hextets);
}

/** Canonical text of an address, used in error messages; the input itself when unparseable. */
export function canonicalAddress(address: string): string {
  const parsed = parseAddress(address);
  if (parsed === undefined) return address;
  return parsed.family === 4 ? parsed.octets.join(".") : formatV6(parsed.hextets);
}

type Parsed = { family: 4; octets: V4 } | { family: 6; hextets: V6 };

function parseAddress(input: string): Parsed | undefined {
  let s = input.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  const zone = s.indexOf("%");
  if (zone !== -1 && s.includes(":")) s = s.slice(0, zone);
  const family = ipFamily(s);
  if (family === 4) return { family: 4, octets: parseV4(s) };
  if (family === 6) {
    const hextets = parseV6(s);
    return hextets === undefined ? undefined : { family: 6, hextets };
  }
  // Odd IPv4 spellings: let the WHATWG URL host parser normalise them, exactly
  // as it does for URLs passed to downloadMedia.
  if (s === "" || /[\s/\\?#@:[\]%]/.test(s)) return undefined;
  let host: string;
  try {
    host = new URL(`http://${s}/`).hostname;
  } catch {
    return undefined;
  }
  return ipFamily(host) === 4 ? { family: 4, octets: parseV4(host) } : undefined;
}

function parseV4(s: string): V4 {
  const [a = 0, b = 0, c = 0, d = 0] = s.split(".").map((part) => Number.parseInt(part, 10));
  return [a, b, c, d];
}

/** Parses a valid (per {@link ipFamily}) IPv6 address without zone id into 8 hextets. */
function parseV6(input: string): V6 | undefined {
  let s = input.toLowerCase();
  const tail: number[] = [];
  const lastColon = s.lastIndexOf(":");
  const lastPart = s.slice(lastColon + 1);
  if (lastPart.includes(".")) {
    if (ipFamily(lastPart) !== 4) return undefined;
    const [a, b, c, d] = parseV4(lastPart);
    tail.push((a << 8) | b, (c << 8) | d);
    s = s.slice(0, lastColon + 1);
    // "::1.2.3.4" leaves "::", "1::1.2.3.4" leaves "1::", "1:2:3:4:5:6:1.2.3.4" leaves "...6:".
    if (s.endsWith(":") && !s.endsWith("::")) s = s.slice(0, -1);
  }
  const toHextets = (part: string): number[] =>
    part === "" ? [] : part.split(":").map((h) => Number.parseInt(h, 16));
  const doubleColon = s.indexOf("::");
  let hextets: number[];
  if (doubleColon === -1) {
    hextets = [...toHextets(s), ...tail];
  } else {
    const head = toHextets(s.slice(0, doubleColon));
    const rest = [...toHextets(s.slice(doubleColon + 2)), ...tail];
    const fill = 8 - head.length - rest.length;
    if (fill < 0) return undefined;
    hextets = [...head, ...new Array<number>(fill).fill(0), ...rest];
  }
  if (hextets.length !== 8 || hextets.some((h) => !Number.isInteger(h) || h < 0 || h > 0xffff)) return undefined;
  return hextets as unknown as V6;
}

function formatV6(h: V6): string {
  return h.map((x) => x.toString(16)).join(":");
}

function classifyV4([a, b, c, d]: V4): string | undefined {
  if (a === 169 && b === 254 && c === 169 && d === 254) return "cloud metadata endpoint (169.254.169.254)";
  if (a === 100 && b === 100 && c === 100 && d === 200) return "cloud metadata endpoint (100.100.100.200)";
  if (a === 255 && b === 255 && c === 255 && d === 255) return "broadcast (255.255.255.255)";
  if (a === 0) return b === 0 && c === 0 && d === 0 ? "unspecified (0.0.0.0)" : '"this network" (0.0.0.0/8)';
  if (a === 10) return "private network (10.0.0.0/8)";
  if (a === 127) return "loopback (127.0.0.0/8)";
  if (a === 169 && b === 254) return "link-local (169.254.0.0/16)";
  if (a === 172 && (b & 0xf0) === 16) return "private network (172.16.0.0/12)";
  if (a === 192 && b === 168) return "private network (192.168.0.0/16)";
  if (a === 100 && (b & 0xc0) === 64) return "carrier-grade NAT (100.64.0.0/10)";
  if (a === 192 && b === 0 && c === 0) return "IETF protocol assignments (192.0.0.0/24)";
  if (a === 192 && b === 0 && c === 2) return "documentation (192.0.2.0/24)";
  if (a === 198 && b === 51 && c === 100) return "documentation (198.51.100.0/24)";
  if (a === 203 && b === 0 && c === 113) return "documentation (203.0.113.0/24)";
  if (a === 192 && b === 88 && c === 99) return "6to4 relay anycast (192.88.99.0/24)";
  if (a === 198 && (b & 0xfe) === 18) return "benchmarking (198.18.0.0/15)";
  if (a >= 224 && a <= 239) return "multicast (224.0.0.0/4)";
  if (a >= 240) return "reserved (240.0.0.0/4)";
  return undefined;
}

function embeddedV4(high: number, low: number): V4 {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff];
}

/** Blocks when the IPv4 address embedded in a translation/tunnel prefix is blocked. */
function classifyEmbedded(kind: string, v4: V4): string | undefined {
  const reason = classifyV4(v4);
  return reason === undefined ? undefined : `${kind} embedding ${v4.join(".")}, which is ${reason}`;
}

function classifyV6(h: V6): string | undefined {
  const [h0, h1, h2, h3, h4, h5, h6, h7] = h;
  const zeroUpTo = (n: number): boolean => h.slice(0, n).every((x) => x === 0);

  if (h0 === 0xfd00 && h1 === 0x0ec2 && h2 === 0 && h3 === 0 && h4 === 0 && h5 === 0 && h6 === 0 && h7 === 0x254) {
    return "cloud metadata endpoint (fd00:ec2::254)";
  }
  if (zeroUpTo(8)) return "unspecified (::)";
  if (zeroUpTo(7) && h7 === 1) return "loopback (::1)";
  if (zeroUpTo(5) && h5 === 0xffff) return classifyEmbedded("IPv4-mapped address (::ffff:0:0/96)", embeddedV4(h6, h7));
  if (zeroUpTo(4) && h4 === 0xffff && h5 === 0) {
    return classifyEmbedded("IPv4-translated address (::ffff:0:0:0/96)", embeddedV4(h6, h7));
  }
  if (zeroUpTo(6)) return "deprecated IPv4-compatible address (::/96)";
  if (h0 === 0x64 && h1 === 0xff9b && h2 === 0 && h3 === 0 && h4 === 0 && h5 === 0) {
    return classifyEmbedded("NAT64 address (64:ff9b::/96)", embeddedV4(h6, h7));
  }
  if (h0 === 0x64 && h1 === 0xff9b && h2 === 1) return "local-use NAT64 (64:ff9b:1::/48)";
  if (h0 === 0x2002) return classifyEmbedded("6to4 address (2002::/16)", embeddedV4(h1, h2));
  if (h0 === 0x2001 && h1 === 0) return "Teredo tunnelling (2001::/32)";
  if (h0 === 0x2001 && h1 === 0x0002 && h2 === 0) return "benchmarking (2001:2::/48)";
  if (h0 === 0x2001 && (h1 & 0xfe00) === 0) return "IETF protocol assignments (2001::/23)";
  if (h0 === 0x2001 && h1 === 0x0db8) return "documentation (2001:db8::/32)";
  if (h0 === 0x3fff && (h1 & 0xf000) === 0) return "documentation (3fff::/20)";
  if ((h0 & 0xfe00) === 0xfc00) return "unique local / private network (fc00::/7)";
  if ((h0 & 0xffc0) === 0xfe80) return "link-local (fe80::/10)";
  if ((h0 & 0xffc0) === 0xfec0) return "deprecated site-local (fec0::/10)";
  if ((h0 & 0xff00) === 0xff00) return "multicast (ff00::/8)";
  if (h0 === 0x0100 && h1 === 0 && h2 === 0 && h3 === 0) return "discard-only (100::/64)";
  if ((h0 & 0xe000) !== 0x2000) return "reserved (outside global unicast 2000::/3)";
  return undefined;
}

export function normaliseMimeType(value: string | undefined): string | undefined {
  const essence = value?.split(";")[0]?.trim().toLowerCase();
  return essence !== undefined && /^[\w.+-]+\/[\w.+-]+$/.test(essence) ? essence : undefined;
}

/**
 * Parses `data:[<mime>][;param=value]*[;base64],<data>` (RFC 2397).
 * Returns the MIME type (parameters stripped, `text/plain` when absent or
 * malformed) and the payload as canonical padded base64; non-base64 payloads
 * are percent-decoded to bytes and base64-encoded. `undefined` when `uri` is
 * not a data URI or its base64 is invalid.
 */
export function parseDataUri(uri: string): { mimeType: string; base64: string } | undefined {
  const match = /^\s*data:([^,]*),(.*)$/is.exec(uri);
  if (match === null) return undefined;
  const meta = (match[1] ?? "").split(";").map((part) => part.trim());
  const payload = match[2] ?? "";
  const isBase64 = meta.length > 1 && meta[meta.length - 1]?.toLowerCase() === "base64";
  const mimeType = normaliseMimeType(meta[0]) ?? "text/plain";
  const bytes = percentDecode(payload);
  if (!isBase64) return { mimeType, base64: bytesToBase64(bytes) };
  const base64 = canonicalBase64(latin1(bytes));
  return base64 === undefined ? undefined : { mimeType, base64 };
}

/** Forgiving base64 (whitespace ignored, padding optional) → canonical padded base64, or undefined if invalid. */
function canonicalBase64(text: string): string | undefined {
  let s = text.replace(/[\t\n\f\r ]/g, "");
  if (s.length % 4 === 0 && s.endsWith("==")) s = s.slice(0, -2);
  else if (s.length % 4 === 0 && s.endsWith("=")) s = s.slice(0, -1);
  if (s.length % 4 === 1 || !/^[A-Za-z0-9+/]*$/.test(s)) return undefined;
  // Re-encoding also clears any non-zero trailing bits, giving one canonical form.
  return bytesToBase64(base64ToBytes(s));
}

/** Each byte as the character of that code (ISO-8859-1), as base64 text is read out of a data: URI. */
function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    text += String.fromCharCode.apply(null, bytes.subarray(offset, offset + 0x8000) as unknown as number[]);
  }
  return text;
}

/** WHATWG percent-decode: `%XX` → byte, other characters as UTF-8, stray `%` kept literally. */
function percentDecode(text: string): Uint8Array {
  const input = utf8Encode(text);
  if (!text.includes("%")) return input;
  const out = new Uint8Array(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i] ?? 0;
    if (byte === 0x25 && i + 2 < input.length && isHex(input[i + 1]) && isHex(input[i + 2])) {
      out[length++] = Number.parseInt(String.fromCharCode(input[i + 1] ?? 0, input[i + 2] ?? 0), 16);
      i += 2;
    } else {
      out[length++] = byte;
    }
  }
  return out.subarray(0, length);
}

function isHex(byte: number | undefined): boolean {
  return byte !== undefined && /^[0-9a-fA-F]$/.test(String.fromCharCode(byte));
}

/** Strips userinfo, query string and fragment (they can carry tokens); bounds the length. */
export function redactUrl(raw: string): string {
  let text: string;
  try {
    const url = new URL(raw);
    if (url.protocol === "data:") return "data: URI";
    url.username = "";
    url.password = "";
    url.search = "";
    url.hash = "";
    text = url.href;
  } catch {
    text = raw.replace(/[?#].*$/s, "").replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/]*@/i, "$1");
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Identifies common media formats from their magic bytes: png, jpeg, gif,
 * webp, pdf, wav, mp3 (ID3 tag or MPEG frame sync), ogg, flac, and ISO-BMFF
 * (`ftyp`: m4a → audio/mp4, heic/heif/avif, otherwise video/mp4).
 */
export function sniffMediaType(bytes: Uint8Array): string | undefined {
  const ascii = (start: number, end: number): string => String.fromCharCode(...bytes.subarray(start, end));
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0x89 && ascii(1, 8) === "PNG\r\n\x1a\n") return "image/png";
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "image/jpeg";
  const head6 = ascii(0, 6);
  if (head6 === "GIF87a" || head6 === "GIF89a") return "image/gif";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE") return "audio/wav";
  if (ascii(0, 5) === "%PDF-") return "application/pdf";
  if (ascii(0, 4) === "OggS") return "audio/ogg";
  if (ascii(0, 4) === "fLaC") return "audio/flac";
  if (ascii(4, 8) === "ftyp" && bytes.length >= 12) {
    const brand = ascii(8, 12);
    if (brand === "M4A " || brand === "M4B " || brand === "M4P ") return "audio/mp4";
    if (["heic", "heix", "heim", "heis", "hevc", "hevx"].includes(brand)) return "image/heic";
    if (brand === "mif1" || brand === "msf1") return "image/heif";
    if (brand === "avif" || brand === "avis") return "image/avif";
    if (brand === "qt  ") return "video/quicktime";
    return "video/mp4";
  }
  if (ascii(0, 3) === "ID3") return "audio/mpeg";
  if (isMpegAudioFrame(b(0), b(1), b(2))) return "audio/mpeg";
  return undefined;
}

/** 11-bit frame sync plus valid version, layer, bitrate and sample-rate fields (excludes AAC ADTS, layer 00). */
function isMpegAudioFrame(b0: number, b1: number, b2: number): boolean {
  if (b0 !== 0xff || b1 < 0 || (b1 & 0xe0) !== 0xe0 || b2 < 0) return false;
  const version = (b1 >> 3) & 0b11;
  const layer = (b1 >> 1) & 0b11;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0b11;
  return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11;
}
