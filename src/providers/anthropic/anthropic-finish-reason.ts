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
    case "model_context_window_exceeded":
      // The second: input plus output reached the context window, so output was cut off.
      return "length";
    case "tool_use":
      return options.jsonAnswerOnly ? "stop" : "tool_calls";
    case "refusal":
      return "content_filter";
    case "pause_turn":
      // A server-tool turn paused for the caller to continue; nothing was cut off or filtered.
      return "stop";
    default: {
      // A reason newer than the spec: the `never` check makes a newly listed one a compile error;
      // at run time an unlisted one must not crash a response (the raw value stays in metadata).
      const unlisted: never = reason;
      void unlisted;
      return "stop";
    }
  }
}

/** Records the raw stop reason; the router copies it to `onellm.native_finish_reasons`. */
export function recordNativeStopReason(extras: Record<string, unknown>, reason: string | null): void {
  // A fresh array each time: a response's metadata keeps its own reference.
  extras["native_finish_reasons"] = [reason];
}
