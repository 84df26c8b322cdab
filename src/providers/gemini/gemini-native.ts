// Names for the Gemini wire types this folder uses. Every one is an alias of the generated spec
// types (never a hand-written copy), so a change in spec/providers/gemini.yaml surfaces here.
import type { components } from "../../../generated/providers/gemini/types.gen.js";

type Schemas = components["schemas"];

export type GeminiContent = Schemas["Content"];
export type GeminiPart = Schemas["Part"];
export type GeminiBlob = Schemas["Blob"];
export type GeminiFunctionCall = Schemas["FunctionCall"];
export type GeminiFunctionResponse = Schemas["FunctionResponse"];
export type GeminiTool = Schemas["Tool"];
export type GeminiFunctionDeclaration = Schemas["FunctionDeclaration"];
export type GeminiToolConfig = Schemas["ToolConfig"];
export type GeminiFunctionCallingMode = NonNullable<Schemas["FunctionCallingConfig"]["mode"]>;
export type GeminiSchema = Schemas["Schema"];
export type GeminiSchemaType = Schemas["Type"];
export type GeminiGenerationConfig = Schemas["GenerationConfig"];
export type GeminiThinkingConfig = Schemas["ThinkingConfig"];
export type GeminiThinkingLevel = NonNullable<GeminiThinkingConfig["thinkingLevel"]>;
export type GeminiCandidate = Schemas["Candidate"];
export type GeminiFinishReason = NonNullable<GeminiCandidate["finishReason"]>;
export type GeminiBlockReason = NonNullable<Schemas["PromptFeedback"]["blockReason"]>;
export type GeminiSafetyRating = Schemas["SafetyRating"];
export type GeminiUsageMetadata = Schemas["UsageMetadata"];
export type GeminiLogprobsResult = Schemas["LogprobsResult"];
export type GeminiMediaResolutionLevel = NonNullable<Schemas["MediaResolution"]["level"]>;
