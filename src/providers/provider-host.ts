// The fields a provider built on a ProviderHost takes from it as they are: its names, environment
// prefixes, shared settings, base URL and whether it needs a key.
import type { Provider, ProviderHost } from "./contract.js";

type Identity = Pick<Provider, "name" | "aliases" | "envPrefixes" | "settingsFrom" | "defaultBaseURL" | "resolveDefaultBaseURL" | "requiresApiKey" | "browserHeaders">;

/** What a host is known by before its code loads (see lazy-provider.ts). */
export type ProviderHostIdentity = Pick<ProviderHost<unknown>, "name" | "aliases" | "envPrefixes" | "settingsFrom" | "defaultBaseURL" | "requiresApiKey" | "browserHeaders" | "resolveDefaultBaseURL">;

export function hostIdentity<Body>(host: ProviderHost<Body>): Identity {
  return {
    name: host.name,
    aliases: host.aliases,
    envPrefixes: host.envPrefixes,
    ...(host.settingsFrom === undefined ? {} : { settingsFrom: host.settingsFrom }),
    defaultBaseURL: host.defaultBaseURL,
    ...(host.resolveDefaultBaseURL === undefined ? {} : { resolveDefaultBaseURL: host.resolveDefaultBaseURL.bind(host) }),
    requiresApiKey: host.requiresApiKey,
    ...(host.browserHeaders === undefined ? {} : { browserHeaders: host.browserHeaders }),
  };
}
