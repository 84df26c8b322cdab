// OpenAI itself as the registry holds it: the reference dialect, every field passed through. Its
// implementation (openai-provider.ts: the spec surface, the generated client) loads on the first call.
import type { Provider } from "../contract.js";
import { lazyProvider } from "../lazy-provider.js";
import { dialectIdentity } from "../openai-compatible/openai-compatible-dialect.js";
import { OPENAI_DIALECT } from "../openai-compatible/openai-compatible-dialects.js";

export const openaiProvider: Provider = lazyProvider(dialectIdentity(OPENAI_DIALECT), async () => (await import("./openai-provider.js")).openaiImplementation);
