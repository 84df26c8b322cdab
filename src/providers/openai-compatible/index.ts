// One adapter for every OpenAI-dialect provider, configured per provider.
import { createOpenaiClient } from "../../../generated/providers/openai/client.gen.js";
import type { OpenaiChatRequest, OpenaiChatResponse } from "../../../generated/providers/openai/translator.gen.js";
import type { ChatCompletion } from "../../types.js";
import type { Provider, ProviderCallContext, SendInit, StreamTranslator, PreparedRequest, UnifiedRequest } from "../contract.js";
import { OutgoingRequest } from "../../core/outgoing-request.js";
import { APIError } from "../../errors.js";
import { errorFromOpenAIBody } from "./openai-compatible-error.js";
import { OpenAIDialectSSETranslator } from "./openai-compatible-stream.js";
import { OpenAIDialectTranslator, type DialectLimits } from "./openai-compatible-translator.js";

export interface OpenAIDialectConfig {
  name: string;
  aliases?: readonly string[];
  envPrefixes: readonly string[];
  defaultBaseURL: string;
  /** Whether the provider honours n > 1 itself (else the router emulates it). */
  nativeN: boolean;
  requiresApiKey?: boolean;
  limits?: Partial<DialectLimits>;
}

/** `defaultQuery` (as in `openai`): parameters added to the request URL; undefined values are skipped. */
function withQuery(fetch: SendInit["fetch"], query: Readonly<Record<string, string | undefined>>): SendInit["fetch"] {
  return (request) => {
    const url = new URL(request.url);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
    const next = request instanceof OutgoingRequest ? new OutgoingRequest(url.href, request.init) : new Request(url.href, request);
    return fetch(next as Request);
  };
}

export function createOpenAIDialectProvider(config: OpenAIDialectConfig): Provider {
  const translator = new OpenAIDialectTranslator({
    unsupportedFields: config.limits?.unsupportedFields ?? [],
    rejectsMessageName: config.limits?.rejectsMessageName ?? false,
    acceptedFields: config.limits?.acceptedFields,
    renamedFields: config.limits?.renamedFields,
  });
  const clients = new Map<string, ReturnType<typeof createOpenaiClient>>();
  const clientFor = (baseURL: string) => {
    let client = clients.get(baseURL);
    if (!client) {
      client = createOpenaiClient(baseURL);
      clients.set(baseURL, client);
    }
    return client;
  };

  return {
    name: config.name,
    aliases: config.aliases ?? [],
    envPrefixes: config.envPrefixes,
    defaultBaseURL: config.defaultBaseURL,
    requiresApiKey: config.requiresApiKey ?? true,
    capabilities: { nativeN: config.nativeN },

    prepare(request: UnifiedRequest, call: ProviderCallContext): PreparedRequest {
      let body: Record<string, unknown> = translator.toNativeRequest(request, call.translate) as unknown as Record<string, unknown>;
      if (call.providerOptions) body = { ...body, ...call.providerOptions };
      const headers: Record<string, string> = { ...call.settings.headers };
      if (call.settings.apiKey) headers["Authorization"] = `Bearer ${call.settings.apiKey}`;
      return { body, headers, stream: request.stream === true };
    },

    send(prepared: PreparedRequest, call: ProviderCallContext, init: SendInit): Promise<Response> {
      const query = call.settings.extra["defaultQuery"] as Record<string, string | undefined> | undefined;
      return clientFor(call.settings.baseURL).chat(prepared.body as OpenaiChatRequest, {
        headers: { ...prepared.headers, ...init.headers },
        signal: init.signal,
        fetch: query ? withQuery(init.fetch, query) : init.fetch,
      });
    },

    parseResponse(body: unknown, call: ProviderCallContext): ChatCompletion {
      const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : undefined;
      if (!Array.isArray(fields?.["choices"])) {
        // Some gateways answer 200 with an error object; either way this is no completion.
        if (fields?.["error"] !== undefined) {
          throw errorFromOpenAIBody(undefined, JSON.stringify(body), undefined, config.name, call.translate.model, "error in a 2xx response");
        }
        throw new APIError(`${config.name} answered with JSON that is not a chat completion (no \`choices\` array)`, {
          provider: config.name,
          model: call.translate.model,
          body: JSON.stringify(body),
          retryable: true,
        });
      }
      return translator.fromNativeResponse(body as OpenaiChatResponse, call.translate);
    },

    createStreamTranslator(call: ProviderCallContext, includeUsage: boolean): StreamTranslator {
      const native = translator.createStreamTranslator(call.translate, includeUsage);
      return new OpenAIDialectSSETranslator(native, config.name, call.translate.model);
    },

    parseError(status: number, body: string, headers: Headers, model: string) {
      return errorFromOpenAIBody(status, body, headers, config.name, model);
    },
  };
}
