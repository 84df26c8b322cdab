// OpenAI itself (loaded on first use; index.ts is what the registry holds): the reference dialect,
// every field passed through.
import { createOpenAIDialectProvider } from "../openai-compatible/index.js";
import { OPENAI_DIALECT } from "../openai-compatible/openai-compatible-dialects.js";
import { SPEC_SURFACES, TRANSPORTS } from "../openai-compatible/openai-compatible-family.js";

export const openaiImplementation = createOpenAIDialectProvider({
  definition: OPENAI_DIALECT,
  surface: SPEC_SURFACES.openai,
  reference: SPEC_SURFACES.openai,
  transport: TRANSPORTS.openai,
  passthrough: true,
});
