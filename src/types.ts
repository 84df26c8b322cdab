// Public types, named as in the `openai` package, all derived from the unified spec's generated types
// so that the contract in spec/unified/openapi.yaml is the single source of truth.
import type { components } from "../generated/unified/types.gen.js";

type Schemas = components["schemas"];

/** The request body: every field OpenAI's chat-completions API accepts, plus onellm's extensions. */
export type ChatCompletionCreateParams = Schemas["CreateChatCompletionRequest"];
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
