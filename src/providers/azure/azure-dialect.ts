// Azure OpenAI as a dialect definition: pure data (README's provider table is generated from it).
import type { DialectDefinition } from "../openai-compatible/openai-compatible-dialect.js";
import { OPENAI_TOOL_CALL_ID } from "../openai-compatible/openai-compatible-dialects.js";

export const AZURE_DIALECT: DialectDefinition = {
  name: "azure",
  label: "Azure OpenAI",
  envPrefixes: ["AZURE_OPENAI"],
  // Built from the endpoint (AZURE_OPENAI_ENDPOINT): `<endpoint>/openai`, then `/v1` or `/deployments/<deployment>`.
  defaultBaseURL: "https://<resource>.openai.azure.com/openai",
  // A key or an Entra ID token provider: checked when a call is prepared.
  requiresApiKey: false,
  nativeN: true,
  client: "openai",
  surface: { spec: "openai" },
  // The same service behind it: OpenAI's 40-character limit on tool-call ids holds here too.
  quirks: { toolCallId: OPENAI_TOOL_CALL_ID },
};
