// Names for the parts of Cohere's generated spec types this provider touches. Aliases only: every
// wire shape comes from generated/providers/cohere, so a spec change is a compile error here.
import type { components } from "../../../generated/providers/cohere/types.gen.js";
import type {
  CohereChatRequest,
  CohereChatResponse,
  CohereErrorBody,
  CohereStreamEvent,
} from "../../../generated/providers/cohere/translator.gen.js";

type Schemas = components["schemas"];

export type { CohereChatRequest, CohereChatResponse, CohereErrorBody, CohereStreamEvent };

export type CohereMessage = Schemas["ChatMessageV2"];
export type CohereUserMessage = Schemas["UserMessageV2"];
export type CohereAssistantMessage = Schemas["AssistantMessageV2"];
export type CohereToolMessage = Schemas["ToolMessageV2"];
export type CohereUserContent = Schemas["Content"];
export type CohereTextContent = Schemas["ChatTextContent"];
export type CohereThinkingContent = Schemas["ChatThinkingContent"];
export type CohereTool = Schemas["ToolV2"];
export type CohereToolCall = Schemas["ToolCallV2"];
export type CohereToolChoice = NonNullable<CohereChatRequest["tool_choice"]>;
export type CohereResponseFormat = Schemas["ResponseFormatV2"];
export type CohereFinishReason = Schemas["ChatFinishReason"];
export type CohereUsage = Schemas["Usage"];
export type CohereCitation = Schemas["Citation"];
export type CohereSource = Schemas["Source"];
export type CohereLogprob = Schemas["LogprobItem"];
export type CohereResponseMessage = Schemas["AssistantMessageResponse"];
