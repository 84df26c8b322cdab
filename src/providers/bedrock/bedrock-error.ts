// Bedrock errors -> our error classes. An HTTP error carries its type in the x-amzn-errortype header
// (`ThrottlingException:http://...`) and `{ message }` in the body; a stream carries modeled
// exceptions as event-stream messages (`:exception-type: throttlingException`), whose status is the
// @httpError the Smithy model gives each exception, so throttling stays a retryable 429 everywhere.
import { APIError } from "../../errors.js";
import type { BedrockErrorBody, BedrockStreamMember } from "./bedrock-schema.js";

const PROVIDER = "bedrock";

type StreamException = Exclude<BedrockStreamMember, "messageStart" | "contentBlockStart" | "contentBlockDelta" | "contentBlockStop" | "messageStop" | "metadata">;

/** Each exception the stream union lists, with its @httpError status; a new one is a compile error here. */
const STREAM_EXCEPTION_STATUS: Record<StreamException, number> = {
  internalServerException: 500,
  modelStreamErrorException: 424,
  validationException: 400,
  throttlingException: 429,
  serviceUnavailableException: 503,
};

/** Exceptions by the name the x-amzn-errortype header uses, for 2xx bodies and statusless cases. */
const STATUS_BY_ERROR_TYPE: Readonly<Record<string, number>> = {
  AccessDeniedException: 403,
  InternalServerException: 500,
  ModelErrorException: 424,
  ModelNotReadyException: 429,
  ModelTimeoutException: 408,
  ModelStreamErrorException: 424,
  ResourceNotFoundException: 404,
  ServiceQuotaExceededException: 400,
  ServiceUnavailableException: 503,
  ThrottlingException: 429,
  ValidationException: 400,
};

function messageOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as BedrockErrorBody | null;
    const message = parsed?.message ?? parsed?.Message;
    return typeof message === "string" && message.length > 0 ? message : undefined;
  } catch {
    return undefined;
  }
}

/** `ThrottlingException:http://internal.amazon.com/coral/...` -> `ThrottlingException`. */
function errorType(headers: Headers | undefined): string | undefined {
  const raw = headers?.get("x-amzn-errortype");
  return raw ? raw.split(":")[0] : undefined;
}

/**
 * Bedrock's retryable conditions that do not use a retryable status: ModelNotReady comes as 429
 * already; a model error (424) and a model timeout (408) are worth another attempt too.
 */
function retryableType(type: string | undefined): boolean | undefined {
  if (type === "ModelErrorException" || type === "ModelStreamErrorException" || type === "ModelTimeoutException") return true;
  return undefined;
}

/** A non-2xx response -> the error class for its status, with Bedrock's type and message. */
export function errorFromBedrockResponse(status: number, body: string, headers: Headers | undefined, model: string): APIError {
  const type = errorType(headers);
  const message = messageOf(body);
  const retryable = retryableType(type);
  return APIError.fromResponse(status, body, headers, PROVIDER, {
    model,
    ...(type === undefined ? {} : { type }),
    ...(message === undefined ? {} : { message: type === undefined ? message : `${message} (${type})`, error: { message, type } }),
    ...(retryable === undefined ? {} : { retryable }),
  });
}

export function isStreamException(name: string): name is StreamException {
  return Object.hasOwn(STREAM_EXCEPTION_STATUS, name);
}

/** A modeled exception inside a ConverseStream body -> the error its @httpError status calls for. */
export function errorFromStreamException(name: string, payload: string, model: string): APIError {
  const status = isStreamException(name) ? STREAM_EXCEPTION_STATUS[name] : (STATUS_BY_ERROR_TYPE[name.charAt(0).toUpperCase() + name.slice(1)] ?? 500);
  const message = messageOf(payload) ?? "no message";
  const type = name.charAt(0).toUpperCase() + name.slice(1);
  const retryable = retryableType(type);
  return APIError.fromResponse(status, payload, undefined, PROVIDER, {
    model,
    type,
    error: { message, type },
    message: `${message} (${type}, sent in the stream)`,
    ...(retryable === undefined ? {} : { retryable }),
  });
}

/** A protocol-level error message in the stream (`:message-type: error`). */
export function errorFromStreamError(code: string | undefined, message: string | undefined, model: string): APIError {
  const status = (code === undefined ? undefined : STATUS_BY_ERROR_TYPE[code]) ?? 500;
  return APIError.fromResponse(status, JSON.stringify({ code, message }), undefined, PROVIDER, {
    model,
    ...(code === undefined ? {} : { type: code }),
    message: `${message ?? "no message"} (${code ?? "error"}, sent in the stream)`,
  });
}
