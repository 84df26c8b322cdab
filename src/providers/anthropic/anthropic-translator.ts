// The generated translator interface, implemented: a spec change breaks this class at compile time.
import type { AnthropicTranslator } from "../../../generated/providers/anthropic/translator.gen.js";
import type { ChatCompletion } from "../../types.js";
import type { NativeStreamTranslator, TranslateContext, UnifiedRequest } from "../contract.js";
import { toAnthropicRequest } from "./anthropic-request.js";
import { toChatCompletion } from "./anthropic-response.js";
import type { AnthropicChatRequest, AnthropicChatResponse, AnthropicStreamEvent } from "./anthropic-schema.js";
import { AnthropicStreamTranslator } from "./anthropic-stream.js";

export class AnthropicChatTranslator implements AnthropicTranslator {
  toNativeRequest(request: UnifiedRequest, context: TranslateContext): AnthropicChatRequest {
    return toAnthropicRequest(request, context);
  }

  fromNativeResponse(response: AnthropicChatResponse, context: TranslateContext): ChatCompletion {
    return toChatCompletion(response, context);
  }

  createStreamTranslator(context: TranslateContext, includeUsage: boolean): NativeStreamTranslator<AnthropicStreamEvent> {
    return new AnthropicStreamTranslator(context, includeUsage);
  }
}
