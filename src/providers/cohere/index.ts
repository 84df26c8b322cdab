// Cohere as the registry holds it: the v2 chat API at `${baseURL}/v2/chat` (baseURL
// https://api.cohere.com), bearer auth with COHERE_API_KEY (or CO_API_KEY, the name Cohere's own SDKs
// read). Its implementation (cohere-provider.ts, with the translation in the cohere-*.ts files)
// loads on the first call.
import type { Provider } from "../contract.js";
import { lazyProvider, type ProviderIdentity } from "../lazy-provider.js";

export const COHERE_IDENTITY: ProviderIdentity = {
  name: "cohere",
  aliases: [],
  envPrefixes: ["COHERE", "CO"],
  defaultBaseURL: "https://api.cohere.com",
  requiresApiKey: true,
  capabilities: { nativeN: false },
};

export const cohereProvider: Provider = lazyProvider(COHERE_IDENTITY, async () => (await import("./cohere-provider.js")).cohereImplementation);
