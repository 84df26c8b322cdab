// Ollama natively as the registry holds it: `ollama/<model>` on /api/chat, default
// http://127.0.0.1:11434, no key. Its implementation (ollama-provider.ts) loads on the first call.
// Ollama's OpenAI-compatible /v1 is the separate `ollama-openai/` dialect.
import type { Provider } from "../contract.js";
import { lazyProvider, type ProviderIdentity } from "../lazy-provider.js";

export const OLLAMA_IDENTITY: ProviderIdentity = {
  name: "ollama",
  aliases: [],
  envPrefixes: ["OLLAMA"],
  defaultBaseURL: "http://127.0.0.1:11434",
  requiresApiKey: false,
  capabilities: { nativeN: false },
};

export const ollamaProvider: Provider = lazyProvider(OLLAMA_IDENTITY, async () => (await import("./ollama-provider.js")).ollamaImplementation);
