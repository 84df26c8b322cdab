// Ollama's done_reason -> OpenAI's finish_reason. The values are Ollama's (server/routes.go and
// docs/api): "stop" (a natural end or a stop sequence), "length" (num_predict), and "load"/"unload"
// for a request that only loaded or unloaded a model (no messages, so no answer to finish).
import type { FinishReason } from "../../types.js";

type OpenAIFinishReason = NonNullable<FinishReason>;

export function mapOllamaFinishReason(doneReason: string | undefined, hasToolCalls: boolean): OpenAIFinishReason {
  // Ollama ends a turn that called tools with "stop"; OpenAI's callers look for "tool_calls".
  if (hasToolCalls) return "tool_calls";
  switch (doneReason) {
    case "length":
      return "length";
    case "stop":
    case "load":
    case "unload":
    case undefined:
      return "stop";
    default:
      // A reason Ollama did not have when this was written: the answer did end.
      return "stop";
  }
}
