// Placeholder until the Anthropic translator lands; registered so routing and errors are wired.
import type { Provider } from "../contract.js";

export const anthropicProvider: Provider = {
  name: "anthropic",
  aliases: [],
  envPrefixes: ["ANTHROPIC"],
  defaultBaseURL: "https://api.anthropic.com",
  requiresApiKey: true,
  capabilities: { nativeN: false, forwardsUnknownFields: false },
  prepare() {
    throw new Error("anthropic translator: not implemented");
  },
  send() {
    throw new Error("anthropic translator: not implemented");
  },
  parseResponse() {
    throw new Error("anthropic translator: not implemented");
  },
  createStreamTranslator() {
    throw new Error("anthropic translator: not implemented");
  },
  parseError() {
    throw new Error("anthropic translator: not implemented");
  },
};
