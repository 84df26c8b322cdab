// One adapter for every OpenAI-dialect provider: a dialect definition (where, how to authenticate,
// its accepted request surface and quirks) plus the generated client that sends its requests.
import type { ChatCompletion } from "../../types.js";
import type { Provider, ProviderCallContext, ProviderSettings, SendInit, StreamTranslator, PreparedRequest, UnifiedRequest } from "../contract.js";
import { OutgoingRequest } from "../../core/outgoing-request.js";
import { APIError } from "../../errors.js";
import type { OpenaiChatResponse } from "../../../generated/providers/openai/translator.gen.js";
import { dialectIdentity, type DialectDefinition } from "./openai-compatible-dialect.js";
import { withInputAudio } from "./openai-compatible-audio.js";
import { errorFromOpenAIBody } from "./openai-compatible-error.js";
import { effectiveSurface } from "./openai-compatible-rules.js";
import { OpenAIDialectSSETranslator } from "./openai-compatible-stream.js";
import type { DialectSurface } from "./openai-compatible-surface.js";
import { OpenAIDialectTranslator } from "./openai-compatible-translator.js";

export type { DialectDefinition } from "./openai-compatible-dialect.js";
export type { DialectSurface } from "./openai-compatible-surface.js";

/** Sends a native body with the dialect's generated client, at a base URL (clients are kept per base URL). */
export interface DialectTransport {
  send(baseURL: string, body: unknown, init: SendInit): Promise<Response>;
  /** The part of the client's path a base URL may already end in (Groq's `/openai/v1`, Mistral's `/v1`). */
  readonly pathPrefix: string;
}

/** Where a call goes, for providers whose URL depends on settings and model (Azure's deployments). */
export interface DialectEndpoint {
  baseURL: string;
  query?: Readonly<Record<string, string | undefined>> | undefined;
}

export interface DialectProviderOptions {
  definition: DialectDefinition;
  surface: DialectSurface;
  /** OpenAI's own surface. */
  reference: DialectSurface;
  transport: DialectTransport;
  /** OpenAI itself (and Azure OpenAI): every request field passes as it is. */
  passthrough?: boolean;
  /** OpenAI itself: answers are already in OpenAI's exact shape (default: `passthrough`). */
  answersInShape?: boolean;
  /** Auth headers; default `Authorization: Bearer <key>` when a key is set. */
  authHeaders?: (settings: ProviderSettings) => Record<string, string> | Promise<Record<string, string>>;
  /** The base URL (and query) for a call; default the settings' base URL and `defaultQuery`. */
  endpoint?: (settings: ProviderSettings, model: string) => DialectEndpoint;
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

function bearer(settings: ProviderSettings): Record<string, string> {
  return settings.apiKey ? { Authorization: `Bearer ${settings.apiKey}` } : {};
}

function defaultEndpoint(settings: ProviderSettings): DialectEndpoint {
  return { baseURL: settings.baseURL, query: settings.extra["defaultQuery"] as Record<string, string | undefined> | undefined };
}

/** A base URL written with the client's path prefix (`https://api.groq.com/openai/v1`) means the same host. */
function clientBaseURL(baseURL: string, pathPrefix: string): string {
  return pathPrefix !== "" && baseURL.endsWith(pathPrefix) ? baseURL.slice(0, -pathPrefix.length) : baseURL;
}

export function createOpenAIDialectProvider(options: DialectProviderOptions): Provider {
  const { definition, transport } = options;
  const surface = effectiveSurface(options.surface, definition.quirks);
  const translator = new OpenAIDialectTranslator({
    surface,
    quirks: definition.quirks,
    reference: options.reference,
    passthrough: options.passthrough === true,
    answersInShape: options.answersInShape ?? options.passthrough === true,
  });
  const authHeaders = options.authHeaders ?? bearer;
  const endpoint = options.endpoint ?? defaultEndpoint;

  return {
    ...dialectIdentity(definition),

    async prepare(request: UnifiedRequest, call: ProviderCallContext): Promise<PreparedRequest> {
      const withAudio = await withInputAudio(request, surface, call, definition.label);
      let body = translator.toNativeRequest(withAudio, call.translate) as unknown as Record<string, unknown>;
      if (call.providerOptions) body = { ...body, ...call.providerOptions };
      const headers: Record<string, string> = { ...call.settings.headers, ...(await authHeaders(call.settings)) };
      return { body, headers, stream: request.stream === true };
    },

    send(prepared: PreparedRequest, call: ProviderCallContext, init: SendInit): Promise<Response> {
      const target = endpoint(call.settings, call.translate.model);
      return transport.send(clientBaseURL(target.baseURL, transport.pathPrefix), prepared.body, {
        headers: { ...prepared.headers, ...init.headers },
        signal: init.signal,
        fetch: target.query ? withQuery(init.fetch, target.query) : init.fetch,
      });
    },

    parseResponse(body: unknown, call: ProviderCallContext): ChatCompletion {
      const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : undefined;
      if (!Array.isArray(fields?.["choices"])) {
        // Some gateways answer 200 with an error object; either way this is no completion.
        if (fields?.["error"] !== undefined) {
          throw errorFromOpenAIBody(undefined, JSON.stringify(body), undefined, definition.name, call.translate.model, "error in a 2xx response");
        }
        throw new APIError(`${definition.name} answered with JSON that is not a chat completion (no \`choices\` array)`, {
          provider: definition.name,
          model: call.translate.model,
          body: JSON.stringify(body),
          retryable: true,
        });
      }
      return translator.fromNativeResponse(body as OpenaiChatResponse, call.translate);
    },

    createStreamTranslator(call: ProviderCallContext, includeUsage: boolean): StreamTranslator {
      const native = translator.createStreamTranslator(call.translate, includeUsage);
      return new OpenAIDialectSSETranslator(native, definition.name, call.translate.model);
    },

    parseError(status: number, body: string, headers: Headers, model: string) {
      return errorFromOpenAIBody(status, body, headers, definition.name, model);
    },
  };
}
