// Ollama natively: `ollama/<model>` on /api/chat (spec/providers/ollama.yaml), default
// http://127.0.0.1:11434, no key (a key, for ollama.com's hosted API, is sent as a bearer token).
// Streams are NDJSON. Ollama's OpenAI-compatible /v1 is the separate `ollama-openai/` dialect.
import { createOllamaClient, type OllamaClient } from "../../../generated/providers/ollama/client.gen.js";
import type { OllamaChatRequest, OllamaChatResponse } from "../../../generated/providers/ollama/translator.gen.js";
import type { ChatCompletion } from "../../types.js";
import type { StreamTranslator, PreparedRequest, Provider, ProviderCallContext, SendInit, UnifiedRequest } from "../contract.js";
import { errorFromOllamaBody } from "./ollama-error.js";
import { downloadImages } from "./ollama-media.js";
import { mergeProviderOptions } from "./ollama-request.js";
import { OllamaNDJSONTranslator, OllamaStreamTranslator } from "./ollama-stream.js";
import { OllamaTranslatorImpl } from "./ollama-translator.js";
import { OLLAMA_IDENTITY } from "./index.js";

const responses = new OllamaTranslatorImpl();
const clients = new Map<string, OllamaClient>();

function clientFor(baseURL: string): OllamaClient {
  let client = clients.get(baseURL);
  if (client === undefined) {
    client = createOllamaClient(baseURL);
    clients.set(baseURL, client);
  }
  return client;
}

/** `http://host:11434/v1` is the same server's OpenAI-compatible base URL (as the openai SDK is set up for it). */
function nativeBaseURL(baseURL: string): string {
  return baseURL.endsWith("/v1") ? baseURL.slice(0, -"/v1".length) : baseURL;
}

export const ollamaImplementation: Provider = {
  ...OLLAMA_IDENTITY,

  async prepare(request: UnifiedRequest, call: ProviderCallContext): Promise<PreparedRequest> {
    const images = await downloadImages(request, call);
    const native = new OllamaTranslatorImpl(images).toNativeRequest(request, call.translate);
    const body = mergeProviderOptions(native, call.providerOptions);
    const headers: Record<string, string> = { ...call.settings.headers };
    if (call.settings.apiKey) headers["Authorization"] = `Bearer ${call.settings.apiKey}`;
    return { body, headers, stream: request.stream === true };
  },

  send(prepared: PreparedRequest, call: ProviderCallContext, init: SendInit): Promise<Response> {
    // Ollama streams NDJSON, not SSE.
    const headers = prepared.stream ? { ...prepared.headers, ...init.headers, accept: "application/x-ndjson" } : { ...prepared.headers, ...init.headers };
    return clientFor(nativeBaseURL(call.settings.baseURL)).chat(prepared.body as OllamaChatRequest, { headers, signal: init.signal, fetch: init.fetch });
  },

  parseResponse(body: unknown, call: ProviderCallContext): ChatCompletion {
    const fields = body as { error?: unknown; message?: unknown };
    if (typeof fields.error === "string") throw errorFromOllamaBody(undefined, JSON.stringify(body), undefined, call.translate.model);
    if (typeof fields.message !== "object" || fields.message === null) throw new TypeError("no `message` in the answer");
    return responses.fromNativeResponse(body as OllamaChatResponse, call.translate);
  },

  createStreamTranslator(call: ProviderCallContext, includeUsage: boolean): StreamTranslator<unknown> {
    return new OllamaNDJSONTranslator(responses.createStreamTranslator(call.translate, includeUsage) as OllamaStreamTranslator);
  },

  parseError(status: number, body: string, headers: Headers, model: string) {
    return errorFromOllamaBody(status, body, headers, model);
  },
};
