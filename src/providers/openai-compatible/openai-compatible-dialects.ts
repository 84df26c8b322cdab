// Every OpenAI-chat dialect onellm knows by name. Surfaces come from the provider's spec where one is
// published (spec/providers/<p>.yaml) and are declared with their sources otherwise
// (openai-compatible-declared.ts). Base URLs are the official SDKs'. Each quirk names its source.
import type { DialectDefinition } from "./openai-compatible-dialect.js";
import type { ToolCallIdRule } from "./openai-compatible-surface.js";
import {
  cerebrasSurface,
  deepseekSurface,
  fireworksSurface,
  lmstudioSurface,
  moonshotSurface,
  ollamaOpenAISurface,
  openrouterSurface,
  perplexitySurface,
  togetherSurface,
  vllmSurface,
} from "./openai-compatible-declared.js";

/**
 * OpenAI refuses tool-call ids over 40 characters (Gemini's, Bedrock's and many agents' ids are
 * longer); the spec types the id only as a string, so the rule is the API's own 400.
 */
export const OPENAI_TOOL_CALL_ID: ToolCallIdRule = {
  alphabet: "any",
  maxLength: 40,
  source: `OpenAI API 400 "Invalid 'messages[i].tool_calls[j].id': string too long. Expected a string with maximum length 40" (code string_above_max_length)`,
};

/** OpenAI itself: the reference dialect. */
export const OPENAI_DIALECT: DialectDefinition = {
  name: "openai",
  label: "OpenAI",
  envPrefixes: ["OPENAI"],
  defaultBaseURL: "https://api.openai.com/v1",
  requiresApiKey: true,
  nativeN: true,
  client: "openai",
  surface: { spec: "openai" },
  quirks: { toolCallId: OPENAI_TOOL_CALL_ID },
};

