// Resolves each provider's key, base URL and headers from the client options and the environment,
// reading the `openai` package's own options (and their null / empty-string conventions) for openai.
import { InvalidRequestError, OneLLMError } from "./errors.js";
import { registerSecret } from "./core/redact.js";
import type { Provider, ProviderSettings } from "./providers/contract.js";
import { entryForProvider } from "./providers/registry.js";

/** Sent to every provider (a caller's header of the same name wins). Kept equal to package.json's version. */
export const VERSION = "0.1.0";
export const USER_AGENT = `onellm/${VERSION}`;

/** As in `openai`: a key, or a function returning one, called before each call (for rotating tokens). */
export type ApiKeySetter = () => Promise<string>;

type HeaderValue = string | null | undefined;
/** Headers as `openai` takes them: a Headers object, [name, value] pairs or a record; null removes a header. */
export type HeadersLike =
  | Headers
  | readonly (readonly HeaderValue[])[]
  | Record<string, HeaderValue | readonly HeaderValue[]>
  | null
  | undefined;

export interface ProviderConfig {
  apiKey?: string | ApiKeySetter | undefined;
  baseURL?: string | undefined;
  headers?: HeadersLike;
  /** Query parameters added to every request URL (OpenAI-dialect providers). */
  defaultQuery?: Record<string, string | undefined> | undefined;
  [setting: string]: unknown;
}

/** The `openai` package's top-level options, which configure the `openai` provider here. */
export interface OpenAIDropInOptions {
  apiKey?: string | ApiKeySetter | undefined;
  baseURL?: string | null | undefined;
  organization?: string | null | undefined;
  project?: string | null | undefined;
  defaultHeaders?: HeadersLike;
  defaultQuery?: Record<string, string | undefined> | undefined;
}

import type { Environment } from "./core/runtime.js";

export type { Environment };

/** Settings as resolved once per client; a key function is called again for every call. */
export interface ResolvedSettings {
  settings: ProviderSettings;
  apiKeySetter: ApiKeySetter | undefined;
}

export function resolveSettings(
  provider: Provider,
  providers: Readonly<Record<string, ProviderConfig>> | undefined,
  dropIn: OpenAIDropInOptions,
  env: Environment,
): ResolvedSettings {
  const config = entryForProvider(providers, provider);
  const { apiKey: configKey, baseURL: configBaseURL, headers: configHeaders, ...extra } = config ?? {};
  const isOpenAI = provider.name === "openai";
  const headers: Record<string, string | null> = { "User-Agent": USER_AGENT };
  if (isOpenAI) {
    // `openai` reads the environment only when the option is absent: an explicit null means "none".
    const organization = dropIn.organization === undefined ? env["OPENAI_ORG_ID"] : dropIn.organization;
    const project = dropIn.project === undefined ? env["OPENAI_PROJECT_ID"] : dropIn.project;
    if (organization) headers["OpenAI-Organization"] = organization;
    if (project) headers["OpenAI-Project"] = project;
    mergeHeaders(headers, dropIn.defaultHeaders);
    if (dropIn.defaultQuery !== undefined && extra["defaultQuery"] === undefined) extra["defaultQuery"] = dropIn.defaultQuery;
  }
  mergeHeaders(headers, configHeaders);
  for (const [name, value] of Object.entries(headers)) if (value === null) delete headers[name];
  const rawKey = configKey ?? (isOpenAI ? dropIn.apiKey : undefined) ?? fromEnv(env, provider.envPrefixes, "_API_KEY");
  const apiKey = typeof rawKey === "string" ? rawKey : undefined;
  const baseURL =
    nonEmpty(configBaseURL) ??
    (isOpenAI && dropIn.baseURL !== undefined ? (nonEmpty(dropIn.baseURL) ?? provider.defaultBaseURL) : undefined) ??
    fromEnv(env, provider.envPrefixes, "_BASE_URL") ??
    provider.defaultBaseURL;
  registerSecret(apiKey);
  if (!isHttpURL(baseURL)) {
    // Caught here, not as a "connection error" retried three times: an address without a scheme, say.
    throw new InvalidRequestError(
      `Invalid baseURL for ${provider.name}: ${JSON.stringify(baseURL)} is not an absolute http(s) URL (e.g. "${provider.defaultBaseURL}").`,
      `providers.${provider.name}.baseURL`,
    );
  }
  return {
    settings: { apiKey, baseURL: baseURL.replace(/\/+$/, ""), headers: headers as Record<string, string>, extra },
    apiKeySetter: typeof rawKey === "function" ? rawKey : undefined,
  };
}

/** Calls a key function as `openai` does, with its error messages; the key is redacted from then on. */
export async function callApiKeySetter(setter: ApiKeySetter): Promise<string> {
  let token: unknown;
  try {
    token = await setter();
  } catch (error) {
    if (error instanceof OneLLMError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new OneLLMError(`Failed to get token from 'apiKey' function: ${detail}`, { cause: error });
  }
  if (typeof token !== "string" || !token) {
    throw new OneLLMError(`Expected 'apiKey' function argument to return a string but it returned ${String(token)}`);
  }
  registerSecret(token);
  return token;
}

/**
 * Applies `source` onto `target` as `openai` does: names compare case-insensitively, a later value
 * replaces an earlier one, null removes (kept as null so a later layer can still delete downstream).
 */
export function mergeHeaders(target: Record<string, string | null>, source: HeadersLike): Record<string, string | null> {
  if (!source) return target;
  const rows: Iterable<readonly unknown[]> =
    source instanceof Headers ? source.entries() : Array.isArray(source) ? (source as readonly (readonly unknown[])[]) : Object.entries(source);
  for (const row of rows) {
    const name = row[0];
    if (typeof name !== "string") throw new TypeError("expected header name to be a string");
    const raw = row[1];
    const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string | null => value !== undefined);
    if (values.length === 0) continue;
    const lower = name.toLowerCase();
    for (const existing of Object.keys(target)) if (existing.toLowerCase() === lower) delete target[existing];
    const present = values.filter((value): value is string => value !== null);
    target[name] = present.length === 0 ? null : present.join(", ");
  }
  return target;
}

function isHttpURL(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value ? value : undefined;
}

/** As `openai` reads the environment: trimmed, and a blank value (`OPENAI_BASE_URL=`) counts as unset. */
function fromEnv(env: Environment, prefixes: readonly string[], suffix: string): string | undefined {
  for (const prefix of prefixes) {
    const value = env[`${prefix}${suffix}`]?.trim();
    if (value) return value;
  }
  return undefined;
}
