// The type names `openai` users reach through the client's namespace — `OpenAI.ChatCompletion`,
// `OpenAI.Chat.ChatCompletionMessageParam`, `OpenAI.Chat.Completions.ChatCompletionTool` — so code
// that annotates with them compiles after swapping the import. Types only; nothing here runs.
import type { components } from "../generated/unified/types.gen.js";

type Schemas = components["schemas"];

export type {
  ChatCompletion,
  ChatCompletionAssistantMessageParam,
  ChatCompletionChunk,
  ChatCompletionContentPart,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionDeveloperMessageParam,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionSystemMessageParam,
  ChatCompletionTool,
  ChatCompletionToolChoiceOption,
  ChatCompletionToolMessageParam,
  ChatCompletionUserMessageParam,
  CompletionUsage,
} from "./types.js";

export type ChatCompletionFunctionTool = Extract<Schemas["ChatCompletionTool"], { type: "function" }>;
export type ChatCompletionCustomTool = Schemas["CustomToolChatCompletions"];
export type ChatCompletionFunctionMessageParam = Schemas["ChatCompletionRequestFunctionMessage"];
export type ChatCompletionContentPartText = Schemas["ChatCompletionRequestMessageContentPartText"];
export type ChatCompletionContentPartImage = Schemas["ChatCompletionRequestMessageContentPartImage"];
export type ChatCompletionContentPartInputAudio = Schemas["ChatCompletionRequestMessageContentPartAudio"];
export type ChatCompletionContentPartRefusal = Schemas["ChatCompletionRequestMessageContentPartRefusal"];
export type ChatCompletionMessageFunctionToolCall = Extract<Schemas["ChatCompletionMessageToolCall"], { type: "function" }>;
export type ChatCompletionMessageCustomToolCall = Schemas["ChatCompletionMessageCustomToolCall"];
export type ChatCompletionNamedToolChoice = Schemas["ChatCompletionNamedToolChoice"];
export type ChatCompletionNamedToolChoiceCustom = Schemas["ChatCompletionNamedToolChoiceCustom"];
export type ChatCompletionAllowedToolChoice = Schemas["ChatCompletionAllowedToolsChoice"];
export type ChatCompletionAllowedTools = Schemas["ChatCompletionAllowedTools"];
export type ChatCompletionFunctionCallOption = Schemas["ChatCompletionFunctionCallOption"];
export type ChatCompletionStreamOptions = Schemas["ChatCompletionStreamOptions"];
export type ChatCompletionTokenLogprob = Schemas["ChatCompletionTokenLogprob"];
export type ChatCompletionPredictionContent = Schemas["PredictionContent"];
export type ChatCompletionReasoningEffort = Schemas["ReasoningEffort"];
export type ChatCompletionModality = Schemas["ResponseModalities"] extends readonly (infer M)[] | null | undefined ? M : never;
export type ChatCompletionRole = "developer" | "system" | "user" | "assistant" | "tool" | "function";
export type ChatModel = Schemas["ModelIdsShared"];

export type {
  ParsedChatCompletion,
  ParsedChatCompletionMessage,
  ParsedChoice,
  ParsedFunction,
  ParsedFunctionToolCall,
} from "./helpers/parser.js";
export type { ChatCompletionParseParams } from "./chat-completions.js";
export type { ChatCompletionStream, ChatCompletionStreamParams } from "./helpers/chat-completion-stream.js";
export type { ChatCompletionRunner, ChatCompletionToolRunnerParams } from "./helpers/chat-completion-runner.js";
export type {
  ChatCompletionStreamingRunner,
  ChatCompletionStreamingToolRunnerParams,
} from "./helpers/chat-completion-streaming-runner.js";
export type { RunnableFunctionWithParse, RunnableFunctionWithoutParse, ParsingToolFunction } from "./helpers/runnable-function.js";

/** `OpenAI.Chat.Completions.*` holds the same names as `OpenAI.Chat.*`, as in `openai`. */
export * as Completions from "./openai-namespace.js";
