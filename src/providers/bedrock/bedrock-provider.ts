// Amazon Bedrock's implementation (loaded on first use; index.ts is what the registry holds), through
// the Converse API at `${baseURL}/model/{modelId}/converse` and `/converse-stream`. Auth: a Bedrock
// API key as a bearer token, or AWS credentials signing each request with SigV4 (bedrock-auth.ts).
// Streams are AWS event streams, decoded by core/event-stream.ts.
import { createBedrockClient, type BedrockClient } from "../../../generated/providers/bedrock/client.gen.js";
import { APIError } from "../../errors.js";
import type { ChatCompletion } from "../../types.js";
import type { PreparedRequest, Provider, ProviderCallContext, SendInit, StreamTranslator, UnifiedRequest } from "../contract.js";
import { authenticatedFetch, resolveAuth } from "./bedrock-auth.js";
import { errorFromBedrockResponse } from "./bedrock-error.js";
import { downloadImages } from "./bedrock-media.js";
import type { BedrockChatRequest, BedrockChatResponse } from "./bedrock-schema.js";
import { BedrockEventStreamTranslator } from "./bedrock-stream.js";
import { BedrockChatTranslator } from "./bedrock-translator.js";
import { BEDROCK_IDENTITY } from "./index.js";

const EVENT_STREAM = "application/vnd.amazon.eventstream";
const responses = new BedrockChatTranslator();
const clients = new Map<string, BedrockClient>();

function clientFor(baseURL: string): BedrockClient {
  let client = clients.get(baseURL);
  if (client === undefined) {
    client = createBedrockClient(baseURL);
    clients.set(baseURL, client);
  }
  return client;
}

function isConverseResponse(body: unknown): body is BedrockChatResponse {
  if (typeof body !== "object" || body === null) return false;
  const { output, stopReason, usage } = body as Record<string, unknown>;
  return typeof output === "object" && output !== null && typeof stopReason === "string" && typeof usage === "object" && usage !== null;
}

export const bedrockImplementation: Provider = {
  ...BEDROCK_IDENTITY,

  async prepare(request: UnifiedRequest, call: ProviderCallContext): Promise<PreparedRequest> {
    // Before any download: a target without credentials is skipped at once.
    resolveAuth(call.settings);
    const images = await downloadImages(request, call);
    const native = new BedrockChatTranslator(images).toNativeRequest(request, call.translate);
    // provider_options.bedrock (guardrailConfig, additionalModelRequestFields, performanceConfig, ...) goes in last.
    const body = call.providerOptions === undefined ? native : { ...native, ...call.providerOptions };
    return { body, headers: { "content-type": "application/json", ...call.settings.headers }, stream: request.stream === true };
  },

  send(prepared: PreparedRequest, call: ProviderCallContext, init: SendInit): Promise<Response> {
    const client = clientFor(call.settings.baseURL);
    const options = {
      headers: prepared.stream ? { ...prepared.headers, ...init.headers, accept: EVENT_STREAM } : { ...prepared.headers, ...init.headers },
      signal: init.signal,
      fetch: authenticatedFetch(init.fetch, resolveAuth(call.settings)),
      path: { modelId: call.translate.model },
    };
    const body = prepared.body as BedrockChatRequest;
    return prepared.stream ? client.chatStream(body, options) : client.chat(body, options);
  },

  parseResponse(body: unknown, call: ProviderCallContext): ChatCompletion {
    if (!isConverseResponse(body)) {
      throw new APIError("Bedrock answered 2xx with a body that is not a Converse response", {
        provider: "bedrock",
        model: call.translate.model,
        body: JSON.stringify(body),
        retryable: true,
      });
    }
    return responses.fromNativeResponse(body, call.translate);
  },

  createStreamTranslator(call: ProviderCallContext, includeUsage: boolean): StreamTranslator<unknown> {
    return new BedrockEventStreamTranslator(responses.createStreamTranslator(call.translate, includeUsage), call.translate.model);
  },

  parseError(status: number, body: string, headers: Headers, model: string): APIError {
    return errorFromBedrockResponse(status, body, headers, model);
  },
};
