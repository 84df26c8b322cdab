// Amazon Bedrock as the registry holds it: `bedrock/<modelId or inference profile>` through the
// Converse API (baseURL https://bedrock-runtime.{region}.amazonaws.com). Its implementation
// (bedrock-provider.ts, with SigV4 signing and the translation in the bedrock-*.ts files) loads on
// the first call.
import { InvalidRequestError } from "../../errors.js";
import type { Provider } from "../contract.js";
import { lazyProvider, type ProviderIdentity } from "../lazy-provider.js";
import { configuredRegion } from "./bedrock-region.js";

export const BEDROCK_IDENTITY: ProviderIdentity = {
  name: "bedrock",
  aliases: [],
  envPrefixes: ["BEDROCK"],
  defaultBaseURL: "https://bedrock-runtime.us-east-1.amazonaws.com",
  // Credentials are checked in prepare (a bearer key, or AWS credentials from several places).
  requiresApiKey: false,
  capabilities: { nativeN: false },

  resolveDefaultBaseURL(extra, env) {
    const endpoint = env["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"];
    if (endpoint) return endpoint;
    const region = configuredRegion(extra, env);
    if (region === undefined) {
      throw new InvalidRequestError(
        "Bedrock needs a region: set AWS_REGION (or AWS_DEFAULT_REGION), providers.bedrock.region, or providers.bedrock.baseURL.",
        "providers.bedrock.region",
      );
    }
    return `https://bedrock-runtime.${region}.amazonaws.com`;
  },
};

export const bedrockProvider: Provider = lazyProvider(BEDROCK_IDENTITY, async () => (await import("./bedrock-provider.js")).bedrockImplementation);
