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
  EventStreamError,
  StreamInterruptedError,
  AllTargetsFailedError,
} from "./errors.js";
export type { TargetFailure, FailedAttempt } from "./errors.js";
export { MissingAPIKeyError } from "./router/router.js";
export type { ApiKeySetter, HeadersLike, ProviderConfig } from "./settings.js";
export type { LoggerSink, LogLevel } from "./logger.js";
export type { UnsupportedPolicy } from "./providers/contract.js";
export * from "./types.js";

export default OpenAI;
