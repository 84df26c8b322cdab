// Tool-call ids for targets that restrict them (DESIGN §1, portable history): an id the target
// accepts is kept; any other is rewritten deterministically and collision-free, the same way in an
// assistant's `tool_calls[].id` and in the `tool_call_id` that answers it.

export interface IdRule {
  /** Characters the target accepts; everything else is replaced. */
  allowed: RegExp;
  maxLength: number;
}

/** FNV-1a, 32 bits: a short stable digest of the original id, so two ids never meet after rewriting. */
function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

export function rewriteToolCallId(id: string, rule: IdRule): string {
  const fits = id.length > 0 && id.length <= rule.maxLength && [...id].every((character) => rule.allowed.test(character));
  if (fits) return id;
  const cleaned = [...id].map((character) => (rule.allowed.test(character) ? character : "_")).join("");
  const suffix = `_${digest(id)}`;
  return `${cleaned.slice(0, Math.max(0, rule.maxLength - suffix.length))}${suffix}`;
}
