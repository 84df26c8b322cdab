// Cohere's v2 chat API at `${baseURL}/v2/chat` (baseURL https://api.cohere.com), bearer auth with
// COHERE_API_KEY (or CO_API_KEY, the name Cohere's own SDKs read). Translation lives in the
// cohere-*.ts files beside this one.
import { createCohereClient, type CohereClient } from "../../../generated/providers/cohere/client.gen.js";
import { APIError } from "../../errors.js";
import type { ChatCompletion } from "../../types.js";
import type { PreparedRequest, Provider, ProviderCallContext, SendInit, StreamTranslator, UnifiedRequest } from "../contract.js";
import { errorFromCohereBody } from "./cohere-error.js";
import type { CohereChatRequest, CohereChatResponse } from "./cohere-schema.js";
import { CohereSSETranslator } from "./cohere-stream.js";
import { CohereChatTranslator } from "./cohere-translator.js";
import { COHERE_IDENTITY } from "./index.js";

const translator = new CohereChatTranslator();
const clients = new Map<string, CohereClient>();

function clientFor(baseURL: string): CohereClient {
  let client = clients.get(baseURL);
  if (client === undefined) {
    client = createCohereClient(baseURL);
    clients.set(baseURL, client);
  }
  return client;
}

function isChatResponse(body: unknown): body is CohereChatResponse {
  if (typeof body !== "object" || body === null) return false;
  const { message, finish_reason: finishReason } = body as { message?: unknown; finish_reason?: unknown };
  return typeof finishReason === "string" && typeof message === "object" && message !== null;
}

export const cohereImplementation: Provider = {
  ...COHERE_IDENTITY,

  prepare(request: UnifiedRequest, call: ProviderCallContext): PreparedRequest {
    const native = translator.toNativeRequest(request, call.translate);
    // provider_options.cohere (documents, citation_options, thinking, safety_mode, ...) goes in last.
    const body = call.providerOptions === undefined ? native : { ...native, ...call.providerOptions };
    const headers: Record<string, string> = { "content-type": "application/json", ...call.settings.headers };
    if (call.settings.apiKey) headers["authorization"] = `Bearer ${call.settings.apiKey}`;
    return { body, headers, stream: request.stream === true };
  },

  send(prepared: PreparedRequest, call: ProviderCallContext, init: SendInit): Promise<Response> {
    return clientFor(call.settings.baseURL).chat(prepared.body as CohereChatRequest, {
      headers: { ...prepared.headers, ...init.headers },
      signal: init.signal,
      fetch: init.fetch,
    });
  },

  parseResponse(body: unknown, call: ProviderCallContext): ChatCompletion {
    if (!isChatResponse(body)) {
      throw new APIError("Cohere answered 2xx with a body that is not a chat response", {
        provider: "cohere",
        model: call.translate.model,
        body: JSON.stringify(body),
        retryable: true,
      });
    }
    return translator.fromNativeResponse(body, call.translate);
  },

  createStreamTranslator(call: ProviderCallContext, includeUsage: boolean): StreamTranslator {
    return new CohereSSETranslator(translator.createStreamTranslator(call.translate, includeUsage), call.translate.model);
  },

  parseError(status: number, body: string, headers: Headers, model: string): APIError {
    return errorFromCohereBody(status, body, headers, model);
  },
};
