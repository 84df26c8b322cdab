// Resolves each provider's key, base URL and headers from the client options and the environment.
import { registerSecret } from "./core/redact.js";
import type { Provider, ProviderSettings } from "./providers/contract.js";

export interface ProviderConfig {
  apiKey?: string | undefined;
  baseURL?: string | undefined;
  headers?: Record<string, string> | undefined;
  [setting: string]: unknown;
}

/** The `openai` package's top-level options, which configure the `openai` provider here. */
export interface OpenAIDropInOptions {
  apiKey?: string | undefined;
  baseURL?: string | null | undefined;
  organization?: string | null | undefined;
  project?: string | null | undefined;
  defaultHeaders?: Record<string, string> | undefined;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export function resolveSettings(
  provider: Provider,
  providers: Readonly<Record<string, ProviderConfig>> | undefined,
  dropIn: OpenAIDropInOptions,
  env: Environment,
): ProviderSettings {
  const config = findConfig(provider, providers);
  const { apiKey: configKey, baseURL: configBaseURL, headers: configHeaders, ...extra } = config ?? {};
  const isOpenAI = provider.name === "openai";
  const headers: Record<string, string> = {};
  if (isOpenAI) {
    const organization = dropIn.organization ?? env["OPENAI_ORG_ID"];
    const project = dropIn.project ?? env["OPENAI_PROJECT_ID"];
    if (organization) headers["OpenAI-Organization"] = organization;
    if (project) headers["OpenAI-Project"] = project;
    Object.assign(headers, dropIn.defaultHeaders);
  }
  Object.assign(headers, configHeaders);
  const apiKey =
    configKey ?? (isOpenAI ? dropIn.apiKey : undefined) ?? fromEnv(env, provider.envPrefixes, "_API_KEY");
  const baseURL =
    configBaseURL ??
    (isOpenAI ? (dropIn.baseURL ?? undefined) : undefined) ??
    fromEnv(env, provider.envPrefixes, "_BASE_URL") ??
    provider.defaultBaseURL;
  registerSecret(apiKey);
  return { apiKey, baseURL: baseURL.replace(/\/+$/, ""), headers, extra };
}

function findConfig(
  provider: Provider,
  providers: Readonly<Record<string, ProviderConfig>> | undefined,
): ProviderConfig | undefined {
  if (!providers) return undefined;
  const own = providers[provider.name];
  if (own) return own;
  for (const alias of provider.aliases) {
    const aliased = providers[alias];
    if (aliased) return aliased;
  }
  return undefined;
}

function fromEnv(env: Environment, prefixes: readonly string[], suffix: string): string | undefined {
  for (const prefix of prefixes) {
    const value = env[`${prefix}${suffix}`];
    if (value) return value;
  }
  return undefined;
}
