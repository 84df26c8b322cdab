// OpenAI itself: the reference dialect, every field passed through.
import { createOpenAIDialectProvider } from "../openai-compatible/index.js";

export const openaiProvider = createOpenAIDialectProvider({
  name: "openai",
  envPrefixes: ["OPENAI"],
  defaultBaseURL: "https://api.openai.com/v1",
  nativeN: true,
});
