// Keys the process has been given, so that no error message, log line or inspected error repeats one.
// A module-level registry is deliberate: an error can be created far from the client that owns the key.
const secrets = new Set<string>();
let pattern: RegExp | undefined;

const MIN_SECRET_LENGTH = 6;

export function registerSecret(secret: string | undefined): void {
  if (!secret || secret.length < MIN_SECRET_LENGTH || secrets.has(secret)) return;
  secrets.add(secret);
  const escaped = [...secrets]
    .sort((a, b) => b.length - a.length)
    .map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  pattern = new RegExp(escaped.join("|"), "g");
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

const MAX_REDACT_DEPTH = 8;

/** A copy of a parsed body with every string redacted (an echoed key may hide anywhere in it). */
export function redactDeep(value: unknown, depth: number): unknown {
  if (typeof value === "string") return redactSecrets(value);
  if (value === null || typeof value !== "object" || depth >= MAX_REDACT_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) copy[name] = redactDeep(item, depth + 1);
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
  return changed ? copy : headers;
}
