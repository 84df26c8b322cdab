// Every translated provider's declarations (request fields, roles, content parts), in README's
// order. Pure data: the generator reads it to write docs/capabilities.md and README's table.
import { ANTHROPIC_DECLARATIONS } from "../src/providers/anthropic/anthropic-fields.js";
import { BEDROCK_DECLARATIONS } from "../src/providers/bedrock/bedrock-fields.js";
import { COHERE_DECLARATIONS } from "../src/providers/cohere/cohere-fields.js";
import { GEMINI_DECLARATIONS } from "../src/providers/gemini/gemini-fields.js";
import { OLLAMA_DECLARATIONS } from "../src/providers/ollama/ollama-fields.js";
import { native, type ProviderDeclarations } from "../src/providers/request-fields.js";

/** Vertex AI serves the Gemini and Anthropic translators through its own host (vertex/index.ts). */
const VERTEX_GEMINI: ProviderDeclarations = {
  ...GEMINI_DECLARATIONS,
  name: "vertex",
  label: "Vertex AI (Gemini)",
  prefixes: ["vertex"],
};

const VERTEX_ANTHROPIC: ProviderDeclarations = {
  ...ANTHROPIC_DECLARATIONS,
  name: "vertex-anthropic",
  label: "Vertex AI (Claude)",
  prefixes: ["vertex-anthropic"],
  // Claude on Vertex takes the model in the URL (publishers/anthropic/models/{model}:rawPredict), not in the body.
  fields: { ...ANTHROPIC_DECLARATIONS.fields, model: native("/models/{model}", "in the URL") },
};

export const TRANSLATED_DECLARATIONS: readonly ProviderDeclarations[] = [
  ANTHROPIC_DECLARATIONS,
  GEMINI_DECLARATIONS,
  OLLAMA_DECLARATIONS,
  COHERE_DECLARATIONS,
  BEDROCK_DECLARATIONS,
  VERTEX_GEMINI,
  VERTEX_ANTHROPIC,
];
