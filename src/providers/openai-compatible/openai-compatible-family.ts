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
    limits: {
      unsupportedFields: [],
      // Mistral's ChatCompletionRequest (upstream mistral/openapi.yaml) has additionalProperties: false.
      acceptedFields: [
        "temperature", "top_p", "max_tokens", "stream", "stop", "random_seed", "metadata", "messages",
        "response_format", "tools", "tool_choice", "presence_penalty", "frequency_penalty", "n", "prediction",
        "parallel_tool_calls", "prompt_mode", "reasoning_effort", "guardrails", "prompt_cache_key", "safe_prompt",
      ],
      renamedFields: { seed: "random_seed", max_completion_tokens: "max_tokens" },
    },
  }),
  createOpenAIDialectProvider({
    name: "fireworks",
    envPrefixes: ["FIREWORKS"],
    defaultBaseURL: "https://api.fireworks.ai/inference/v1",
    nativeN: true,
  }),
  createOpenAIDialectProvider({
    name: "cerebras",
    envPrefixes: ["CEREBRAS"],
    defaultBaseURL: "https://api.cerebras.ai/v1",
    nativeN: false,
  }),
  createOpenAIDialectProvider({
    name: "perplexity",
    envPrefixes: ["PERPLEXITY"],
    defaultBaseURL: "https://api.perplexity.ai",
    nativeN: false,
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
