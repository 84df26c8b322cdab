// The generated translator interface, implemented: a spec change breaks this class at compile time.
import type { CohereTranslator } from "../../../generated/providers/cohere/translator.gen.js";
import type { ChatCompletion } from "../../types.js";
import type { NativeStreamTranslator, TranslateContext, UnifiedRequest } from "../contract.js";
import { toCohereRequest } from "./cohere-request.js";
import { toChatCompletion } from "./cohere-response.js";
import type { CohereChatRequest, CohereChatResponse, CohereStreamEvent } from "./cohere-schema.js";
import { CohereStreamTranslator } from "./cohere-stream.js";

export class CohereChatTranslator implements CohereTranslator {
  toNativeRequest(request: UnifiedRequest, context: TranslateContext): CohereChatRequest {
    return toCohereRequest(request, context);
  }

  fromNativeResponse(response: CohereChatResponse, context: TranslateContext): ChatCompletion {
    return toChatCompletion(response, context);
  }

  createStreamTranslator(context: TranslateContext, includeUsage: boolean): NativeStreamTranslator<CohereStreamEvent> {
    return new CohereStreamTranslator(context, includeUsage);
  }
}
