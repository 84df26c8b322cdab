// Errors about what a provider answered, rather than about the request or the connection: an answer
// that is not what the provider's API defines, and an answer past one of the client's size limits.
import { APIError, type APIErrorInit } from "./errors.js";

/**
 * A 2xx answer that is not what the provider's API defines (not JSON, a field of the wrong type, a
 * candidate index out of range). Retryable only where `isRetryable` says so: a 200 whose body is not
 * JSON at all (an HTML page, nothing) is not, since the provider may already have done, and billed,
 * the work.
 * @example if (error instanceof MalformedResponseError && !error.isRetryable) reportProviderFault(error.body);
 */
export class MalformedResponseError extends APIError {
  override name = "MalformedResponseError";
}

/** Which limit an answer ran into (client options of the same names). */
export type ResponseLimit = "maxResponseBytes" | "maxStreamEventBytes";

/**
 * An answer larger than the client allows: a body over `maxResponseBytes`, or one stream line or
 * event over `maxStreamEventBytes`. Reading stopped at the limit; never retried (the same answer
 * would come again), never falls back.
 * @example if (error instanceof ResponseTooLargeError) console.warn(`answer over ${error.limit} bytes (${error.limitName})`);
 */
export class ResponseTooLargeError extends APIError {
  override name = "ResponseTooLargeError";
  constructor(
    readonly limitName: ResponseLimit,
    readonly limit: number,
    what: string,
    init: Omit<APIErrorInit, "retryable" | "plainMessage"> = {},
  ) {
    super(
      `${init.provider ?? "The provider"} sent ${what} larger than ${limit} bytes (\`${limitName}\`); reading stopped there. ` +
        `Raise \`${limitName}\` in the client options if answers this large are expected.`,
      { ...init, retryable: false, plainMessage: true },
    );
  }
}
