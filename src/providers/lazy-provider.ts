// A provider known by its identity (names, environment prefixes, base URL, capabilities) from the
// moment onellm is imported, whose implementation (translators, spec surfaces, generated client)
// loads on its first call: importing onellm then costs what the client and the router need, not
// every provider's code. The router always calls prepare() first, which loads it; the synchronous
// methods after it find it loaded.
import type { Provider } from "./contract.js";

/** What the registry and the client settings read of a provider before any call. */
export type ProviderIdentity = Omit<Provider, "prepare" | "parseResponse" | "send" | "createStreamTranslator" | "parseError">;

export function lazyProvider(identity: ProviderIdentity, load: () => Promise<Provider>): Provider {
  let implementation: Provider | undefined;
  let loading: Promise<Provider> | undefined;
  const loaded = (): Promise<Provider> =>
    (loading ??= load().then(
      (provider) => (implementation = provider),
      (error: unknown) => {
        // A later call may try again (a bundle's chunk that failed to load once, say).
        loading = undefined;
        throw error;
      },
    ));
  const ready = (method: string): Provider => {
    if (implementation === undefined) throw new Error(`onellm: ${identity.name}.${method}() was called before the provider loaded (prepare() loads it).`);
    return implementation;
  };
  return {
    ...identity,
    prepare: (request, call) => (implementation === undefined ? loaded().then((provider) => provider.prepare(request, call)) : implementation.prepare(request, call)),
    send: (prepared, call, init) => (implementation === undefined ? loaded().then((provider) => provider.send(prepared, call, init)) : implementation.send(prepared, call, init)),
    parseResponse: (body, call) => ready("parseResponse").parseResponse(body, call),
    createStreamTranslator: (call, includeUsage) => ready("createStreamTranslator").createStreamTranslator(call, includeUsage),
    parseError: (status, body, headers, model) => ready("parseError").parseError(status, body, headers, model),
  };
}
