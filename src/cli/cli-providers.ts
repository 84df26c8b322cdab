// `onellm providers`: every provider with the variable its key is read from, its base URL and
// whether a key is set — never the key, nor any part of it.
import type { Provider } from "../providers/contract.js";
import { allProviders } from "../providers/registry.js";

interface CloudCredentials {
  /** Whether `<PREFIX>_API_KEY` is read as well (Bedrock's API key, sent as a bearer token). */
  readonly apiKey: boolean;
  /** Each entry: variables that together make a credential. */
  readonly variables: readonly (readonly string[])[];
}

/**
 * What a cloud provider reads from the environment besides a key, as its auth code does
 * (bedrock/bedrock-auth.ts, vertex/vertex-auth.ts).
 */
const CLOUD_CREDENTIALS: Readonly<Record<string, CloudCredentials>> = {
  bedrock: { apiKey: true, variables: [["AWS_BEARER_TOKEN_BEDROCK"], ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]] },
  vertex: { apiKey: false, variables: [["GOOGLE_APPLICATION_CREDENTIALS"]] },
  "vertex-anthropic": { apiKey: false, variables: [["GOOGLE_APPLICATION_CREDENTIALS"]] },
};

export interface ProviderRow {
  provider: string;
  aliases: string[];
  /** Variables a key (or credential) is read from, in the order onellm looks. */
  keyVariables: string[];
  /** set: a key or credential is in the environment; missing; not-needed (a local server). */
  key: "set" | "missing" | "not-needed";
  baseURL: string;
  /** Where the base URL comes from: `default`, or the variable that set it. */
  baseURLFrom: string;
}

function isSet(env: Readonly<Record<string, string | undefined>>, name: string): boolean {
  return (env[name]?.trim() ?? "") !== "";
}

/** A URL as it can be shown: credentials in it (user:password@) are masked. */
export function displayURL(value: string): string {
  try {
    const url = new URL(value);
    if (url.username === "" && url.password === "") return value;
    url.username = "***";
    url.password = "";
    return url.href;
  } catch {
    return value;
  }
}

function baseURLOf(provider: Provider, env: Readonly<Record<string, string | undefined>>): [string, string] {
  for (const prefix of provider.envPrefixes) {
    const variable = `${prefix}_BASE_URL`;
    if (isSet(env, variable)) return [displayURL(env[variable]!.trim()), variable];
  }
  try {
    const resolved = provider.resolveDefaultBaseURL?.({}, env);
    if (resolved !== undefined) return [displayURL(resolved), "default"];
  } catch {
    // Needs a setting (a region, an endpoint): show the static default.
  }
  return [provider.defaultBaseURL, "default"];
}

export function providerRows(env: Readonly<Record<string, string | undefined>>): ProviderRow[] {
  return allProviders().map((provider) => {
    const credentials = CLOUD_CREDENTIALS[provider.name];
    const keyVariables = credentials?.apiKey === false ? [] : provider.envPrefixes.map((prefix) => `${prefix}_API_KEY`);
    const cloud = credentials?.variables ?? [];
    const hasKey = keyVariables.some((name) => isSet(env, name)) || cloud.some((group) => group.every((name) => isSet(env, name)));
    const [baseURL, baseURLFrom] = baseURLOf(provider, env);
    return {
      provider: provider.name,
      aliases: [...provider.aliases],
      keyVariables: [...keyVariables, ...cloud.map((group) => group.join(" + "))],
      key: hasKey ? "set" : provider.requiresApiKey || cloud.length > 0 ? "missing" : "not-needed",
      baseURL,
      baseURLFrom,
    };
  });
}

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}

export function renderProviders(rows: readonly ProviderRow[]): string {
  const keyText = { set: "set", missing: "not set", "not-needed": "none needed" } as const;
  return `${formatTable(
    ["provider", "key", "key variable", "base URL"],
    rows.map((row) => [
      row.aliases.length === 0 ? row.provider : `${row.provider} (${row.aliases.join(", ")})`,
      keyText[row.key],
      row.keyVariables.join(" or "),
      row.baseURLFrom === "default" ? row.baseURL : `${row.baseURL} (${row.baseURLFrom})`,
    ]),
  )}\n`;
}
