// Public types, named as in the `openai` package, all derived from the unified spec's generated types
// so that the contract in spec/unified/openapi.yaml is the single source of truth.
import type { components } from "../generated/unified/types.gen.js";
import type { ModelId } from "./models/model-ids.js";

export type { ModelId, KnownModelId } from "./models/model-ids.js";

type Schemas = components["schemas"];

/**
 * The request body: every field OpenAI's chat-completions API accepts, plus onellm's extensions
 * (`fallback_models`, `retries`, `timeout` in seconds, `provider_options`). `model` and
 * `fallback_models` take any string; known `provider/model` ids complete in an editor.
 */
export type ChatCompletionCreateParams = Omit<Schemas["CreateChatCompletionRequest"], "model" | "fallback_models"> & {
  /**
   * `provider/model`, split at the first slash (`anthropic/claude-sonnet-4-5`,
   * `together/meta-llama/Llama-3-70b`); a bare model name means `openai`.
   */
  model: ModelId;
  /** Models (`provider/model`) tried in order when `model` fails with a retryable error. */
  fallback_models?: ModelId[];
};
export type ChatCompletionCreateParamsStreaming = ChatCompletionCreateParams & { stream: true };
export type ChatCompletionCreateParamsNonStreaming = ChatCompletionCreateParams & { stream?: false | null };

export type ChatCompletion = Schemas["CreateChatCompletionResponse"];
export type ChatCompletionChunk = Schemas["CreateChatCompletionStreamResponse"];
export type OneLLMMetadata = Schemas["OnellmMetadata"];
export type OneLLMAttempt = OneLLMMetadata["attempts"][number];

export type ChatCompletionMessageParam = Schemas["ChatCompletionRequestMessage"];
export type ChatCompletionSystemMessageParam = Schemas["ChatCompletionRequestSystemMessage"];
export type ChatCompletionDeveloperMessageParam = Schemas["ChatCompletionRequestDeveloperMessage"];
export type ChatCompletionUserMessageParam = Schemas["ChatCompletionRequestUserMessage"];
export type ChatCompletionAssistantMessageParam = Schemas["ChatCompletionRequestAssistantMessage"];
export type ChatCompletionToolMessageParam = Schemas["ChatCompletionRequestToolMessage"];
export type ChatCompletionContentPart = Schemas["ChatCompletionRequestUserMessageContentPart"];
export type ChatCompletionTool = Schemas["ChatCompletionTool"];
export type ChatCompletionToolChoiceOption = Schemas["ChatCompletionToolChoiceOption"];
export type ChatCompletionMessage = Schemas["ChatCompletionResponseMessage"];
export type ChatCompletionMessageToolCall = Schemas["ChatCompletionMessageToolCall"];
export type ChatCompletionChunkToolCall = Schemas["ChatCompletionMessageToolCallChunk"];
export type CompletionUsage = Schemas["CompletionUsage"];

export type FinishReason = ChatCompletion["choices"][number]["finish_reason"];

/** One piece of reasoning that must go back to its producer (`format` names it), in OpenRouter's shape. */
export type ReasoningDetail = Schemas["OnellmReasoningDetails"][number];
/** Provider state a tool call carries across turns (Gemini's thought signature). */
export type ToolCallExtraContent = Schemas["OnellmToolCallExtraContent"];
/** A prompt-cache breakpoint in Anthropic's shape, on content parts and tools. */
export type CacheControl = Schemas["OnellmCacheControl"];
/** A url_citation annotation (web search, grounding), on the message and on stream deltas. */
export type UrlCitationAnnotation = NonNullable<ChatCompletionMessage["annotations"]>[number];
