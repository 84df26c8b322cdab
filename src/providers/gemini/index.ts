// Google Gemini (generativelanguage.googleapis.com, v1beta): `google/<model>` or `gemini/<model>`.
// The key travels only in the x-goog-api-key header, never in the URL.
import { InvalidRequestError } from "../../errors.js";
import { createGeminiClient, type GeminiClient } from "../../../generated/providers/gemini/client.gen.js";
import type { GeminiChatRequest, GeminiChatResponse } from "../../../generated/providers/gemini/translator.gen.js";
import type { ChatCompletion } from "../../types.js";
import type { PreparedRequest, Provider, ProviderCallContext, SendInit, StreamTranslator, UnifiedRequest } from "../contract.js";
import { errorFromGeminiBody } from "./gemini-error.js";
import { expectCandidates } from "./gemini-candidate.js";
import { downloadRemoteMedia, mediaBudget, mediaDownloadOptions } from "./gemini-media.js";
import { mergeProviderOptions } from "./gemini-request.js";
import { GeminiSSETranslator } from "./gemini-stream.js";
import { GeminiTranslatorImpl } from "./gemini-translator.js";

const NAME = "google";
const responses = new GeminiTranslatorImpl();
const clients = new Map<string, GeminiClient>();

function clientFor(baseURL: string): GeminiClient {
  let client = clients.get(baseURL);
  if (client === undefined) {
    client = createGeminiClient(baseURL);
    clients.set(baseURL, client);
  }
  return client;
}

/** `models/gemini-2.5-flash` and `gemini-2.5-flash` name the same model; the path adds `models/`. */
function modelPath(model: string): string {
  return model.startsWith("models/") ? model.slice("models/".length) : model;
}

export const geminiProvider: Provider = {
  name: NAME,
  aliases: ["gemini"],
  envPrefixes: ["GEMINI", "GOOGLE"],
  defaultBaseURL: "https://generativelanguage.googleapis.com",
  requiresApiKey: true,
  capabilities: { nativeN: true },

  async prepare(request: UnifiedRequest, call: ProviderCallContext): Promise<PreparedRequest> {
    const model = modelPath(call.translate.model);
    if (model.includes("/")) {
      // The spec's only chat paths are /v1beta/models/{model}:...; a slash would be percent-encoded
      // into a model that does not exist (tuned models live under /v1beta/tunedModels/).
      throw new InvalidRequestError(
        `Gemini model "${call.translate.model}" contains a "/": onellm reaches models/{model} only (tuned models under tunedModels/ are not supported yet). Write "google/gemini-2.5-flash" or "google/models/gemini-2.5-flash".`,
        "model",
      );
    }
    const media = await downloadRemoteMedia(request, mediaDownloadOptions(call.settings.extra, NAME), call.media, mediaBudget(call.settings.extra, NAME));
    const native = new GeminiTranslatorImpl(media).toNativeRequest(request, call.translate);
    const body = mergeProviderOptions(native, call.providerOptions);
    // What the answer may hold: candidate indexes are checked against it, and a stream ends once
    // that many candidates have finished.
    expectCandidates(call.translate, body.generationConfig?.candidateCount);
    const headers: Record<string, string> = { ...call.settings.headers };
    if (call.settings.apiKey) headers["x-goog-api-key"] = call.settings.apiKey;
    return { body, headers, stream: request.stream === true };
  },

  send(prepared: PreparedRequest, call: ProviderCallContext, init: SendInit): Promise<Response> {
    const client = clientFor(call.settings.baseURL);
    const options = {
      headers: { ...prepared.headers, ...init.headers },
      signal: init.signal,
      fetch: init.fetch,
      path: { model: modelPath(call.translate.model) },
    };
    const body = prepared.body as GeminiChatRequest;
    return prepared.stream ? client.chatStream(body, options) : client.chat(body, options);
  },

  parseResponse(body: unknown, call: ProviderCallContext): ChatCompletion {
    return responses.fromNativeResponse(body as GeminiChatResponse, call.translate);
  },

  createStreamTranslator(call: ProviderCallContext, includeUsage: boolean): StreamTranslator {
    return new GeminiSSETranslator(responses.createStreamTranslator(call.translate, includeUsage), call.translate);
  },

  parseError(status: number, body: string, headers: Headers, model: string) {
    return errorFromGeminiBody(status, body, headers, NAME, model);
  },
};
