// One adapter for every OpenAI-dialect provider, configured per provider.
import { createOpenaiClient } from "../../../generated/providers/openai/client.gen.js";
import type { OpenaiChatRequest, OpenaiChatResponse } from "../../../generated/providers/openai/translator.gen.js";
import type { ChatCompletion } from "../../types.js";
import type { Provider, ProviderCallContext, SendInit, StreamTranslator, PreparedRequest, UnifiedRequest } from "../contract.js";
import { errorFromOpenAIBody } from "./openai-compatible-error.js";
import { OpenAIDialectSSETranslator, OpenAIDialectStreamTranslator } from "./openai-compatible-stream.js";
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
    capabilities: { nativeN: config.nativeN, forwardsUnknownFields: config.limits?.acceptedFields === undefined },

    prepare(request: UnifiedRequest, call: ProviderCallContext): PreparedRequest {
      let body: Record<string, unknown> = translator.toNativeRequest(request, call.translate) as unknown as Record<string, unknown>;
      if (call.providerOptions) body = { ...body, ...call.providerOptions };
      const headers: Record<string, string> = { ...call.settings.headers };
      if (call.settings.apiKey) headers["Authorization"] = `Bearer ${call.settings.apiKey}`;
      return { body, headers, stream: request.stream === true };
    },

    send(prepared: PreparedRequest, call: ProviderCallContext, init: SendInit): Promise<Response> {
      return clientFor(call.settings.baseURL).chat(prepared.body as OpenaiChatRequest, {
        headers: { ...prepared.headers, ...init.headers },
        signal: init.signal,
        fetch: init.fetch,
      });
    },

    parseResponse(body: unknown, call: ProviderCallContext): ChatCompletion {
      return translator.fromNativeResponse(body as OpenaiChatResponse, call.translate);
    },

    createStreamTranslator(call: ProviderCallContext): StreamTranslator {
      const native = new OpenAIDialectStreamTranslator(config.name, call.translate.model);
      return new OpenAIDialectSSETranslator(native, config.name, call.translate.model);
    },

    parseError(status: number, body: string, headers: Headers, model: string) {
      return errorFromOpenAIBody(status, body, headers, config.name, model);
    },
  };
}
