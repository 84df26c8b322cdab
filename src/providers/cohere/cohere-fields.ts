// What Cohere's v2 chat takes of the unified request, as data: the request builder's
// unsupported-parameter check reads `fields`, and docs/capabilities.md is generated from all of it.
import { N_BY_PARALLEL_REQUESTS, native, emulated, unsupported, type ProviderDeclarations } from "../request-fields.js";

// Cohere's v2 chat has no prompt caching: a breakpoint on a part or tool goes through the policy (cohere-caching.ts).
const NO_CACHING = "`cache_control` / `prompt_cache_breakpoint` refused (no prompt caching)";

export const COHERE_DECLARATIONS: ProviderDeclarations = {
  name: "cohere",
  label: "Cohere",
  prefixes: ["cohere"],
  fields: {
    model: native(),
    messages: native(undefined, "system messages stay in place"),
    max_tokens: native(),
    max_completion_tokens: native("max_tokens"),
    temperature: native(undefined, "0–1"),
    top_p: native("p", "0.01–0.99"),
    stop: native("stop_sequences", "at most 5"),
    stream: native(),
    stream_options: emulated("`include_usage`: the usage from message-end, on a last chunk"),
    seed: native(undefined, "non-negative"),
    frequency_penalty: native(undefined, "0–1"),
    presence_penalty: native(undefined, "0–1"),
    logprobs: native(),
    tools: native(undefined, `\`strict\` on every function → \`strict_tools\`; ${NO_CACHING}`),
    tool_choice: native(undefined, "auto, none, required (→ `REQUIRED`); a named tool is emulated: only that tool offered, with `REQUIRED`"),
    response_format: native(undefined, "json_object; json_schema → json_object with the schema"),
    // "none" turns thinking off (`thinking: { type: "disabled" }`); a level needs a token budget, the caller's to choose.
    reasoning_effort: unsupported('set a thinking budget with provider_options: { cohere: { thinking: { type: "enabled", token_budget: 2048 } } }', ["none"]),
    n: N_BY_PARALLEL_REQUESTS,
    parallel_tool_calls: unsupported("Cohere decides how many tools to call; it cannot be held to one"),
    top_logprobs: unsupported("Cohere returns the chosen token's log probability only"),
    user: unsupported("Cohere's chat API takes no end-user id"),
    safety_identifier: unsupported("Cohere's chat API takes no end-user id"),
    metadata: unsupported(),
    store: unsupported(),
    logit_bias: unsupported(),
    audio: unsupported(),
    modalities: unsupported(),
    prediction: unsupported(),
    service_tier: unsupported(),
    verbosity: unsupported(),
    web_search_options: unsupported(),
    moderation: unsupported(),
    prompt_cache_key: unsupported(),
    prompt_cache_retention: unsupported(),
    prompt_cache_options: unsupported(),
    functions: unsupported("use `tools`"),
    function_call: unsupported("use `tool_choice`"),
  },
  roles: {
    system: native(),
    developer: native("system"),
    user: native(),
    assistant: native(undefined, "the text before tool calls goes as `tool_plan`"),
    tool: native(),
    function: unsupported("use tool messages with tool_call_id"),
  },
  parts: {
    text: native(undefined, NO_CACHING),
    "image_url (https URL)": native("image_url", NO_CACHING),
    "image_url (data: URI)": native("image_url", NO_CACHING),
    input_audio: unsupported(),
    audio_url: unsupported(),
    "file (file_data)": unsupported(),
    "file (file_id)": unsupported(),
  },
};
