// Names for the parts of Anthropic's generated spec types this provider touches. Aliases only:
// every wire shape comes from generated/providers/anthropic, so a spec change is a compile error.
import type { components } from "../../../generated/providers/anthropic/types.gen.js";
import type {
  AnthropicChatRequest,
  AnthropicChatResponse,
  AnthropicErrorBody,
  AnthropicStreamEvent,
} from "../../../generated/providers/anthropic/translator.gen.js";

type Schemas = components["schemas"];

export type { AnthropicChatRequest, AnthropicChatResponse, AnthropicErrorBody, AnthropicStreamEvent };

export type AnthropicInputMessage = Schemas["InputMessage"];
export type AnthropicInputBlock = Schemas["InputContentBlock"];
export type AnthropicTextBlock = Schemas["RequestTextBlock"];
export type AnthropicImageBlock = Schemas["RequestImageBlock"];
export type AnthropicDocumentBlock = Schemas["RequestDocumentBlock"];
export type AnthropicToolUseBlock = Schemas["RequestToolUseBlock"];
export type AnthropicToolResultBlock = Schemas["RequestToolResultBlock"];
export type AnthropicImageMediaType = Schemas["Base64ImageSource"]["media_type"];
export type AnthropicCacheControl = Schemas["CacheControlEphemeral"];

/** The custom (client-side) tool shape; server tools come only through provider_options. */
export type AnthropicTool = Schemas["Tool"];
export type AnthropicToolChoice = Schemas["ToolChoice"];
export type AnthropicInputSchema = Schemas["InputSchema"];

export type AnthropicContentBlock = Schemas["ContentBlock"];
export type AnthropicStopReason = Schemas["StopReason"];
export type AnthropicUsage = Schemas["Usage"];
export type AnthropicDeltaUsage = Schemas["MessageDeltaUsage"];
export type AnthropicBlockDelta = Schemas["ContentBlockDeltaEvent"]["delta"];
export type AnthropicErrorType = AnthropicErrorBody["error"]["type"];
export type AnthropicStreamErrorEvent = Schemas["ErrorEvent"];

export type AnthropicOutputConfig = Schemas["OutputConfig"];
export type AnthropicJsonOutputFormat = Schemas["JsonOutputFormat"];
export type AnthropicThinkingConfig = Schemas["ThinkingConfigParam"];
export type AnthropicEffort = Schemas["EffortLevel"];
export type AnthropicWebSearchTool = Schemas["WebSearchTool_20250305"];
export type AnthropicThinkingBlock = Schemas["RequestThinkingBlock"];
export type AnthropicRedactedThinkingBlock = Schemas["RequestRedactedThinkingBlock"];
export type AnthropicTextCitation = NonNullable<Schemas["ResponseTextBlock"]["citations"]>[number];
/** Any tool the request may list: a custom (function) tool or a server tool such as web search. */
export type AnthropicAnyTool = NonNullable<AnthropicChatRequest["tools"]>[number];
