// The transport a client sends with when the caller gives it no fetch (and no fetch options): on
// Node, onellm's own node:http transport, loaded on the first request through the package import
// `#node-transport` (its "node" condition names core/node-transport.ts; every other runtime, and a
// bundle for one, gets core/no-node-transport.ts); elsewhere, or if it cannot load, the global fetch.
import type { FetchLike } from "./http.js";

let loaded: FetchLike | undefined;
let loading: Promise<FetchLike> | undefined;

/** Node itself (not Bun or Deno, which also define `process.versions.node`). */
function isNode(): boolean {
  const scope = globalThis as { process?: { versions?: { node?: unknown; bun?: unknown } }; Deno?: unknown; Bun?: unknown };
  try {
    return typeof scope.process?.versions?.node === "string" && scope.process.versions.bun === undefined && scope.Deno === undefined && scope.Bun === undefined;
  } catch {
    return false;
  }
}

async function load(fallback: FetchLike): Promise<FetchLike> {
  if (!isNode()) return fallback;
  try {
    const module = (await import("#node-transport")) as { createNodeTransport(): FetchLike | undefined };
    return module.createNodeTransport() ?? fallback;
  } catch {
    // A bundle that left the module out: fetch works everywhere onellm runs.
    return fallback;
  }
}

/** Sends with the platform's best transport; `fallback` (the global fetch) where there is no other. */
export function platformTransport(fallback: FetchLike): FetchLike {
  return (request) => {
    if (loaded !== undefined) return loaded(request);
    loading ??= load(fallback).then((transport) => (loaded = transport));
    return loading.then((transport) => transport(request));
  };
}
