// Cohere's v2 chat API has no prompt caching (no cache field on messages, content or tools), so a
// cache breakpoint a caller put on a part or tool (onellm's `cache_control`, OpenAI's
// `prompt_cache_breakpoint`) goes through the unsupported-parameter policy instead of vanishing
// from the body: refused under "error", named in the warnings under "warn" and "drop".
import type { TranslateContext } from "../contract.js";

const CACHE_FIELDS = ["cache_control", "prompt_cache_breakpoint"] as const;

export function reportCacheFields(item: object, path: string, context: TranslateContext): void {
  for (const field of CACHE_FIELDS) {
    const value = (item as Record<string, unknown>)[field];
    if (value !== undefined && value !== null) context.unsupported(`${path}.${field}`, "Cohere's chat API has no prompt caching");
  }
}
