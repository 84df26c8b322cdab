// Starter written by npm run generate because src/providers/vertex/ did not exist. It is yours to edit: the generator never writes here again.
import type { VertexChatRequest, VertexChatResponse, VertexStreamEvent, VertexTranslator } from "../../../generated/providers/vertex/index.js";
import type { ChatCompletion } from "../../types.js";
import type { NativeStreamTranslator, TranslateContext, UnifiedRequest } from "../contract.js";

/** Translates between the unified chat API and vertex's native one. */
export class VertexChatTranslator implements VertexTranslator {
  toNativeRequest(request: UnifiedRequest, context: TranslateContext): VertexChatRequest {
    throw new Error("vertex translator: not implemented");
  }

  fromNativeResponse(response: VertexChatResponse, context: TranslateContext): ChatCompletion {
    throw new Error("vertex translator: not implemented");
  }

  createStreamTranslator(context: TranslateContext, includeUsage: boolean): NativeStreamTranslator<VertexStreamEvent> {
    throw new Error("vertex translator: not implemented");
  }
}
