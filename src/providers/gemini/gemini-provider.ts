// The Gemini provider's implementation (loaded on first use; index.ts is what the registry holds):
// Google AI's v1beta, the key only in the x-goog-api-key header, never in the URL.
// createGeminiProvider serves the same translator on another host (Vertex AI), given its ProviderHost.
import { InvalidRequestError } from "../../errors.js";
import { createGeminiClient, type GeminiClient } from "../../../generated/providers/gemini/client.gen.js";
import type { GeminiChatRequest, GeminiChatResponse } from "../../../generated/providers/gemini/translator.gen.js";
import type { ChatCompletion } from "../../types.js";
import type { PreparedRequest, Provider, ProviderCallContext, ProviderHost, SendInit, StreamTranslator, UnifiedRequest } from "../contract.js";
import { hostIdentity } from "../provider-host.js";
import { errorFromGeminiBody } from "./gemini-error.js";
import { expectCandidates } from "./gemini-candidate.js";
import { downloadRemoteMedia } from "../remote-media.js";
import { mergeProviderOptions } from "./gemini-request.js";
import { GeminiSSETranslator } from "./gemini-stream.js";
import { GeminiTranslatorImpl } from "./gemini-translator.js";
import { GEMINI_CAPABILITIES, GOOGLE_AI_HOST } from "./index.js";
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

/** Google AI's Gemini API: the key in x-goog-api-key, the model under /v1beta/models/. */
const googleAIHost: ProviderHost<GeminiChatRequest> = {
  ...GOOGLE_AI_HOST,
  headers(call: ProviderCallContext): Record<string, string> {
    return call.settings.apiKey ? { "x-goog-api-key": call.settings.apiKey } : {};
  },
  shapeBody(body: GeminiChatRequest): GeminiChatRequest {
    return body;
  },
  send(body: unknown, stream: boolean, call: ProviderCallContext, init: SendInit): Promise<Response> {
    const client = clientFor(call.settings.baseURL);
    const options = { headers: init.headers, signal: init.signal, fetch: init.fetch, path: { model: modelPath(call.translate.model) } };
    const native = body as GeminiChatRequest;
    return stream ? client.chatStream(native, options) : client.chat(native, options);
  },
};

/** The Gemini provider on `host`: translation here, endpoint and auth there. */
export function createGeminiProvider(host: ProviderHost<GeminiChatRequest>): Provider {
  return {
    ...hostIdentity(host),
    capabilities: GEMINI_CAPABILITIES,

    async prepare(request: UnifiedRequest, call: ProviderCallContext): Promise<PreparedRequest> {
      const model = modelPath(call.translate.model);
      if (model.includes("/")) {
        // The spec's only chat paths end in models/{model}:...; a slash would be percent-encoded
        // into a model that does not exist (tuned models live under tunedModels/).
        throw new InvalidRequestError(
          `Gemini model "${call.translate.model}" contains a "/": onellm reaches models/{model} only (tuned models under tunedModels/ are not supported yet). Write "${host.name}/gemini-2.5-flash" or "${host.name}/models/gemini-2.5-flash".`,
          "model",
        );
      }
      host.check?.(call);
      const media = await downloadRemoteMedia(request, call, { provider: host.name, label: "Gemini" });
      const native = mergeProviderOptions(new GeminiTranslatorImpl(media).toNativeRequest(request, call.translate), call.providerOptions);
      // What the answer may hold: candidate indexes are checked against it, and a stream ends once
      // that many candidates have finished.
      expectCandidates(call.translate, native.generationConfig?.candidateCount);
      const body = host.shapeBody(native, call);
      return { body, headers: { ...call.settings.headers, ...host.headers(call) }, stream: request.stream === true };
    },

    send(prepared: PreparedRequest, call: ProviderCallContext, init: SendInit): Promise<Response> {
      return host.send(prepared.body, prepared.stream, call, { ...init, headers: { ...prepared.headers, ...init.headers } });
    },

    parseResponse(body: unknown, call: ProviderCallContext): ChatCompletion {
      return responses.fromNativeResponse(body as GeminiChatResponse, call.translate);
    },

    createStreamTranslator(call: ProviderCallContext, includeUsage: boolean): StreamTranslator {
      return new GeminiSSETranslator(responses.createStreamTranslator(call.translate, includeUsage), call.translate);
    },

    parseError(status: number, body: string, headers: Headers, model: string) {
      return errorFromGeminiBody(status, body, headers, host.name, model);
    },
  };
}

export const geminiImplementation: Provider = createGeminiProvider(googleAIHost);
