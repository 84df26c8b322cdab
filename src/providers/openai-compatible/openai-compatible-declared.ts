// Accepted request surfaces of OpenAI dialects that publish no OpenAPI spec, declared by hand from
// each provider's API reference (the `source` of each). Same shape as a generated surface.gen.ts.
// When a provider documents a field, it is listed; when it documents that a field is unsupported,
// or documents nothing about it, it is not (so an OpenAI field it lacks goes through the policy).
import type { DialectSurface, RoleSurface } from "./openai-compatible-surface.js";

function role(fields: readonly string[], parts: readonly string[] = [], strict = false): RoleSurface {
  return { fields: ["role", ...fields], parts, strict };
}

const FUNCTION_TOOLS = { "tools[].type": ["function"], "tool_choice.type": ["function"] } as const;
const TOOL_CALL_FIELDS = ["id", "type", "function"];
const FUNCTION_TOOL_FIELDS = ["type", "function"];

/** api-docs.deepseek.com, "Create Chat Completion" (request body) and "Thinking Mode" (reasoning_content in multi-turn tool use). */
export const deepseekSurface: DialectSurface = {
  source: "https://api-docs.deepseek.com/api/create-chat-completion",
  strict: false,
  fields: [
    "model", "messages", "thinking", "frequency_penalty", "max_tokens", "presence_penalty", "response_format", "stop",
    "stream", "stream_options", "temperature", "top_p", "tools", "tool_choice", "logprobs", "top_logprobs",
  ],
  roles: {
    system: role(["content", "name"]),
    user: role(["content", "name"]),
    assistant: role(["content", "name", "tool_calls", "prefix", "reasoning_content"]),
    tool: role(["content", "tool_call_id"]),
  },
  enums: { ...FUNCTION_TOOLS, tool_choice: ["none", "auto", "required"], "response_format.type": ["text", "json_object"] },
  toolCallFields: TOOL_CALL_FIELDS,
  partFields: [],
  toolFields: FUNCTION_TOOL_FIELDS,
};

/** docs.together.ai/reference/chat-completions-1 (request body; `logprobs` there is an integer, not OpenAI's boolean, so it is left out). */
export const togetherSurface: DialectSurface = {
  source: "https://docs.together.ai/reference/chat-completions-1",
  strict: false,
  fields: [
    "model", "messages", "max_tokens", "stop", "temperature", "top_p", "top_k", "context_length_exceeded_behavior",
    "repetition_penalty", "stream", "echo", "n", "min_p", "presence_penalty", "frequency_penalty", "logit_bias", "seed",
    "response_format", "tools", "tool_choice", "safety_model", "reasoning_effort",
  ],
  roles: {
    system: role(["content", "name"]),
    user: role(["content", "name"], ["text", "image_url", "video_url", "audio_url"]),
    assistant: role(["content", "name", "tool_calls"]),
    tool: role(["content", "name", "tool_call_id"]),
  },
  enums: {
    ...FUNCTION_TOOLS,
    tool_choice: ["auto", "none", "required"],
    "response_format.type": ["text", "json_object", "json_schema"],
    reasoning_effort: ["low", "medium", "high"],
  },
  toolCallFields: TOOL_CALL_FIELDS,
  partFields: [],
  toolFields: FUNCTION_TOOL_FIELDS,
};

/** docs.fireworks.ai/api-reference/post-chatcompletions (request body). */
export const fireworksSurface: DialectSurface = {
  source: "https://docs.fireworks.ai/api-reference/post-chatcompletions",
  strict: false,
  fields: [
    "model", "messages", "tools", "tool_choice", "parallel_tool_calls", "max_tokens", "max_completion_tokens",
    "prompt_truncate_len", "temperature", "top_p", "top_k", "min_p", "frequency_penalty", "presence_penalty",
    "repetition_penalty", "n", "stop", "response_format", "stream", "context_length_exceeded_behavior", "user",
    "logprobs", "top_logprobs", "seed", "reasoning_effort", "prediction", "logit_bias", "echo",
  ],
  roles: {
    system: role(["content", "name"], ["text"]),
    user: role(["content", "name"], ["text", "image_url"]),
    assistant: role(["content", "name", "tool_calls", "reasoning_content"], ["text"]),
    tool: role(["content", "name", "tool_call_id"], ["text"]),
  },
  enums: {
    ...FUNCTION_TOOLS,
    tool_choice: ["auto", "none", "any", "required"],
    "response_format.type": ["text", "json_object", "json_schema", "grammar"],
    reasoning_effort: ["low", "medium", "high", "none"],
  },
  toolCallFields: TOOL_CALL_FIELDS,
  partFields: [],
  toolFields: FUNCTION_TOOL_FIELDS,
};

