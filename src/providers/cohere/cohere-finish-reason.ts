// Cohere's finish_reason -> OpenAI's. An exhaustive switch over the spec's enum: a reason added
// upstream is a compile error here.
import { APIError } from "../../errors.js";
import type { FinishReason, TranslateContext } from "../contract.js";
import type { CohereFinishReason } from "./cohere-schema.js";

export function mapFinishReason(reason: CohereFinishReason, hasToolCalls: boolean, context: TranslateContext): FinishReason {
  context.extras["native_finish_reasons"] = [reason];
  switch (reason) {
    case "COMPLETE":
    case "STOP_SEQUENCE":
      return hasToolCalls ? "tool_calls" : "stop";
    case "TOOL_CALL":
      return "tool_calls";
    case "MAX_TOKENS":
      return "length";
    case "TIMEOUT":
      // The answer was cut by Cohere's time limit: what came is kept, as with a token limit.
      context.warnings.push("Cohere stopped the generation at its time limit (finish_reason TIMEOUT); the answer is truncated.");
      return "length";
    case "ERROR":
      throw generationFailed(context.model, undefined);
    default: {
      const unlisted: never = reason;
      throw new Error(`unknown Cohere finish_reason ${String(unlisted)}`);
    }
  }
}

/** finish_reason ERROR (or message-end with an error): a server-side failure, retryable before output. */
export function generationFailed(model: string, detail: string | undefined): APIError {
  const message = `Cohere's generation failed${detail ? `: ${detail}` : ""} (finish_reason ERROR)`;
  return APIError.fromResponse(500, JSON.stringify({ message }), undefined, "cohere", { model, message });
}
