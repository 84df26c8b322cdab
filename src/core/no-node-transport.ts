// What `#node-transport` means outside Node (browsers, edge runtimes, Deno, Bun): no transport of
// its own, so the client sends with the runtime's fetch.
import type { FetchLike } from "./http.js";

export function createNodeTransport(): FetchLike | undefined {
  return undefined;
}
