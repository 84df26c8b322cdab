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
      // A reason newer than the Smithy model: the `never` check makes a newly listed one a compile
      // error; at run time a good answer must not become a malformed one (the raw value stays in
      // onellm.native_finish_reasons), as Anthropic's and Gemini's unlisted reasons do not.
      const unlisted: never = reason;
      void unlisted;
      return "stop";
    }
  }
}
