// Keys the process has been given, so that no error message, log line or inspected error repeats one.
// A module-level registry is deliberate: an error can be created far from the client that owns the key.
const secrets = new Set<string>();
let pattern: RegExp | undefined;

const MIN_SECRET_LENGTH = 6;

export function registerSecret(secret: string | undefined): void {
  if (!secret || secret.length < MIN_SECRET_LENGTH || secrets.has(secret)) return;
  // A key echoed inside a JSON body or a URL is escaped there: those spellings are secrets too.
  const spellings = new Set([secret, JSON.stringify(secret).slice(1, -1), safeEncode(secret)]);
  for (const spelling of spellings) if (spelling.length >= MIN_SECRET_LENGTH) secrets.add(spelling);
  const escaped = [...secrets]
    .sort((a, b) => b.length - a.length)
    .map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  pattern = new RegExp(escaped.join("|"), "g");
}

function safeEncode(secret: string): string {
  try {
    return encodeURIComponent(secret);
  } catch {
    return secret; // a lone surrogate cannot be percent-encoded, so it never appears encoded either
  }
}

/**
 * Well-known key shapes, for keys this process never registered (a per-request header, a key a
 * provider echoes back from someone else's configuration): Google `AIza…`, Anthropic `sk-ant-…`,
 * OpenAI `sk-…`/`sk-proj-…`, Groq `gsk_…`, xAI `xai-…`.
 */
const KEY_SHAPES = /\b(?:AIza[0-9A-Za-z_-]{35}|sk-ant-[0-9A-Za-z_-]{20,}|sk-(?:proj-|svcacct-|admin-)?[0-9A-Za-z_-]{32,}|gsk_[0-9A-Za-z]{32,}|xai-[0-9A-Za-z]{32,})/g;

/** Replaces every registered key, anything shaped like a known key, and key-like URL query values. */
export function redactSecrets(text: string): string {
  let result = pattern ? text.replace(pattern, "[REDACTED]") : text;
  result = result.replace(KEY_SHAPES, "[REDACTED]");
  if (result.includes("key=")) result = result.replace(/([?&](?:api_?)?key=)[^&\s"']+/gi, "$1[REDACTED]");
  return result;
}

export const MAX_REDACT_DEPTH = 8;
/** What stands in for a value nested deeper than redaction looks: unread is unsafe, so it is dropped. */
export const TOO_DEEP = `[REDACTED: nested deeper than ${MAX_REDACT_DEPTH} levels]`;

/**
 * A copy of a parsed body with every string redacted (an echoed key may hide anywhere in it). Fails
 * closed: whatever lies below the depth limit is replaced, never kept unread.
 */
export function redactDeep(value: unknown, depth: number): unknown {
  if (typeof value === "string") return redactSecrets(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_REDACT_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    // defineProperty, not assignment: a `__proto__` key must stay a key, not become the prototype.
    Object.defineProperty(copy, redactSecrets(name), { value: redactDeep(item, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/**
 * The `cause` an error keeps, with every key removed: a platform error's message or stack may quote
 * a header value (an invalid key, say). The original is kept when nothing needed redacting.
 */
export function redactCause(cause: unknown, depth = 0): unknown {
  if (typeof cause === "string") return redactSecrets(cause);
  if (!(cause instanceof Error)) return cause === null || typeof cause !== "object" ? cause : redactDeep(cause, depth);
  if (depth >= MAX_REDACT_DEPTH) return new Error(TOO_DEEP);
  const message = redactSecrets(cause.message);
  const stack = cause.stack === undefined ? undefined : redactSecrets(cause.stack);
  const inner = (cause as { cause?: unknown }).cause;
  const innerClean = inner === undefined ? undefined : redactCause(inner, depth + 1);
  const fields = Object.entries(cause).filter(([name]) => name !== "cause");
  const fieldsClean = fields.map(([name, value]) => [name, redactDeep(value, depth + 1)] as const);
  const unchanged =
    message === cause.message && stack === cause.stack && innerClean === inner && fieldsClean.every(([, value], index) => value === fields[index]![1]);
  if (unchanged) return cause;
  // Same prototype (a TypeError stays a TypeError), clean message, stack, fields and cause.
  const copy = Object.create(Object.getPrototypeOf(cause) as object) as Error;
  for (const [name, value] of fieldsClean) Object.defineProperty(copy, name, { value, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, "message", { value: message, writable: true, configurable: true });
  if (stack !== undefined) Object.defineProperty(copy, "stack", { value: stack, writable: true, configurable: true });
  if (inner !== undefined) Object.defineProperty(copy, "cause", { value: innerClean, writable: true, configurable: true });
  return copy;
}

/** The headers themselves when nothing needed redacting, else a redacted copy. */
export function redactHeaders(headers: Headers | undefined): Headers | undefined {
  if (!headers) return undefined;
  let changed = false;
  const copy = new Headers();
  headers.forEach((value, name) => {
    const clean = redactSecrets(value);
    if (clean !== value) changed = true;
    copy.append(name, clean);
  });
  // A transport's own Headers-like (the Node transport's) becomes a real Headers on an error.
  return changed || !(headers instanceof Headers) ? copy : headers;
}
