// Provider name -> provider, and `provider/model` ids split at the first slash.
import { InvalidRequestError } from "../errors.js";
import type { Provider } from "./contract.js";
import { ANTHROPIC_CAPABILITIES, anthropicProvider } from "./anthropic/index.js";
import { bedrockProvider } from "./bedrock/index.js";
import { cohereProvider } from "./cohere/index.js";
import { GEMINI_CAPABILITIES, geminiProvider } from "./gemini/index.js";
import { lazyProvider } from "./lazy-provider.js";
import { openAICompatibleProviders } from "./openai-compatible/openai-compatible-providers.js";
import { azureProvider } from "./azure/index.js";
import { ollamaProvider } from "./ollama/index.js";
import { openaiProvider } from "./openai/index.js";
import { VERTEX_ANTHROPIC_HOST, VERTEX_GEMINI_HOST } from "./vertex/index.js";

// Every provider is known here by its identity; its code loads on its first call (lazy-provider.ts).
const providers: Provider[] = [
  openaiProvider,
  anthropicProvider,
  geminiProvider,
  cohereProvider,
  bedrockProvider,
  // Vertex AI serves the Gemini and Anthropic translators through its own host (path, OAuth).
  lazyProvider({ ...VERTEX_GEMINI_HOST, capabilities: GEMINI_CAPABILITIES }, async () => {
    const [{ createGeminiProvider }, { vertexGeminiHost }] = await Promise.all([import("./gemini/gemini-provider.js"), import("./vertex/vertex-hosts.js")]);
    return createGeminiProvider(vertexGeminiHost);
  }),
  lazyProvider({ ...VERTEX_ANTHROPIC_HOST, capabilities: ANTHROPIC_CAPABILITIES }, async () => {
    const [{ createAnthropicProvider }, { vertexAnthropicHost }] = await Promise.all([import("./anthropic/anthropic-provider.js"), import("./vertex/vertex-hosts.js")]);
    return createAnthropicProvider(vertexAnthropicHost);
  }),
  ollamaProvider,
  azureProvider,
  ...openAICompatibleProviders,
];
const byName = new Map<string, Provider>();
for (const provider of providers) index(provider);

function index(provider: Provider): void {
  byName.set(provider.name, provider);
  for (const alias of provider.aliases) byName.set(alias, provider);
}

/** Adds a provider (used by the built-in translated providers, and open to extensions). */
export function registerProvider(provider: Provider): void {
  providers.push(provider);
  index(provider);
}

/**
 * The entry for `provider` in a record keyed by provider name, under its name or any alias; for
 * client settings (`shared`), also under the names it shares settings with (`settingsFrom`).
 * provider_options never cross to another provider: a body field for one API would break another.
 */
export function entryForProvider<T>(record: Readonly<Record<string, T>> | undefined, provider: Provider, shared = false): T | undefined {
  if (!record) return undefined;
  const own = record[provider.name];
  if (own) return own;
  for (const alias of shared ? [...provider.aliases, ...(provider.settingsFrom ?? [])] : provider.aliases) {
    const aliased = record[alias];
    if (aliased) return aliased;
  }
  return undefined;
}

export function findProvider(name: string): Provider | undefined {
  return byName.get(name);
}

export function knownProviderNames(): string[] {
  return [...byName.keys()].sort();
}

export function allProviders(): readonly Provider[] {
  return providers;
}

export interface ModelTarget {
  provider: Provider;
  /** The provider's own model id (everything after the first slash). */
  model: string;
  /** The id as the caller wrote it. */
  id: string;
}

/** `anthropic/claude-x` -> anthropic; `together/meta-llama/Llama-3` -> together; `gpt-4o` -> openai. */
export function parseModelId(id: string, field = "model"): ModelTarget {
  const slash = id.indexOf("/");
  if (slash === -1) return { provider: openaiProvider, model: id, id };
  const name = id.slice(0, slash);
  const model = id.slice(slash + 1);
  const provider = byName.get(name);
  if (!provider) {
    throw new InvalidRequestError(
      `Unknown provider "${name}" in ${field} "${id}". Known providers: ${knownProviderNames().join(", ")}. ` +
        `Write models as provider/model, e.g. "anthropic/claude-sonnet-4-5"; a bare name means openai. ` +
        `For a model id that itself contains a slash, served at the openai baseURL (vLLM, OpenRouter), write "openai/${id}".`,
      field,
    );
  }
  if (model.length === 0) throw new InvalidRequestError(`${field} "${id}" names no model after "${name}/".`, field);
  return { provider, model, id };
}
