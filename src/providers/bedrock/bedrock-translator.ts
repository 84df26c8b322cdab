// The generated translator interface, implemented: a change in AWS's model breaks this class at
// compile time. Remote images are downloaded before translation (bedrock-media.ts), so one
// instance per request carries them.
import type { BedrockTranslator } from "../../../generated/providers/bedrock/translator.gen.js";
import type { ChatCompletion } from "../../types.js";
import type { NativeStreamTranslator, TranslateContext, UnifiedRequest } from "../contract.js";
import type { DownloadedImages } from "./bedrock-media.js";
import { toBedrockRequest } from "./bedrock-request.js";
import { toChatCompletion } from "./bedrock-response.js";
import type { BedrockChatRequest, BedrockChatResponse, BedrockStreamEvent } from "./bedrock-schema.js";
import { BedrockStreamTranslator } from "./bedrock-stream.js";

const NO_IMAGES: DownloadedImages = new Map();

export class BedrockChatTranslator implements BedrockTranslator {
  constructor(private readonly images: DownloadedImages = NO_IMAGES) {}

  toNativeRequest(request: UnifiedRequest, context: TranslateContext): BedrockChatRequest {
    return toBedrockRequest(request, this.images, context);
  }

  fromNativeResponse(response: BedrockChatResponse, context: TranslateContext): ChatCompletion {
    return toChatCompletion(response, context);
  }

  createStreamTranslator(context: TranslateContext, includeUsage: boolean): NativeStreamTranslator<BedrockStreamEvent> {
    return new BedrockStreamTranslator(context, includeUsage);
  }
}
