// Reasoning that must round-trip (DESIGN §1): `reasoning_details` in OpenRouter's shape, each block
// tagged with the `format` of the provider that produced it. A provider replays only its own blocks.

export type ReasoningDetail =
  | { type: "reasoning.text"; text: string; signature?: string; format: string; index?: number }
  | { type: "reasoning.encrypted"; data: string; format: string; index?: number }
  | { type: "reasoning.summary"; summary: string; format: string; index?: number };

/**
 * The blocks of `format` in an assistant message appended from any earlier response (the field is
 * onellm's own, so it is read loosely: a history may come from anywhere). Others' blocks are skipped.
 */
export function ownReasoningDetails(message: object, format: string): ReasoningDetail[] {
  const details = (message as { reasoning_details?: unknown }).reasoning_details;
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
