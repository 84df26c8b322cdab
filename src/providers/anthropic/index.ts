// The Anthropic provider as the registry holds it: Messages API at `${baseURL}/v1/messages`,
// `x-api-key` auth, a pinned `anthropic-version`. Its implementation (anthropic-provider.ts, with
// the translation in the anthropic-*.ts files) loads on the first call.
import type { Provider } from "../contract.js";
import { lazyProvider } from "../lazy-provider.js";
import type { ProviderHostIdentity } from "../provider-host.js";

/** The API version onellm's translation is written against; `providers.anthropic.anthropicVersion` overrides it. */
export const DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

/** Anthropic's own API, as a host of the Anthropic translator. */
export const ANTHROPIC_HOST: ProviderHostIdentity = {
  name: "anthropic",
  aliases: [],
  envPrefixes: ["ANTHROPIC"],
  defaultBaseURL: "https://api.anthropic.com",
  requiresApiKey: true,
  // Anthropic refuses cross-origin (CORS) requests without this header, as its own SDK documents.
  browserHeaders: { "anthropic-dangerous-direct-browser-access": "true" },
};

/** The translator's, on every host: n > 1 is emulated. */
export const ANTHROPIC_CAPABILITIES = { nativeN: false } as const;

export const anthropicProvider: Provider = lazyProvider({ ...ANTHROPIC_HOST, capabilities: ANTHROPIC_CAPABILITIES }, async () => (await import("./anthropic-provider.js")).anthropicImplementation);
