// The OpenAI-dialect providers' implementations: each definition joined with its surface (generated
// from its spec, or declared) and the generated client that sends it. Loaded on the first call to
// any of them (openai-compatible-providers.ts is what the registry holds).
import { createGroqClient } from "../../../generated/providers/groq/client.gen.js";
import { groqSurface } from "../../../generated/providers/groq/surface.gen.js";
import { createMistralClient } from "../../../generated/providers/mistral/client.gen.js";
import { mistralSurface } from "../../../generated/providers/mistral/surface.gen.js";
import { createOpenaiClient } from "../../../generated/providers/openai/client.gen.js";
import { openaiSurface } from "../../../generated/providers/openai/surface.gen.js";
import { createXaiClient } from "../../../generated/providers/xai/client.gen.js";
import { xaiSurface } from "../../../generated/providers/xai/surface.gen.js";
import type { Provider, SendInit } from "../contract.js";
import { createOpenAIDialectProvider, type DialectTransport } from "./index.js";
import type { DialectClient, DialectDefinition } from "./openai-compatible-dialect.js";
import { DIALECTS } from "./openai-compatible-dialects.js";
import type { DialectSurface } from "./openai-compatible-surface.js";

export const SPEC_SURFACES: Readonly<Record<DialectClient, DialectSurface>> = {
  openai: openaiSurface,
  mistral: mistralSurface,
  groq: groqSurface,
  xai: xaiSurface,
};

interface ChatClient {
  chat(body: never, init: SendInit): Promise<Response>;
}

function transport(create: (baseURL: string) => ChatClient, pathPrefix: string): DialectTransport {
  const clients = new Map<string, ChatClient>();
  return {
    pathPrefix,
    send(baseURL, body, init) {
      let client = clients.get(baseURL);
      if (!client) {
        client = create(baseURL);
        clients.set(baseURL, client);
      }
      // The body was built from this client's spec surface; the types meet here, at the wire.
      return client.chat(body as never, init);
    },
  };
}

/** One transport per generated client; the prefix is the part of its spec path a base URL may already hold. */
export const TRANSPORTS: Readonly<Record<DialectClient, DialectTransport>> = {
  openai: transport(createOpenaiClient, ""),
  mistral: transport(createMistralClient, "/v1"),
  groq: transport(createGroqClient, "/openai/v1"),
  xai: transport(createXaiClient, ""),
};

export function surfaceOf(definition: DialectDefinition): DialectSurface {
  return "spec" in definition.surface ? SPEC_SURFACES[definition.surface.spec] : definition.surface.declared;
}

const implementations = new Map<string, Provider>();

/** The named dialect's provider (the registry's lazy one loads it from here, on its first call). */
export function dialectImplementation(name: string): Provider {
  let provider = implementations.get(name);
  if (provider === undefined) {
    const definition = DIALECTS.find((candidate) => candidate.name === name);
    if (definition === undefined) throw new Error(`onellm: no OpenAI dialect named ${name}`);
    provider = createOpenAIDialectProvider({
      definition,
      surface: surfaceOf(definition),
      reference: openaiSurface,
      transport: TRANSPORTS[definition.client],
    });
    implementations.set(name, provider);
  }
  return provider;
}
