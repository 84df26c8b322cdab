// The generated GeminiTranslator interface, implemented. Remote media is downloaded before
// translation (see gemini-media.ts), so one instance per request carries what was downloaded.
import type {
  GeminiChatRequest,
  GeminiChatResponse,
  GeminiStreamEvent,
  GeminiTranslator,
} from "../../../generated/providers/gemini/translator.gen.js";
import type { ChatCompletion } from "../../types.js";
import type { NativeStreamTranslator, TranslateContext, UnifiedRequest } from "../contract.js";
import { NO_MEDIA, type MediaMap } from "./gemini-media.js";
import { buildRequest } from "./gemini-request.js";
import { translateResponse } from "./gemini-response.js";
import { GeminiStreamTranslator } from "./gemini-stream.js";

export class GeminiTranslatorImpl implements GeminiTranslator {
  /** @param media the request's http(s) media, already downloaded, by URL. */
  constructor(private readonly media: MediaMap = NO_MEDIA) {}

  toNativeRequest(request: UnifiedRequest, context: TranslateContext): GeminiChatRequest {
    return buildRequest(request, context, this.media);
  }

  fromNativeResponse(response: GeminiChatResponse, context: TranslateContext): ChatCompletion {
    return translateResponse(response, context);
  }

  createStreamTranslator(context: TranslateContext, includeUsage: boolean): NativeStreamTranslator<GeminiStreamEvent> {
    return new GeminiStreamTranslator(context, includeUsage);
  }
}
