// Azure OpenAI's implementation (loaded on first use; index.ts is what the registry holds):
// `azure/<deployment>`. The request surface is OpenAI's; what differs is where a call
// goes and how it authenticates (learn.microsoft.com, "Azure OpenAI in Azure AI Foundry Models v1 API"
// and "REST API reference"):
// - endpoint `https://<resource>.openai.azure.com` from providers.azure.endpoint or AZURE_OPENAI_ENDPOINT
//   (a full providers.azure.baseURL / AZURE_OPENAI_BASE_URL, `<endpoint>/openai`, wins);
// - by default the v1 API, `{endpoint}/openai/v1/chat/completions`, the deployment named in `model`;
// - with an apiVersion (providers.azure.apiVersion or AZURE_OPENAI_API_VERSION), the deployments API,
//   `{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...`;
// - the key in an `api-key` header (providers.azure.apiKey or AZURE_OPENAI_API_KEY), or a Microsoft
//   Entra ID token from providers.azure.azureADTokenProvider (as in `openai`'s AzureOpenAI), sent as
//   `Authorization: Bearer`, asked for on every call.
import { registerSecret } from "../../core/redact.js";
import { AuthenticationError, OneLLMError } from "../../errors.js";
import type { Provider, ProviderSettings } from "../contract.js";
import { createOpenAIDialectProvider, type DialectEndpoint } from "../openai-compatible/index.js";
import { SPEC_SURFACES, TRANSPORTS } from "../openai-compatible/openai-compatible-family.js";
import { AZURE_DIALECT } from "./azure-dialect.js";
import { AZURE_IDENTITY } from "./index.js";

type TokenProvider = () => Promise<string> | string;

function tokenProviderOf(settings: ProviderSettings): TokenProvider | undefined {
  const provider = settings.extra["azureADTokenProvider"];
  return typeof provider === "function" ? (provider as TokenProvider) : undefined;
}

async function authHeaders(settings: ProviderSettings): Promise<Record<string, string>> {
  const tokenProvider = tokenProviderOf(settings);
  if (tokenProvider !== undefined) {
    let token: unknown;
    try {
      token = await tokenProvider();
    } catch (error) {
      throw new OneLLMError(`Failed to get a token from providers.azure.azureADTokenProvider: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (typeof token !== "string" || token === "") throw new OneLLMError("providers.azure.azureADTokenProvider must return a non-empty string.");
    registerSecret(token);
    return { Authorization: `Bearer ${token}` };
  }
  if (settings.apiKey) return { "api-key": settings.apiKey };
  throw new AuthenticationError(
    "No credentials for azure: set AZURE_OPENAI_API_KEY, or pass providers.azure.apiKey or providers.azure.azureADTokenProvider to the client.",
    { provider: "azure" },
  );
}

function endpoint(settings: ProviderSettings, deployment: string): DialectEndpoint {
  const apiVersion = settings.extra["apiVersion"];
  const defaultQuery = settings.extra["defaultQuery"] as Record<string, string | undefined> | undefined;
  if (typeof apiVersion === "string" && apiVersion !== "") {
    return {
      baseURL: `${settings.baseURL}/deployments/${encodeURIComponent(deployment)}`,
      query: { ...defaultQuery, "api-version": apiVersion },
    };
  }
  return { baseURL: `${settings.baseURL}/v1`, query: defaultQuery };
}

const dialect = createOpenAIDialectProvider({
  definition: AZURE_DIALECT,
  surface: SPEC_SURFACES.openai,
  reference: SPEC_SURFACES.openai,
  transport: TRANSPORTS.openai,
  passthrough: true,
  // Azure's stream opens with a prompt-filter chunk whose object is "" (normalised like a dialect's).
  answersInShape: false,
  authHeaders,
  endpoint,
});

export const azureImplementation: Provider = { ...dialect, ...AZURE_IDENTITY };
