// The generated OllamaTranslator interface, implemented. Remote images are downloaded before
// translation (see ollama-media.ts), so one instance per request carries them.
import type {
  OllamaChatRequest,
  OllamaChatResponse,
  OllamaStreamEvent,
  OllamaTranslator,
} from "../../../generated/providers/ollama/translator.gen.js";
import type { ChatCompletion } from "../../types.js";
import type { NativeStreamTranslator, TranslateContext, UnifiedRequest } from "../contract.js";
import { NO_IMAGES, type ImageMap } from "./ollama-media.js";
import { buildRequest } from "./ollama-request.js";
import { translateResponse } from "./ollama-response.js";
import { OllamaStreamTranslator } from "./ollama-stream.js";

export class OllamaTranslatorImpl implements OllamaTranslator {
  /** @param images the request's http(s) images, already downloaded, by URL (base64). */
  constructor(private readonly images: ImageMap = NO_IMAGES) {}

  toNativeRequest(request: UnifiedRequest, context: TranslateContext): OllamaChatRequest {
    return buildRequest(request, context, this.images);
  }

  fromNativeResponse(response: OllamaChatResponse, context: TranslateContext): ChatCompletion {
    return translateResponse(response, context);
  }

  createStreamTranslator(context: TranslateContext, includeUsage: boolean): NativeStreamTranslator<OllamaStreamEvent> {
    return new OllamaStreamTranslator(context, includeUsage);
  }
}
