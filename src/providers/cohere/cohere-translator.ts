// Starter written by npm run generate because src/providers/cohere/ did not exist. It is yours to edit: the generator never writes here again.
import type { CohereChatRequest, CohereChatResponse, CohereStreamEvent, CohereTranslator } from "../../../generated/providers/cohere/index.js";
import type { ChatCompletion } from "../../types.js";
import type { NativeStreamTranslator, TranslateContext, UnifiedRequest } from "../contract.js";

/** Translates between the unified chat API and cohere's native one. */
export class CohereChatTranslator implements CohereTranslator {
  toNativeRequest(request: UnifiedRequest, context: TranslateContext): CohereChatRequest {
    throw new Error("cohere translator: not implemented");
  }

  fromNativeResponse(response: CohereChatResponse, context: TranslateContext): ChatCompletion {
    throw new Error("cohere translator: not implemented");
  }

  createStreamTranslator(context: TranslateContext, includeUsage: boolean): NativeStreamTranslator<CohereStreamEvent> {
    throw new Error("cohere translator: not implemented");
  }
}
