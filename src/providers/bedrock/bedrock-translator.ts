// Starter written by npm run generate because src/providers/bedrock/ did not exist. It is yours to edit: the generator never writes here again.
import type { BedrockChatRequest, BedrockChatResponse, BedrockStreamEvent, BedrockTranslator } from "../../../generated/providers/bedrock/index.js";
import type { ChatCompletion } from "../../types.js";
import type { NativeStreamTranslator, TranslateContext, UnifiedRequest } from "../contract.js";

/** Translates between the unified chat API and bedrock's native one. */
export class BedrockChatTranslator implements BedrockTranslator {
  toNativeRequest(request: UnifiedRequest, context: TranslateContext): BedrockChatRequest {
    throw new Error("bedrock translator: not implemented");
  }

  fromNativeResponse(response: BedrockChatResponse, context: TranslateContext): ChatCompletion {
    throw new Error("bedrock translator: not implemented");
  }

  createStreamTranslator(context: TranslateContext, includeUsage: boolean): NativeStreamTranslator<BedrockStreamEvent> {
    throw new Error("bedrock translator: not implemented");
  }
}