export const DIALECTS: readonly DialectDefinition[] = [
  {
    name: "mistral",
    label: "Mistral",
    envPrefixes: ["MISTRAL"],
    // mistralai SDKs: server https://api.mistral.ai, path /v1/chat/completions.
    defaultBaseURL: "https://api.mistral.ai",
    requiresApiKey: true,
    nativeN: true,
    client: "mistral",
    surface: { spec: "mistral" },
    quirks: {
      // Mistral sends usage on the finish chunk of every stream and has no stream_options (spec/providers/mistral.yaml).
      usageAlwaysStreamed: true,
      // docs.mistral.ai "Function calling": "any" forces a tool call; "required" is only accepted by newer deployments.
      toolChoiceValues: { required: "any" },
      // spec/providers/mistral.yaml AudioChunk / FileChunk / DocumentURLChunk.
      mistralParts: true,
      // spec/providers/mistral.yaml Function: required [name, parameters].
      toolParametersRequired: true,
      toolCallId: {
        alphabet: "alphanumeric",
        minLength: 9,
        maxLength: 9,
        // The API's 400 for any other id; the spec types the id only as a string.
        source: 'Mistral API error "Tool call id has to be a-z, A-Z, 0-9, with a length of 9" (docs.mistral.ai, "Function calling")',
      },
    },
  },
  {
    name: "groq",
    label: "Groq",
    envPrefixes: ["GROQ"],
    // groq-sdk: base https://api.groq.com, path /openai/v1/chat/completions.
    defaultBaseURL: "https://api.groq.com",
    requiresApiKey: true,
    // spec/providers/groq.yaml: n has maximum 1.
    nativeN: false,
    client: "groq",
    surface: { spec: "groq" },
    quirks: {
      // Groq puts usage in x_groq.usage on the last chunk and its request has no stream_options (spec/providers/groq.yaml).
      usageAlwaysStreamed: true,
      // The spec's own descriptions: "This is not yet supported by any of our models"; console.groq.com/docs/openai: a 400.
      refusedFields: ["logprobs", "top_logprobs", "logit_bias"],
      // console.groq.com/docs/openai, "Currently Unsupported OpenAI Features": `messages[].name` is a 400.
      refusedMessageFields: ["name"],
    },
  },
  {
    name: "xai",
    label: "xAI",
    aliases: ["grok"],
    envPrefixes: ["XAI"],
    defaultBaseURL: "https://api.x.ai/v1",
    requiresApiKey: true,
    nativeN: true,
    client: "xai",
    surface: { spec: "xai" },
    // docs.x.ai "Streaming": the last chunk carries usage; the spec has no stream_options.
    quirks: { usageAlwaysStreamed: true },
  },
  {
    name: "deepseek",
    label: "DeepSeek",
    envPrefixes: ["DEEPSEEK"],
    defaultBaseURL: "https://api.deepseek.com",
    requiresApiKey: true,
    nativeN: false,
    client: "openai",
    surface: { declared: deepseekSurface },
    quirks: {},
  },
  {
    name: "together",
    label: "Together AI",
    envPrefixes: ["TOGETHER"],
    defaultBaseURL: "https://api.together.xyz/v1",
    requiresApiKey: true,
    nativeN: true,
    client: "openai",
    surface: { declared: togetherSurface },
    // docs.together.ai "Chat Completions" streaming: the final chunk carries usage; no stream_options.
    quirks: { usageAlwaysStreamed: true },
  },
  {
    name: "fireworks",
    label: "Fireworks AI",
    envPrefixes: ["FIREWORKS"],
    defaultBaseURL: "https://api.fireworks.ai/inference/v1",
    requiresApiKey: true,
    nativeN: true,
    client: "openai",
    surface: { declared: fireworksSurface },
    // docs.fireworks.ai "Create Chat Completion": the last streamed chunk includes usage.
    quirks: { usageAlwaysStreamed: true },
  },
  {
    name: "cerebras",
    label: "Cerebras",
    envPrefixes: ["CEREBRAS"],
    defaultBaseURL: "https://api.cerebras.ai/v1",
    requiresApiKey: true,
    nativeN: false,
    client: "openai",
    surface: { declared: cerebrasSurface },
    quirks: {},
  },
  {
    name: "perplexity",
    label: "Perplexity",
    envPrefixes: ["PERPLEXITY"],
    defaultBaseURL: "https://api.perplexity.ai",
    requiresApiKey: true,
    nativeN: false,
    client: "openai",
    surface: { declared: perplexitySurface },
    // docs.perplexity.ai: streamed chunks carry usage; there is no stream_options.
    quirks: { usageAlwaysStreamed: true },
  },
  {
    name: "openrouter",
    label: "OpenRouter",
    envPrefixes: ["OPENROUTER"],
    defaultBaseURL: "https://openrouter.ai/api/v1",
    requiresApiKey: true,
    nativeN: false,
    client: "openai",
    surface: { declared: openrouterSurface },
    quirks: {},
  },
  {
    name: "moonshot",
    label: "Moonshot AI (Kimi)",
    envPrefixes: ["MOONSHOT"],
    defaultBaseURL: "https://api.moonshot.ai/v1",
    requiresApiKey: true,
    nativeN: true,
    client: "openai",
    surface: { declared: moonshotSurface },
    quirks: {},
  },
  {
    name: "lmstudio",
    label: "LM Studio",
    envPrefixes: ["LMSTUDIO"],
    defaultBaseURL: "http://127.0.0.1:1234/v1",
    requiresApiKey: false,
    nativeN: false,
    client: "openai",
    surface: { declared: lmstudioSurface },
    quirks: {},
  },
  {
    name: "vllm",
    label: "vLLM",
    envPrefixes: ["VLLM"],
    defaultBaseURL: "http://127.0.0.1:8000/v1",
    requiresApiKey: false,
    nativeN: true,
    client: "openai",
    surface: { declared: vllmSurface },
    quirks: {},
  },
  {
    // Ollama's OpenAI-compatible endpoint; `ollama/` is its native /api/chat.
    name: "ollama-openai",
    label: "Ollama (OpenAI-compatible /v1)",
    envPrefixes: ["OLLAMA_OPENAI"],
    defaultBaseURL: "http://127.0.0.1:11434/v1",
    requiresApiKey: false,
    nativeN: false,
    client: "openai",
    surface: { declared: ollamaOpenAISurface },
    // docs/api/openai-compatibility.mdx: "Image URL (HTTP/HTTPS)" is unchecked; base64 data URIs only.
    quirks: { inlineImagesOnly: true },
  },
];
