// Names for the parts of Bedrock's generated spec types (converted from AWS's Smithy model) this
// provider touches. Aliases only, so a model change is a compile error here.
import type { components } from "../../../generated/providers/bedrock/types.gen.js";
import type {
  BedrockChatRequest,
  BedrockChatResponse,
  BedrockErrorBody,
  BedrockStreamEvent,
} from "../../../generated/providers/bedrock/translator.gen.js";

type Schemas = components["schemas"];

export type { BedrockChatRequest, BedrockChatResponse, BedrockErrorBody, BedrockStreamEvent };

export type BedrockStreamRequest = Schemas["ConverseStreamRequest"];
export type BedrockMessage = Schemas["Message"];
export type BedrockContentBlock = Schemas["ContentBlock"];
export type BedrockSystemBlock = Schemas["SystemContentBlock"];
export type BedrockImageFormat = Schemas["ImageFormat"];
export type BedrockDocumentFormat = Schemas["DocumentFormat"];
export type BedrockToolResultBlock = Schemas["ToolResultBlock"];
export type BedrockToolResultContent = Schemas["ToolResultContentBlock"];
export type BedrockTool = Schemas["Tool"];
export type BedrockToolChoice = Schemas["ToolChoice"];
export type BedrockToolConfig = Schemas["ToolConfiguration"];
export type BedrockInferenceConfig = Schemas["InferenceConfiguration"];
export type BedrockStopReason = Schemas["StopReason"];
export type BedrockTokenUsage = Schemas["TokenUsage"];
export type BedrockReasoningBlock = Schemas["ReasoningContentBlock"];
export type BedrockBlockDelta = Schemas["ContentBlockDelta"];

/** Every member name of a union of single-member objects (`{ text } | { image } | ...`). */
export type UnionKeys<T> = T extends unknown ? keyof T : never;
/** The stream union's member names: the events and the exceptions a stream may carry. */
export type BedrockStreamMember = UnionKeys<BedrockStreamEvent>;
export type BedrockToolSpec = Schemas["ToolSpecification"];
