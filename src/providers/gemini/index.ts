// Google Gemini as the registry holds it (generativelanguage.googleapis.com, v1beta): `google/<model>`
// or `gemini/<model>`. Its implementation (gemini-provider.ts, with the translation in the
// gemini-*.ts files) loads on the first call.
import type { Provider } from "../contract.js";
import { lazyProvider } from "../lazy-provider.js";
import type { ProviderHostIdentity } from "../provider-host.js";

/** Google AI's Gemini API, as a host of the Gemini translator. */
export const GOOGLE_AI_HOST: ProviderHostIdentity = {
  name: "google",
  aliases: ["gemini"],
  envPrefixes: ["GEMINI", "GOOGLE"],
  defaultBaseURL: "https://generativelanguage.googleapis.com",
  requiresApiKey: true,
};

/** The translator's, on every host: candidateCount gives n natively. */
export const GEMINI_CAPABILITIES = { nativeN: true } as const;

export const geminiProvider: Provider = lazyProvider({ ...GOOGLE_AI_HOST, capabilities: GEMINI_CAPABILITIES }, async () => (await import("./gemini-provider.js")).geminiImplementation);
