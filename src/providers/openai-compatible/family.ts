// The OpenAI-dialect providers onellm knows by name. Limits come from each provider's docs
// (see ../shared/specs/upstream/SOURCES.md §4): what they reject is declared, never sent blind.
import { createOpenAIDialectProvider } from "./index.js";
import type { Provider } from "../contract.js";

export const openAICompatibleProviders: readonly Provider[] = [
  createOpenAIDialectProvider({
    name: "groq",
    envPrefixes: ["GROQ"],
    defaultBaseURL: "https://api.groq.com/openai/v1",
    nativeN: false,
    limits: { unsupportedFields: ["logprobs", "top_logprobs", "logit_bias"], rejectsMessageName: true },
  }),
  createOpenAIDialectProvider({
    name: "deepseek",
    envPrefixes: ["DEEPSEEK"],
    defaultBaseURL: "https://api.deepseek.com",
    nativeN: false,
  }),
  createOpenAIDialectProvider({
    name: "xai",
    aliases: ["grok"],
    envPrefixes: ["XAI"],
    defaultBaseURL: "https://api.x.ai/v1",
    nativeN: true,
  }),
  createOpenAIDialectProvider({
    name: "mistral",
    envPrefixes: ["MISTRAL"],
    defaultBaseURL: "https://api.mistral.ai/v1",
    nativeN: true,
    limits: { unsupportedFields: ["logit_bias", "logprobs", "top_logprobs"] },
  }),
  createOpenAIDialectProvider({
    name: "together",
    envPrefixes: ["TOGETHER"],
    defaultBaseURL: "https://api.together.xyz/v1",
    nativeN: true,
  }),
  createOpenAIDialectProvider({
    name: "openrouter",
    envPrefixes: ["OPENROUTER"],
    defaultBaseURL: "https://openrouter.ai/api/v1",
    nativeN: false,
  }),
  createOpenAIDialectProvider({
    name: "ollama",
    envPrefixes: ["OLLAMA"],
    defaultBaseURL: "http://localhost:11434/v1",
    nativeN: false,
    requiresApiKey: false,
  }),
];
