// The OpenAI dialect: the unified request already is the native request. Fields a dialect lacks
// go through the unsupported policy; everything else, including fields OpenAI adds later, passes.
import type { ChatCompletion } from "../../types.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import type {
  OpenaiChatRequest,
  OpenaiChatResponse,
  OpenaiStreamEvent,
  OpenaiTranslator,
} from "../../../generated/providers/openai/translator.gen.js";
import type { NativeStreamTranslator } from "../contract.js";
import { OpenAIDialectStreamTranslator } from "./openai-compatible-stream.js";

export interface DialectLimits {
  /** Top-level request fields this provider rejects. */
  unsupportedFields: readonly string[];
  /** Whether `messages[].name` is rejected. */
  rejectsMessageName: boolean;
}

export class OpenAIDialectTranslator implements OpenaiTranslator {
  constructor(private readonly limits: DialectLimits) {}

  toNativeRequest(request: UnifiedRequest, context: TranslateContext): OpenaiChatRequest {
    const native: Record<string, unknown> = { ...request, model: context.model };
    for (const field of this.limits.unsupportedFields) {
      if (native[field] !== undefined && native[field] !== null) {
        context.unsupported(field);
        delete native[field];
      }
    }
    if (this.limits.rejectsMessageName && request.messages.some((message) => "name" in message && message.name !== undefined)) {
      context.unsupported("messages[].name");
      native["messages"] = request.messages.map((message) => {
        if (!("name" in message)) return message;
        const { name: _dropped, ...rest } = message;
        return rest;
      });
    }
    return native as unknown as OpenaiChatRequest;
  }

  fromNativeResponse(response: OpenaiChatResponse, _context: TranslateContext): ChatCompletion {
    return response as unknown as ChatCompletion;
  }

  createStreamTranslator(context: TranslateContext, _includeUsage: boolean): NativeStreamTranslator<OpenaiStreamEvent> {
    return new OpenAIDialectStreamTranslator(context.provider, context.model) as unknown as NativeStreamTranslator<OpenaiStreamEvent>;
  }
}
