// The OpenAI-dialect providers as the registry holds them: each known by its definition's identity,
// its implementation (surface, generated client: openai-compatible-family.ts) loaded on the first call.
import type { Provider } from "../contract.js";
import { lazyProvider } from "../lazy-provider.js";
import { dialectIdentity } from "./openai-compatible-dialect.js";
import { DIALECTS } from "./openai-compatible-dialects.js";

export const openAICompatibleProviders: readonly Provider[] = DIALECTS.map((definition) =>
  lazyProvider(dialectIdentity(definition), async () => (await import("./openai-compatible-family.js")).dialectImplementation(definition.name)),
);
