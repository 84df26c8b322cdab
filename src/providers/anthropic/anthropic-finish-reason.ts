// Anthropic `stop_reason` -> OpenAI `finish_reason`. The raw value is kept for onellm metadata.
import type { FinishReason } from "../contract.js";
import type { AnthropicStopReason } from "./anthropic-schema.js";

/**
 * Maps a stop reason. `jsonAnswerOnly`: the only tool called was the one that emulates
 * `response_format`, so a `tool_use` stop is the normal end of the answer.
 */
export function mapStopReason(reason: AnthropicStopReason | null, options: { jsonAnswerOnly?: boolean } = {}): FinishReason {
  if (reason === null) return "stop";
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
      return "length";
    case "tool_use":
      return options.jsonAnswerOnly ? "stop" : "tool_calls";
    case "refusal":
      return "content_filter";
    case "pause_turn":
      // A server-tool turn paused for the caller to continue; nothing was cut off or filtered.
      return "stop";
    default: {
      const unknownReason: never = reason;
      return mapUnlistedStopReason(unknownReason);
    }
  }
}

/**
 * Stop reasons the API sends that the spec does not list yet. The `never` check above still makes
 * a newly listed reason a compile error; this only keeps an unlisted one from crashing a response.
 */
function mapUnlistedStopReason(reason: string): FinishReason {
  // Sent when the input plus output reached the context window: output was cut off.
  if (reason === "model_context_window_exceeded") return "length";
  return "stop";
}

/** Records the raw stop reason; the router copies it to `onellm.native_finish_reasons`. */
export function recordNativeStopReason(extras: Record<string, unknown>, reason: string | null): void {
  // A fresh array each time: a response's metadata keeps its own reference.
  extras["native_finish_reasons"] = [reason];
}
