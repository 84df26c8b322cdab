// Reasoning that must round-trip (DESIGN §1): `reasoning_details` in OpenRouter's shape, each block
// tagged with the `format` of the provider that produced it. A provider replays only its own blocks.

import type { ReasoningDetail } from "../types.js";

export type { ReasoningDetail };

/**
 * The blocks of `format` in an assistant message appended from any earlier response (read loosely:
 * a history may come from anywhere, hand-edited). Others' blocks are skipped.
 */
export function ownReasoningDetails(message: { reasoning_details?: unknown }, format: string): ReasoningDetail[] {
  const details = message.reasoning_details;
  if (!Array.isArray(details)) return [];
  return details.filter((detail): detail is ReasoningDetail => {
    if (typeof detail !== "object" || detail === null) return false;
    const { type, format: producer } = detail as { type?: unknown; format?: unknown };
    if (producer !== format) return false;
    if (type === "reasoning.text") return typeof (detail as { text?: unknown }).text === "string";
    if (type === "reasoning.encrypted") return typeof (detail as { data?: unknown }).data === "string";
    return false;
  });
}
