// Request and response logging around the transport, as `openai` logs at `OPENAI_LOG=debug`: each
// request (method, URL, headers with credentials masked, body) and each response (status,
// headers, request id, elapsed ms) as a message plus one structured argument; at `info`, one
// summary line per response. A log id ties a request to its response and a retry to its first try.
import type { FetchLike } from "./core/http.js";
import { redactSecrets } from "./core/redact.js";
import { pickRequestId } from "./errors.js";
import type { Logger } from "./logger.js";

export interface LoggedTarget {
  provider: string;
  model: string;
  /** The log id of the first try, when this attempt is a retry of it. */
  retryOf?: string | undefined;
}

/** The request as the transport sees it: a `Request`, or onellm's lighter stand-in with `init`. */
interface RequestLike {
  url: string;
  method: string;
  headers: Headers;
  init?: RequestInit;
}

/** A fresh id for one request's log lines (not the provider's request id). */
export function newLogId(): string {
  return `log_${Math.floor(Math.random() * 0x1000000)
    .toString(16)
    .padStart(6, "0")}`;
}

/** `fetch` with its request and response logged; the same fetch when neither debug nor info is on. */
export function withRequestLogging(fetch: FetchLike, logger: Logger, target: LoggedTarget, logId: string = newLogId()): FetchLike {
  if (!logger.debugEnabled && !logger.infoEnabled) return fetch;
  return async (request) => {
    const outgoing = request as unknown as RequestLike;
    const started = performance.now();
    const retry = target.retryOf === undefined ? {} : { retryOf: target.retryOf };
    if (logger.debugEnabled) {
      logger.debug(`[${logId}] sending request`, {
        ...retry,
        provider: target.provider,
        model: target.model,
        method: outgoing.method,
        url: outgoing.url,
        headers: outgoing.headers,
        body: bodyForLog(outgoing.init?.body),
      });
    }
    let response: Response;
    try {
      response = await fetch(request);
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      const message = error instanceof Error ? error.message : String(error);
      logger.info(`[${logId}] ${outgoing.method} ${outgoing.url} failed without a response in ${durationMs}ms (${message})`);
      if (logger.debugEnabled) logger.debug(`[${logId}] connection failed`, { ...retry, url: outgoing.url, durationMs, message });
      throw error;
    }
    const durationMs = Math.round(performance.now() - started);
    const requestId = pickRequestId(response.headers) ?? null;
    const outcome = response.ok ? "succeeded" : "failed";
    logger.info(
      `[${logId}${requestId ? `, request id: ${JSON.stringify(requestId)}` : ""}] ${outgoing.method} ${outgoing.url} ${outcome} with status ${response.status} in ${durationMs}ms`,
    );
    if (logger.debugEnabled) {
      logger.debug(`[${logId}] response start`, {
        ...retry,
        provider: target.provider,
        model: target.model,
        url: outgoing.url,
        status: response.status,
        headers: response.headers,
        requestId,
        durationMs,
      });
    }
    return response;
  };
}

/** The JSON body as an object (keys redacted in the text first, so no depth limit applies), else a note. */
function bodyForLog(body: BodyInit | null | undefined): unknown {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== "string") return `[${Object.prototype.toString.call(body).slice(8, -1)} body]`;
  const clean = redactSecrets(body);
  try {
    return JSON.parse(clean) as unknown;
  } catch {
    return clean;
  }
}
