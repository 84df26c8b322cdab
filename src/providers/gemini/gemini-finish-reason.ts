// Gemini's finishReason (and a prompt's blockReason) -> OpenAI's finish_reason. Each switch is
// exhaustive over the spec's enum, so a new native value is a compile error here.
import type { FinishReason } from "../contract.js";
import type { GeminiBlockReason, GeminiFinishReason } from "./gemini-native.js";

export interface MappedFinish {
  finishReason: NonNullable<FinishReason>;
  /** Set when the stop was not a clean one: explains it in the response warnings. */
  note: string | undefined;
}

export function mapFinishReason(reason: GeminiFinishReason, hasToolCalls: boolean): MappedFinish {
  switch (reason) {
    case "STOP":
      return { finishReason: hasToolCalls ? "tool_calls" : "stop", note: undefined };
    case "MAX_TOKENS":
      return { finishReason: "length", note: undefined };
    case "SAFETY":
      return filtered("Gemini's safety filter stopped the output");
    case "RECITATION":
      return filtered("the output was stopped for reciting training data");
    case "LANGUAGE":
      return filtered("the output was stopped for using an unsupported language");
    case "BLOCKLIST":
      return filtered("the output contained a blocklisted term");
    case "PROHIBITED_CONTENT":
      return filtered("the output was stopped for prohibited content");
    case "SPII":
      return filtered("the output was stopped for sensitive personally identifiable information");
    case "IMAGE_SAFETY":
    case "IMAGE_PROHIBITED_CONTENT":
    case "IMAGE_RECITATION":
      return filtered("a generated image was blocked");
    case "MALFORMED_FUNCTION_CALL":
      return ended(hasToolCalls, "the model produced a malformed function call, which was discarded");
    case "UNEXPECTED_TOOL_CALL":
      return ended(hasToolCalls, "the model called a tool that was not enabled");
    case "TOO_MANY_TOOL_CALLS":
      return ended(hasToolCalls, "the model made too many tool calls in a row");
    case "MISSING_THOUGHT_SIGNATURE":
      return ended(hasToolCalls, "a function call in the history lacked its thought signature (send tool-call ids back unchanged)");
    case "IMAGE_OTHER":
    case "NO_IMAGE":
      return ended(hasToolCalls, "no image could be generated");
    case "OTHER":
    case "FINISH_REASON_UNSPECIFIED":
      return ended(hasToolCalls, "Gemini gave no specific reason");
    default: {
      const exhaustive: never = reason;
      return ended(hasToolCalls, `unknown finish reason ${String(exhaustive)}`);
    }
  }
}

function filtered(note: string): MappedFinish {
  return { finishReason: "content_filter", note };
}

/** No OpenAI value says "stopped abnormally": `stop` (or `tool_calls`) plus an explaining warning. */
function ended(hasToolCalls: boolean, note: string): MappedFinish {
  return { finishReason: hasToolCalls ? "tool_calls" : "stop", note };
}

/** Why Gemini refused the prompt itself (promptFeedback.blockReason), for the warning. */
export function describeBlockReason(reason: GeminiBlockReason): string {
  switch (reason) {
    case "SAFETY":
      return "safety filter";
    case "OTHER":
      return "unspecified reason";
    case "BLOCKLIST":
      return "blocklisted term";
    case "PROHIBITED_CONTENT":
      return "prohibited content";
    case "IMAGE_SAFETY":
      return "unsafe image";
    case "BLOCK_REASON_UNSPECIFIED":
      return "unspecified reason";
    default: {
      const exhaustive: never = reason;
      return `unknown reason ${String(exhaustive)}`;
    }
  }
}
