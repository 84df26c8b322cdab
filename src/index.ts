// Public entry point: named exports only (plus the client as default, as `openai` does).
import { OpenAI } from "./client.js";

export { OpenAI, OneLLM } from "./client.js";
export type { ClientOptions, RequestOptions, Fetch } from "./client.js";
export { APIPromise } from "./api-promise.js";
export type { WithRequestID } from "./api-promise.js";
export { Stream } from "./core/stream.js";
export {
  OneLLMError,
  OpenAIError,
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  InvalidRequestError,
  UnsupportedParameterError,
  IncompleteStreamError,
  StreamInterruptedError,
  AllTargetsFailedError,
} from "./errors.js";
export type { TargetFailure, FailedAttempt } from "./errors.js";
export { LengthFinishReasonError, ContentFilterFinishReasonError, StructuredOutputError } from "./errors-parse.js";
export type { SchemaIssue } from "./errors-parse.js";
export { Completions, Chat } from "./chat-completions.js";
export type { ChatCompletionParseParams } from "./chat-completions.js";
export { ChatCompletionStream } from "./helpers/chat-completion-stream.js";
export type {
  ChatCompletionStreamParams,
  ChatCompletionStreamEvents,
  ChatCompletionSnapshot,
  ContentDeltaEvent,
  ContentDoneEvent,
  RefusalDeltaEvent,
  RefusalDoneEvent,
  FunctionToolCallArgumentsDeltaEvent,
  FunctionToolCallArgumentsDoneEvent,
  LogProbsContentDeltaEvent,
  LogProbsContentDoneEvent,
  LogProbsRefusalDeltaEvent,
  LogProbsRefusalDoneEvent,
} from "./helpers/chat-completion-stream.js";
export { ChatCompletionRunner } from "./helpers/chat-completion-runner.js";
export type { ChatCompletionRunnerEvents, ChatCompletionToolRunnerParams } from "./helpers/chat-completion-runner.js";
export { ChatCompletionStreamingRunner } from "./helpers/chat-completion-streaming-runner.js";
export type { ChatCompletionStreamingToolRunnerParams } from "./helpers/chat-completion-streaming-runner.js";
export type { RunnerOptions, AbstractChatCompletionRunnerEvents } from "./helpers/abstract-chat-completion-runner.js";
export { AbstractChatCompletionRunner } from "./helpers/abstract-chat-completion-runner.js";
export { EventStream } from "./helpers/event-stream.js";
export { ParsingToolFunction } from "./helpers/runnable-function.js";
export type {
  RunnableFunction,
  RunnableFunctionWithParse,
  RunnableFunctionWithoutParse,
  RunnableToolFunction,
  RunnableToolFunctionWithParse,
  RunnableToolFunctionWithoutParse,
  RunnableTools,
} from "./helpers/runnable-function.js";
export { makeParseableResponseFormat, makeParseableTool, isAutoParsableResponseFormat, isAutoParsableTool } from "./helpers/parser.js";
export type {
  AutoParseableResponseFormat,
  AutoParseableTool,
  ExtractParsedContentFromParams,
  ParsedChatCompletion,
  ParsedChatCompletionMessage,
  ParsedChoice,
  ParsedFunction,
  ParsedFunctionToolCall,
} from "./helpers/parser.js";
export { MissingAPIKeyError } from "./router/router.js";
export type { ApiKeySetter, HeadersLike, ProviderConfig } from "./settings.js";
export type { LoggerSink, LogLevel } from "./logger.js";
export type {
  Hooks,
  HookEventBase,
  StartEvent,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
  FallbackEvent,
  CompleteEvent,
  CompletedChoice,
  ErrorEvent,
} from "./observability/hooks.js";
export type { UnsupportedPolicy } from "./providers/contract.js";
export * from "./types.js";

export default OpenAI;
