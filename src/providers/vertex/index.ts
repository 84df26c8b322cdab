// Google Vertex AI as the registry knows it: `vertex/<model>` is Gemini, `vertex-anthropic/<model>`
// is Claude, each the translator of its provider served through a Vertex host (vertex-hosts.ts,
// loaded on the first call), sharing `providers.vertex` settings and an OAuth access token.
import type { ProviderHostIdentity } from "../provider-host.js";
import { vertexBaseURL } from "./vertex-endpoint.js";

/** The API version Claude on Vertex takes in the body (Anthropic's Vertex documentation). */
export const VERTEX_ANTHROPIC_VERSION = "vertex-2023-10-16";

const SHARED = {
  defaultBaseURL: "https://aiplatform.googleapis.com",
  requiresApiKey: false,
  resolveDefaultBaseURL: vertexBaseURL,
} as const;

/** Gemini on Vertex AI. */
export const VERTEX_GEMINI_HOST: ProviderHostIdentity = { ...SHARED, name: "vertex", aliases: [], envPrefixes: ["VERTEX"] };

/** Claude on Vertex AI. */
export const VERTEX_ANTHROPIC_HOST: ProviderHostIdentity = {
  ...SHARED,
  name: "vertex-anthropic",
  aliases: [],
  envPrefixes: ["VERTEX_ANTHROPIC"],
  settingsFrom: ["vertex"],
};
