// Tool-call ids for targets that restrict them (DESIGN §1, portable history). A history may hold ids
// minted by any provider (`call_…`, `toolu_…`, Gemini's, a caller's `call_123`); a target that
// restricts ids gets each one it would refuse rewritten, the same way in an assistant's
// `tool_calls[].id` and in the `tool_call_id` that answers it. Rewriting is deterministic (the same
// history gives the same ids on every turn, so prompt caches keep hitting) and collision-free
// within a request: `a.b` and `a:b` never meet, nor does a rewritten id meet one sent as written.
// Responses keep the provider's own ids: only what is sent is rewritten.
import { sha256 } from "../core/sha256.js";

/** Which characters an id may hold. */
export type IdAlphabet = "alphanumeric" | "word" | "any";

/** What a target accepts as a tool-call id; each provider declares its own with the source it was read from. */
export interface ToolCallIdRule {
  /** `alphanumeric` [a-zA-Z0-9], `word` [a-zA-Z0-9_-], `any` no restriction. */
  readonly alphabet: IdAlphabet;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Where the constraint is documented (a spec, an API reference, the API's own error). */
  readonly source: string;
}

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CLASSES: Record<IdAlphabet, RegExp> = { alphanumeric: /^[a-zA-Z0-9]$/, word: /^[a-zA-Z0-9_-]$/, any: /^[\s\S]$/u };
/** Characters of digest a rewritten id ends in: 62^10 (about 8e17) values, so ids that differ do not meet. */
const DIGEST_LENGTH = 10;

/** The rule as a regular expression (`^[a-zA-Z0-9]{9}$`), for messages, tests and the README. */
export function toolCallIdPattern(rule: ToolCallIdRule): string {
  const characters = rule.alphabet === "alphanumeric" ? "[a-zA-Z0-9]" : rule.alphabet === "word" ? "[a-zA-Z0-9_-]" : "[\\s\\S]";
  const min = rule.minLength ?? 1;
  const count = rule.maxLength === undefined ? (min === 1 ? "+" : `{${min},}`) : min === rule.maxLength ? `{${min}}` : `{${min},${rule.maxLength}}`;
  return `^${characters}${count}$`;
}

export function fitsRule(id: string, rule: ToolCallIdRule): boolean {
  const characters = [...id];
  if (characters.length < (rule.minLength ?? 1)) return false;
  if (rule.maxLength !== undefined && characters.length > rule.maxLength) return false;
  const allowed = CLASSES[rule.alphabet];
  return characters.every((character) => allowed.test(character));
}

/** `length` characters of [0-9A-Za-z] from the SHA-256 of `text`. */
function digest(text: string, length: number): string {
  const bytes = sha256(text);
  let out = "";
  // 32 bytes give up to 42 base-62 characters; each byte pair is reduced on its own, which keeps the
  // digits well spread without big-number arithmetic.
  for (let index = 0; out.length < length; index += 2) {
    const value = ((bytes[index % 32] ?? 0) << 8) | (bytes[(index + 1) % 32] ?? 0);
    out += ALPHANUMERIC[value % 62];
    if (out.length < length) out += ALPHANUMERIC[Math.floor(value / 62) % 62];
  }
  return out.slice(0, length);
}

/**
 * `id` made to fit `rule`. A short fixed length (Mistral's 9) is all digest; otherwise the id keeps
 * what it can of itself (readable in logs) and ends in a digest of the whole original. `salt` > 0
 * only when an earlier id of the same request already took the first choice.
 */
export function rewriteToolCallId(id: string, rule: ToolCallIdRule, salt = 0): string {
  const seed = salt === 0 ? id : `${id}\u0000${salt}`;
  const min = rule.minLength ?? 1;
  const max = rule.maxLength ?? Math.max(64, [...id].length + DIGEST_LENGTH + 1);
  if (max < DIGEST_LENGTH + 4) return digest(seed, Math.max(min, max));
  const separator = rule.alphabet === "alphanumeric" ? "" : "_";
  const allowed = CLASSES[rule.alphabet];
  const kept = [...id].map((character) => (allowed.test(character) ? character : separator));
  const prefix = kept.slice(0, max - DIGEST_LENGTH - separator.length).join("");
  const rewritten = `${prefix}${prefix === "" ? "" : separator}${digest(seed, DIGEST_LENGTH)}`;
  return [...rewritten].length >= min ? rewritten : `${rewritten}${digest(`${seed}\u0000pad`, min - [...rewritten].length)}`;
}

interface IdCarrier {
  role: string;
  tool_calls?: readonly { id?: unknown }[] | null;
  tool_call_id?: unknown;
}

/**
 * The ids of one request for one target: every id in the history, in order of first appearance,
 * mapped to itself when the target accepts it, else to its rewrite. An id another one already took
 * gets the next salted rewrite, so the mapping stays one-to-one and stable as the history grows.
 */
export class ToolCallIds {
  private readonly ids = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly rule: ToolCallIdRule | undefined) {}

  /** The mapping for every id `messages` hold (assistant tool calls and tool results). */
  static of(messages: readonly unknown[], rule: ToolCallIdRule | undefined): ToolCallIds {
    const ids = new ToolCallIds(rule);
    if (rule === undefined) return ids;
    for (const message of messages as readonly IdCarrier[]) {
      if (typeof message !== "object" || message === null) continue;
      if (message.role === "assistant" && Array.isArray(message.tool_calls)) {
        for (const call of message.tool_calls) if (typeof call?.id === "string") ids.id(call.id);
      } else if (message.role === "tool" && typeof message.tool_call_id === "string") {
        ids.id(message.tool_call_id);
      }
    }
    return ids;
  }

  /** The id to send for `original`. */
  id(original: string): string {
    if (this.rule === undefined) return original;
    const known = this.ids.get(original);
    if (known !== undefined) return known;
    let candidate = fitsRule(original, this.rule) ? original : rewriteToolCallId(original, this.rule);
    for (let salt = 1; this.taken.has(candidate); salt++) candidate = rewriteToolCallId(original, this.rule, salt);
    this.ids.set(original, candidate);
    this.taken.add(candidate);
    return candidate;
  }

  /** Original -> sent, for the ids that were rewritten (said in warnings and tests). */
  rewritten(): [original: string, sent: string][] {
    return [...this.ids].filter(([original, sent]) => original !== sent);
  }
}
