// Each client's module is imported only in the process that measures it, so no client's memory
// or startup shows up in another's figures.
import type { BenchClient, Variant } from "./contract.js";

export async function createClient(variant: Variant, baseURL: string): Promise<BenchClient> {
  switch (variant.kind) {
    case "floor":
      return (await import("./floor-client.js")).createFloorClient(variant.format, baseURL);
    case "undici":
      return (await import("./undici-client.js")).createUndiciClient(variant.format, baseURL);
    case "fetch":
      return (await import("./fetch-client.js")).createFetchClient(variant.format, baseURL);
    case "openai-package":
      return (await import("./openai-package-client.js")).createOpenAIPackageClient(baseURL);
    case "onellm":
      return (await import("./onellm-client.js")).createOneLLMClient(variant.format, baseURL);
    default: {
      const exhaustive: never = variant.kind;
      throw new Error(`unknown client ${String(exhaustive)}`);
    }
  }
}
