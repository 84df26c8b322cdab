// Azure OpenAI as the registry holds it: `azure/<deployment>` at the resource's endpoint
// (providers.azure.endpoint or AZURE_OPENAI_ENDPOINT). Its implementation (azure-provider.ts: the v1
// and deployments APIs, api-key or Entra ID auth) loads on the first call.
import { InvalidRequestError } from "../../errors.js";
import type { Provider } from "../contract.js";
import { lazyProvider, type ProviderIdentity } from "../lazy-provider.js";
import { dialectIdentity } from "../openai-compatible/openai-compatible-dialect.js";
import { AZURE_DIALECT } from "./azure-dialect.js";

export const AZURE_IDENTITY: ProviderIdentity = {
  ...dialectIdentity(AZURE_DIALECT),
  envSettings: { endpoint: ["AZURE_OPENAI_ENDPOINT"], apiVersion: ["AZURE_OPENAI_API_VERSION"] },
  resolveDefaultBaseURL(extra) {
    const configured = extra["endpoint"];
    if (typeof configured !== "string" || configured === "") {
      throw new InvalidRequestError(
        "No endpoint for azure: set AZURE_OPENAI_ENDPOINT or pass providers.azure.endpoint (https://<resource>.openai.azure.com) to the client.",
        "providers.azure.endpoint",
      );
    }
    return `${configured.replace(/\/+$/, "")}/openai`;
  },
};

export const azureProvider: Provider = lazyProvider(AZURE_IDENTITY, async () => (await import("./azure-provider.js")).azureImplementation);
