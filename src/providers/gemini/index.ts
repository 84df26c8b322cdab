// Placeholder until the Gemini translator lands; registered so routing and errors are wired.
import type { Provider } from "../contract.js";

export const geminiProvider: Provider = {
  name: "google",
  aliases: ["gemini"],
  envPrefixes: ["GEMINI", "GOOGLE"],
  defaultBaseURL: "https://generativelanguage.googleapis.com",
  requiresApiKey: true,
  capabilities: { nativeN: true, forwardsUnknownFields: false },
  prepare() {
    throw new Error("gemini translator: not implemented");
  },
  send() {
    throw new Error("gemini translator: not implemented");
  },
  parseResponse() {
    throw new Error("gemini translator: not implemented");
  },
  createStreamTranslator() {
    throw new Error("gemini translator: not implemented");
  },
  parseError() {
    throw new Error("gemini translator: not implemented");
  },
};
