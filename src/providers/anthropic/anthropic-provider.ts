// The Anthropic provider's implementation (loaded on first use; index.ts is what the registry
// holds): Messages API at `${baseURL}/v1/messages`, `x-api-key` auth, a pinned `anthropic-version`.
// Translation lives in the anthropic-*.ts files beside this one; createAnthropicProvider serves it
// on another host (Claude on Vertex AI), given its ProviderHost.
import { createAnthropicClient, type AnthropicClient } from "../../../generated/providers/anthropic/client.gen.js";
import { APIError } from "../../errors.js";
import type { ChatCompletion } from "../../types.js";
import type { PreparedRequest, Provider, ProviderCallContext, ProviderHost, SendInit, StreamTranslator, UnifiedRequest } from "../contract.js";
import { hostIdentity } from "../provider-host.js";
import { errorFromAnthropicBody, errorFromInBandBody } from "./anthropic-error.js";
import { DEFAULT_MAX_TOKENS, requireRoom } from "./anthropic-thinking.js";
import type { AnthropicChatRequest, AnthropicChatResponse } from "./anthropic-schema.js";
import { AnthropicSSETranslator } from "./anthropic-sse.js";
import { AnthropicChatTranslator } from "./anthropic-translator.js";
import { ANTHROPIC_CAPABILITIES, ANTHROPIC_HOST, DEFAULT_ANTHROPIC_VERSION } from "./index.js";

const translator = new AnthropicChatTranslator();
const clients = new Map<string, AnthropicClient>();

function clientFor(baseURL: string): AnthropicClient {
  let client = clients.get(baseURL);
  if (!client) {
    client = createAnthropicClient(baseURL);
    clients.set(baseURL, client);
  }
  return client;
}

function anthropicVersion(extra: Readonly<Record<string, unknown>>): string {
  const configured = extra["anthropicVersion"];
  return typeof configured === "string" && configured.length > 0 ? configured : DEFAULT_ANTHROPIC_VERSION;
}

/**
 * `provider_options.anthropic` is merged into the body last. When it enables thinking and the
 * caller set no token limit, the default limit is raised above the thinking budget, which
 * Anthropic requires to be below max_tokens.
 */
function withProviderOptions(
  body: AnthropicChatRequest,
  request: UnifiedRequest,
  options: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  if (options === undefined) return body;
  const merged: Record<string, unknown> = { ...body, ...options };
  const thinking = options["thinking"];
  const budget = typeof thinking === "object" && thinking !== null ? (thinking as { budget_tokens?: unknown }).budget_tokens : undefined;
  const callerSetLimit =
    (request.max_tokens !== undefined && request.max_tokens !== null) ||
    (request.max_completion_tokens !== undefined && request.max_completion_tokens !== null) ||
    options["max_tokens"] !== undefined;
  if (typeof budget === "number" && !callerSetLimit && budget >= DEFAULT_MAX_TOKENS) {
    merged["max_tokens"] = budget + DEFAULT_MAX_TOKENS;
  }
  const maxTokens = merged["max_tokens"];
  if (typeof budget === "number" && typeof maxTokens === "number") {
    requireRoom(budget, maxTokens, `provider_options.anthropic.thinking.budget_tokens (${budget})`, "provider_options.anthropic.thinking.budget_tokens");
  }
  return merged;
}

function isMessage(body: unknown): body is AnthropicChatResponse {
  return (
    typeof body === "object" &&
    body !== null &&
    (body as { type?: unknown }).type === "message" &&
    Array.isArray((body as { content?: unknown }).content)
  );
}

/** Anthropic's own API: x-api-key and anthropic-version headers, the model in the body. */
const anthropicHost: ProviderHost<AnthropicChatRequest> = {
  ...ANTHROPIC_HOST,
  headers(call: ProviderCallContext): Record<string, string> {
    const headers: Record<string, string> = { "anthropic-version": anthropicVersion(call.settings.extra) };
    if (call.settings.apiKey) headers["x-api-key"] = call.settings.apiKey;
    return headers;
  },
  shapeBody(body: AnthropicChatRequest): AnthropicChatRequest {
    return body;
  },
  send(body: unknown, _stream: boolean, call: ProviderCallContext, init: SendInit): Promise<Response> {
    return clientFor(call.settings.baseURL).chat(body as AnthropicChatRequest, { headers: init.headers, signal: init.signal, fetch: init.fetch });
  },
};

/** The Anthropic provider on `host`: translation here, endpoint and auth there. */
export function createAnthropicProvider(host: ProviderHost<AnthropicChatRequest>): Provider {
  return {
    ...hostIdentity(host),
    capabilities: ANTHROPIC_CAPABILITIES,

    prepare(request: UnifiedRequest, call: ProviderCallContext): PreparedRequest {
      host.check?.(call);
      const native = translator.toNativeRequest(request, call.translate);
      const headers: Record<string, string> = { "content-type": "application/json", ...call.settings.headers, ...host.headers(call) };
      const body = host.shapeBody(withProviderOptions(native, request, call.providerOptions) as AnthropicChatRequest, call);
      return { body, headers, stream: request.stream === true };
    },

    send(prepared: PreparedRequest, call: ProviderCallContext, init: SendInit): Promise<Response> {
      return host.send(prepared.body, prepared.stream, call, { ...init, headers: { ...prepared.headers, ...init.headers } });
    },

    parseResponse(body: unknown, call: ProviderCallContext): ChatCompletion {
      // A relay can answer 2xx with Anthropic's error body; its type says what it is, so an overload
      // stays a retryable 529 instead of "not a Message".
      const inBand = errorFromInBandBody(body, call.translate.model, "sent with a 2xx status");
      if (inBand !== undefined) throw inBand;
      if (!isMessage(body)) {
        throw new APIError("Anthropic answered 2xx with a body that is not a Message", {
          provider: host.name,
          model: call.translate.model,
          body: JSON.stringify(body),
        });
      }
      return translator.fromNativeResponse(body, call.translate);
    },

    createStreamTranslator(call: ProviderCallContext, includeUsage: boolean): StreamTranslator {
      return new AnthropicSSETranslator(translator.createStreamTranslator(call.translate, includeUsage), call.translate.model);
    },

    parseError(status: number, body: string, headers: Headers, model: string): APIError {
      return errorFromAnthropicBody(status, body, headers, model);
    },
  };
}

export const anthropicImplementation: Provider = createAnthropicProvider(anthropicHost);
