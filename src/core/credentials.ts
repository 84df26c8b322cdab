// Credentials as HTTP carries them: which header names hold one, and whether a value can travel in a
// header at all. A key with a line break or a non-ASCII character would make fetch throw a TypeError
// quoting the value (the key, raw, in `error.cause`), or split the header; it is refused up front.
import { registerSecret } from "./redact.js";

/** Header names whose value is a credential: never sent to another provider, never logged, always redacted. */
const CREDENTIAL_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "api-key",
  "x-goog-api-key",
  "x-amz-security-token",
  "cookie",
  "set-cookie",
]);

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.toLowerCase());
}

/** Registers a credential header's value (and the token after an auth scheme) for redaction. */
export function registerCredential(value: string): void {
  registerSecret(value);
  const token = /^\s*[A-Za-z][\w.+-]*\s+(\S+)\s*$/.exec(value)?.[1];
  if (token !== undefined) registerSecret(token);
}

/**
 * Why `key` cannot be sent as an API key (a header value), or undefined when it can. Names the
 * problem and its position, never the key itself.
 */
export function keyProblem(key: string): string | undefined {
  if (key.length === 0) return "it is empty";
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index);
    if (code >= 0x21 && code <= 0x7e) continue;
    const what =
      code === 0x0a || code === 0x0d
        ? "a line break"
        : code === 0x20 || code === 0x09
          ? "whitespace"
          : code < 0x20 || code === 0x7f
            ? `a control character (U+${code.toString(16).padStart(4, "0").toUpperCase()})`
            : "a non-ASCII character";
    const where = index === key.length - 1 ? "at its end" : index === 0 ? "at its start" : `at position ${index}`;
    return `it contains ${what} ${where}`;
  }
  return undefined;
}

/** Why a header value cannot be sent (a line break would split the header), or undefined. */
export function headerValueProblem(value: string): string | undefined {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 0x0a || code === 0x0d) return `it contains a line break at position ${index}`;
    if (code === 0) return `it contains a NUL character at position ${index}`;
    if (code > 0xff) return `it contains a character fetch cannot send in a header (U+${code.toString(16).toUpperCase()}) at position ${index}`;
  }
  return undefined;
}