/** inference-docs.cerebras.ai/api-reference/chat-completions (request body; messages are validated strictly). */
export const cerebrasSurface: DialectSurface = {
  source: "https://inference-docs.cerebras.ai/api-reference/chat-completions",
  strict: true,
  fields: [
    "model", "messages", "max_completion_tokens", "max_tokens", "logprobs", "top_logprobs", "parallel_tool_calls",
    "prediction", "reasoning_effort", "response_format", "seed", "service_tier", "stop", "stream", "stream_options",
    "temperature", "top_p", "tool_choice", "tools", "user",
  ],
  roles: {
    system: role(["content", "name"], ["text"], true),
    developer: role(["content", "name"], ["text"], true),
    user: role(["content", "name"], ["text"], true),
    assistant: role(["content", "name", "tool_calls", "reasoning"], ["text"], true),
    tool: role(["content", "tool_call_id", "name"], ["text"], true),
  },
  enums: {
    ...FUNCTION_TOOLS,
    tool_choice: ["none", "auto", "required"],
    "response_format.type": ["text", "json_object", "json_schema"],
    reasoning_effort: ["low", "medium", "high"],
    service_tier: ["auto", "default", "flex", "priority"],
  },
  toolCallFields: TOOL_CALL_FIELDS,
  partFields: [],
  toolFields: FUNCTION_TOOL_FIELDS,
};

/** docs.perplexity.ai/api-reference/chat-completions-post (Sonar: no tools; search options are Perplexity's own). */
export const perplexitySurface: DialectSurface = {
  source: "https://docs.perplexity.ai/api-reference/chat-completions-post",
  strict: false,
  fields: [
    "model", "messages", "max_tokens", "temperature", "top_p", "top_k", "stream", "stop", "presence_penalty",
    "frequency_penalty", "response_format", "reasoning_effort", "search_mode", "search_domain_filter", "return_images",
    "return_related_questions", "search_recency_filter", "search_after_date_filter", "search_before_date_filter",
    "last_updated_after_filter", "last_updated_before_filter", "web_search_options", "disable_search",
    "enable_search_classifier", "language_preference",
  ],
  roles: {
    system: role(["content"], ["text"]),
    user: role(["content"], ["text", "image_url", "file_url"]),
    assistant: role(["content"], ["text"]),
  },
  enums: { "response_format.type": ["text", "json_schema", "regex"], reasoning_effort: ["low", "medium", "high"] },
  toolCallFields: [],
  partFields: [],
  toolFields: FUNCTION_TOOL_FIELDS,
};

/** openrouter.ai/docs/api-reference/overview and /parameters (reasoning_details are taken back to preserve reasoning). */
export const openrouterSurface: DialectSurface = {
  source: "https://openrouter.ai/docs/api-reference/parameters",
  strict: false,
  fields: [
    "model", "messages", "models", "provider", "reasoning", "usage", "transforms", "plugins", "stream", "stream_options",
    "max_tokens", "max_completion_tokens", "temperature", "top_p", "top_k", "frequency_penalty", "presence_penalty",
    "repetition_penalty", "min_p", "top_a", "seed", "stop", "logit_bias", "logprobs", "top_logprobs", "response_format",
    "structured_outputs", "tools", "tool_choice", "parallel_tool_calls", "prediction", "verbosity", "user",
    "reasoning_effort",
  ],
  roles: {
    system: role(["content", "name"], ["text"]),
    developer: role(["content", "name"], ["text"]),
    user: role(["content", "name"], ["text", "image_url", "input_audio", "file"]),
    assistant: role(["content", "name", "tool_calls", "reasoning", "reasoning_details"], ["text"]),
    tool: role(["content", "tool_call_id", "name"], ["text"]),
  },
  enums: {
    ...FUNCTION_TOOLS,
    tool_choice: ["none", "auto", "required"],
    "response_format.type": ["text", "json_object", "json_schema"],
    reasoning_effort: ["minimal", "low", "medium", "high", "none", "xhigh"],
    verbosity: ["low", "medium", "high"],
  },
  toolCallFields: TOOL_CALL_FIELDS,
  // openrouter.ai/docs/features/prompt-caching: cache_control breakpoints on parts, passed on to Anthropic and Gemini.
  partFields: ["cache_control"],
  toolFields: FUNCTION_TOOL_FIELDS,
};

