// What Bedrock's Converse API takes of the unified request, as data: the request builder's
// unsupported-parameter check reads `fields`, and docs/capabilities.md is generated from all of it.
import { N_BY_PARALLEL_REQUESTS, native, emulated, unsupported, type ProviderDeclarations } from "../request-fields.js";

const ADDITIONAL_FIELDS = "model-specific fields go in provider_options.bedrock.additionalModelRequestFields";
// Converse's native prompt caching: a cachePoint block after what is to be cached (its TTL is fixed).
const CACHE_POINT = "`cache_control` or `prompt_cache_breakpoint` → a cachePoint block after it (5-minute TTL; `ttl: 1h` refused)";
const END_USER = "Converse takes no end-user id (requestMetadata tags invocation logs: use `metadata`)";

export const BEDROCK_DECLARATIONS: ProviderDeclarations = {
  name: "bedrock",
  label: "Amazon Bedrock",
  prefixes: ["bedrock"],
  fields: {
    model: native("/model/{model}", "a model id or inference profile, in the URL"),
    messages: native(undefined, "system and developer messages → `system`; same-role turns merge"),
    max_tokens: native("inferenceConfig.maxTokens"),
    max_completion_tokens: native("inferenceConfig.maxTokens"),
    temperature: native("inferenceConfig.temperature", "0–1"),
    top_p: native("inferenceConfig.topP"),
    stop: native("inferenceConfig.stopSequences", "at most 4"),
    stream: native("/converse-stream", "AWS's binary event stream"),
    stream_options: emulated("`include_usage`: the usage from the metadata event, on a last chunk"),
    tools: native("toolConfig.tools", "`cache_control` on a tool → a cachePoint after it"),
    tool_choice: native("toolConfig.toolChoice", "auto, required, a named tool; `none` with tools refused"),
    response_format: emulated("json_object and json_schema through a forced tool, its input returned as content"),
    metadata: native("requestMetadata"),
    // "none" asks for what Converse does anyway, so it is taken (and nothing sent).
    reasoning_effort: unsupported(
      'set the model\'s own reasoning fields, e.g. provider_options: { bedrock: { additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 2048 } } } }',
      ["none"],
    ),
    n: N_BY_PARALLEL_REQUESTS,
    parallel_tool_calls: unsupported(`Converse has no switch for it; for Claude use provider_options.bedrock.additionalModelRequestFields`),
    seed: unsupported(`Converse has no seed; ${ADDITIONAL_FIELDS}`),
    logprobs: unsupported(),
    top_logprobs: unsupported(),
    logit_bias: unsupported(),
    presence_penalty: unsupported("not a Converse inference parameter"),
    frequency_penalty: unsupported("not a Converse inference parameter"),
    user: unsupported(END_USER),
    safety_identifier: unsupported(END_USER),
    store: unsupported(),
    audio: unsupported(),
    modalities: unsupported(),
    prediction: unsupported(),
    service_tier: unsupported("Converse's performanceConfig (latency: optimized) goes in provider_options.bedrock"),
    verbosity: unsupported(),
    web_search_options: unsupported(),
    moderation: unsupported(),
    prompt_cache_key: unsupported("Converse caches at cachePoint blocks: mark parts or tools with cache_control or prompt_cache_breakpoint"),
    prompt_cache_retention: unsupported(),
    prompt_cache_options: unsupported(),
    functions: unsupported("use `tools`"),
    function_call: unsupported("use `tool_choice`"),
  },
  roles: {
    system: native("system"),
    developer: native("system"),
    user: native(),
    assistant: native(undefined, "reasoning blocks replayed from `reasoning_details`"),
    tool: native("toolResult", "results grouped into the next user turn"),
    function: unsupported("use tool messages with tool_call_id"),
  },
  parts: {
    text: native(undefined, CACHE_POINT),
    "image_url (https URL)": native("image", `downloaded safely by onellm and sent as bytes; PNG, JPEG, GIF, WebP; ${CACHE_POINT}`),
    "image_url (data: URI)": native("image", `PNG, JPEG, GIF, WebP; ${CACHE_POINT}`),
    input_audio: unsupported("Converse takes no audio input"),
    audio_url: unsupported("Converse takes no audio input"),
    "file (file_data)": native("document", `PDF, CSV, DOC(X), XLS(X), HTML, TXT, MD; ${CACHE_POINT}`),
    "file (file_id)": unsupported("Converse cannot read OpenAI file ids; pass file_data"),
  },
};
