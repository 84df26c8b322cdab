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

/** Replaces every registered key, and anything shaped like a key in a URL query, with a marker. */
export function redactSecrets(text: string): string {
  let result = pattern ? text.replace(pattern, "[REDACTED]") : text;
  if (result.includes("key=")) result = result.replace(/([?&](?:api_?)?key=)[^&\s"']+/gi, "$1[REDACTED]");
  return result;
}