/** platform.moonshot.ai/docs/api/chat (Kimi; `partial` prefills the assistant turn; thinking models return reasoning_content). */
export const moonshotSurface: DialectSurface = {
  source: "https://platform.moonshot.ai/docs/api/chat",
  strict: false,
  fields: [
    "model", "messages", "max_tokens", "temperature", "top_p", "n", "presence_penalty", "frequency_penalty",
    "response_format", "stop", "stream", "stream_options", "tools", "tool_choice", "prompt_cache_key",
  ],
  roles: {
    system: role(["content", "name"]),
    user: role(["content", "name"], ["text", "image_url"]),
    assistant: role(["content", "name", "tool_calls", "partial", "reasoning_content"]),
    tool: role(["content", "tool_call_id", "name"]),
  },
  enums: { ...FUNCTION_TOOLS, tool_choice: ["none", "auto", "required"], "response_format.type": ["text", "json_object"] },
  toolCallFields: TOOL_CALL_FIELDS,
  partFields: [],
  toolFields: FUNCTION_TOOL_FIELDS,
};

/** lmstudio.ai/docs/app/api/endpoints/openai ("Supported payload parameters" of /v1/chat/completions). */
export const lmstudioSurface: DialectSurface = {
  source: "https://lmstudio.ai/docs/app/api/endpoints/openai",
  strict: false,
  fields: [
    "model", "messages", "top_p", "top_k", "max_tokens", "stream", "stream_options", "stop", "presence_penalty",
    "frequency_penalty", "logit_bias", "repeat_penalty", "seed", "temperature", "response_format", "tools", "tool_choice",
    "ttl", "draft_model",
  ],
  roles: {
    system: role(["content"], ["text"]),
    user: role(["content"], ["text", "image_url"]),
    assistant: role(["content", "tool_calls"], ["text"]),
    tool: role(["content", "tool_call_id"], ["text"]),
  },
  enums: { ...FUNCTION_TOOLS, tool_choice: ["none", "auto", "required"], "response_format.type": ["text", "json_schema"] },
  toolCallFields: TOOL_CALL_FIELDS,
  partFields: [],
  toolFields: FUNCTION_TOOL_FIELDS,
};

/** docs.vllm.ai, "OpenAI-Compatible Server" (Chat API: OpenAI's parameters plus vLLM's extra sampling and guided-decoding ones). */
export const vllmSurface: DialectSurface = {
  source: "https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html",
  strict: false,
  fields: [
    "model", "messages", "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "max_tokens",
    "max_completion_tokens", "n", "presence_penalty", "response_format", "seed", "stop", "stream", "stream_options",
    "temperature", "top_p", "tools", "tool_choice", "parallel_tool_calls", "user", "reasoning_effort", "top_k", "min_p",
    "repetition_penalty", "length_penalty", "min_tokens", "ignore_eos", "skip_special_tokens", "guided_json",
    "guided_regex", "guided_choice", "guided_grammar", "structured_outputs", "chat_template_kwargs",
  ],
  roles: {
    system: role(["content", "name"], ["text"]),
    developer: role(["content", "name"], ["text"]),
    user: role(["content", "name"], ["text", "image_url", "input_audio", "video_url", "audio_url"]),
    assistant: role(["content", "name", "tool_calls", "reasoning_content", "reasoning"], ["text"]),
    tool: role(["content", "tool_call_id"], ["text"]),
  },
  enums: {
    ...FUNCTION_TOOLS,
    tool_choice: ["none", "auto", "required"],
    "response_format.type": ["text", "json_object", "json_schema", "structural_tag"],
    reasoning_effort: ["low", "medium", "high"],
  },
  toolCallFields: TOOL_CALL_FIELDS,
  partFields: [],
  toolFields: FUNCTION_TOOL_FIELDS,
};

/**
 * ollama/ollama docs/api/openai-compatibility.mdx, "/v1/chat/completions: Supported request fields":
 * no `tool_choice`, `logit_bias`, `user` or `n`; images as base64 data URIs only.
 */
export const ollamaOpenAISurface: DialectSurface = {
  source: "https://github.com/ollama/ollama/blob/main/docs/api/openai-compatibility.mdx",
  strict: false,
  fields: [
    "model", "messages", "frequency_penalty", "presence_penalty", "response_format", "seed", "stop", "stream",
    "stream_options", "temperature", "top_p", "max_tokens", "tools", "reasoning_effort", "reasoning",
  ],
  roles: {
    system: role(["content"], ["text"]),
    user: role(["content"], ["text", "image_url", "video_url"]),
    assistant: role(["content", "tool_calls", "reasoning"], ["text"]),
    tool: role(["content", "tool_call_id"], ["text"]),
  },
  enums: {
    "tools[].type": ["function"],
    "response_format.type": ["text", "json_object", "json_schema"],
    reasoning_effort: ["high", "medium", "low", "none"],
  },
  toolCallFields: TOOL_CALL_FIELDS,
  partFields: [],
  toolFields: FUNCTION_TOOL_FIELDS,
};
