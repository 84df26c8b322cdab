// Converse's stopReason -> OpenAI's finish_reason. An exhaustive switch over the Smithy model's enum:
// a reason added upstream is a compile error here.
import type { FinishReason } from "../contract.js";
import type { BedrockStopReason } from "./bedrock-schema.js";

export function mapStopReason(reason: BedrockStopReason, options: { jsonAnswerOnly: boolean }): FinishReason {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "tool_use":
      // The forced JSON-mode tool is the answer, not a call for the caller to run.
      return options.jsonAnswerOnly ? "stop" : "tool_calls";
    case "max_tokens":
      return "length";
    case "guardrail_intervened":
    case "content_filtered":
      return "content_filter";
    default: {
      const unlisted: never = reason;
      throw new Error(`unknown Bedrock stopReason ${String(unlisted)}`);
    }
  }
}
