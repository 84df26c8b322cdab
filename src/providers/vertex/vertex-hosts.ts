// Google Vertex AI's hosts (loaded on first use; index.ts is what the registry knows of them):
// `vertex/<model>` is Gemini (publishers/google/models/{model}:generateContent and
// :streamGenerateContent?alt=sse), `vertex-anthropic/<model>` is Claude (publishers/anthropic/models/
// {model}:rawPredict and :streamRawPredict, anthropic_version "vertex-2023-10-16" in the body and no
// model field). Both reuse their provider's translator through a ProviderHost (wired in
// registry.ts), share `providers.vertex` settings and authenticate with an OAuth access token
// (vertex-auth.ts). On Vertex, Gemini streams a function call's arguments in pieces when asked.
import { createVertexAnthropicClient, type VertexAnthropicClient } from "../../../generated/providers/vertex-anthropic/client.gen.js";
import type { VertexAnthropicChatRequest } from "../../../generated/providers/vertex-anthropic/translator.gen.js";
import { createVertexClient, type VertexClient } from "../../../generated/providers/vertex/client.gen.js";
import type { VertexChatRequest } from "../../../generated/providers/vertex/translator.gen.js";
import type { ProviderCallContext, ProviderHost, SendInit } from "../contract.js";
import { accessToken, resolveVertexAuth } from "./vertex-auth.js";
import { VERTEX_ANTHROPIC_HOST, VERTEX_ANTHROPIC_VERSION, VERTEX_GEMINI_HOST } from "./index.js";
import { vertexLocation, vertexProject } from "./vertex-location.js";

const geminiClients = new Map<string, VertexClient>();
const anthropicClients = new Map<string, VertexAnthropicClient>();

function cached<C>(clients: Map<string, C>, baseURL: string, create: (baseURL: string) => C): C {
  let client = clients.get(baseURL);
  if (client === undefined) {
    client = create(baseURL);
    clients.set(baseURL, client);
  }
  return client;
}

/** The path parameters and auth headers of one call (the token may need the network: here, not in prepare). */
async function route(call: ProviderCallContext, init: SendInit): Promise<{ path: { project: string; location: string; model: string }; headers: Record<string, string> }> {
  const auth = resolveVertexAuth(call.settings);
  const [project, token] = await Promise.all([vertexProject(call.settings, auth), accessToken(auth, init.fetch)]);
  const location = vertexLocation(call.settings.extra, call.settings.env);
  return { path: { project, location, model: call.translate.model }, headers: { ...init.headers, authorization: `Bearer ${token}` } };
}

const shared = {
  check(call: ProviderCallContext): void {
    resolveVertexAuth(call.settings);
  },
  headers(): Record<string, string> {
    return {};
  },
};

/** Gemini on Vertex AI. */
export const vertexGeminiHost: ProviderHost<VertexChatRequest> = {
  ...VERTEX_GEMINI_HOST,
  ...shared,
  shapeBody(body: VertexChatRequest): VertexChatRequest {
    return body;
  },
  async send(body: unknown, stream: boolean, call: ProviderCallContext, init: SendInit): Promise<Response> {
    const { path, headers } = await route(call, init);
    const client = cached(geminiClients, call.settings.baseURL, createVertexClient);
    const native = stream ? withArgumentStreaming(body as VertexChatRequest, call.translate.model) : (body as VertexChatRequest);
    const options = { headers, signal: init.signal, fetch: init.fetch, path };
    return stream ? client.chatStream(native, options) : client.chat(native, options);
  },
};

/** The Messages body the Anthropic translator builds: Vertex's, with the model and without the version. */
type AnthropicBody = Omit<VertexAnthropicChatRequest, "anthropic_version"> & { model: string };

/** Claude on Vertex AI. */
export const vertexAnthropicHost: ProviderHost<AnthropicBody> = {
  ...VERTEX_ANTHROPIC_HOST,
  ...shared,
  shapeBody(body: AnthropicBody): VertexAnthropicChatRequest {
    // The model is named by the path on Vertex; the API version travels in the body.
    const { model: _model, ...rest } = body;
    return { ...rest, anthropic_version: VERTEX_ANTHROPIC_VERSION };
  },
  async send(body: unknown, stream: boolean, call: ProviderCallContext, init: SendInit): Promise<Response> {
    const { path, headers } = await route(call, init);
    const client = cached(anthropicClients, call.settings.baseURL, createVertexAnthropicClient);
    const native = body as VertexAnthropicChatRequest;
    const options = { headers, signal: init.signal, fetch: init.fetch, path };
    return stream ? client.chatStream(native, options) : client.chat(native, options);
  },
};

/**
 * On Gemini 3 with tools, a streamed request asks for function-call arguments in pieces (partialArgs,
 * which the Gemini stream translator assembles), so a long call's arguments flow as they are written.
 */
function withArgumentStreaming(body: VertexChatRequest, model: string): VertexChatRequest {
  const hasFunctions = body.tools?.some((tool) => (tool.functionDeclarations?.length ?? 0) > 0) === true;
  if (!hasFunctions || !/^gemini-3/.test(model)) return body;
  const config = body.toolConfig?.functionCallingConfig ?? {};
  return { ...body, toolConfig: { ...body.toolConfig, functionCallingConfig: { ...config, streamFunctionCallArguments: true } } };
}
