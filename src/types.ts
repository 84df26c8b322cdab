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
