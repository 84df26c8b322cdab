// One attempt against one target: send, read, translate. Streams are peeked up to their first
// chunk here, so a failure before anything reached the caller can still be retried invisibly.
import { readBody, streamedBody } from "../core/body.js";
import { Attempt, createTransportFetch } from "../core/http.js";
import { Stream, StreamController } from "../core/stream.js";
import { MAX_ERROR_BODY_READ_BYTES } from "../core/limits.js";
import { APIError, OneLLMError } from "../errors.js";
import { MalformedResponseError } from "../errors-response.js";
import type { PreparedRequest, Provider, ProviderCallContext } from "../providers/contract.js";
import type { CallObserver } from "../observability/call-observer.js";
import type { ModelTarget } from "../providers/registry.js";
import type { ChatCompletion, ChatCompletionChunk, OneLLMAttempt, OneLLMMetadata } from "../types.js";
import { ChunkSource } from "./chunk-source.js";
import { checkUsage } from "./usage-check.js";
import { newLogId, withRequestLogging } from "../request-logging.js";
import type { RouteResult, RouterConfig } from "./types.js";

export interface AttemptSetup {
  config: RouterConfig;
  provider: Provider;
  call: ProviderCallContext;
  prepared: PreparedRequest;
  target: ModelTarget;
  signal: AbortSignal | undefined;
  headers: Record<string, string>;
  timeoutMs: number;
  deadline: number | undefined;
  includeUsage: boolean;
  observer: CallObserver | undefined;
  /** The log id of this target's first try, so a retry's log lines name it (set by the first send). */
  firstLogId?: string | undefined;
  /**
   * A stream failed after only content-less chunks (a role chunk) reached the caller: wait and open
   * it again with `reopen` under the target's retry budget, or throw when it is not to be retried.
   */
  resume?: ((error: unknown, reopen: () => Promise<OpenedStream>) => Promise<OpenedStream>) | undefined;
}

/** A stream's attempt, its first chunk peeked. */
export interface OpenedStream {
  source: ChunkSource;
  attempt: Attempt;
  response: Response;
}

/** The attempt a stream's controller stops: the latest, once a stream resumed on a new one. */
interface LiveAttempt {
  attempt: Attempt | undefined;
  stopped: boolean;
}

function startAttempt(setup: AttemptSetup, signal: AbortSignal | undefined): Attempt {
  return new Attempt({
    signal,
    timeoutMs: setup.timeoutMs,
    deadline: setup.deadline,
    provider: setup.provider.name,
    model: setup.target.model,
  });
}

async function send(setup: AttemptSetup, attempt: Attempt): Promise<Response> {
  const logger = setup.config.logger;
  let direct = createTransportFetch(setup.config.fetch, setup.provider.name, setup.target.model);
  if (logger.debugEnabled || logger.infoEnabled) {
    const logId = newLogId();
    const logged = { provider: setup.provider.name, model: setup.target.model, retryOf: setup.firstLogId };
    setup.firstLogId ??= logId;
    direct = withRequestLogging(direct, logger, logged, logId);
  }
  const transport = setup.observer ? setup.observer.observeTransport(direct, setup.provider.name, setup.target.model, setup.prepared.stream) : direct;
  try {
    return await setup.provider.send(setup.prepared, setup.call, {
      fetch: transport,
      signal: attempt.signal,
      headers: setup.prepared.stream ? { accept: "text/event-stream", ...setup.headers } : { accept: "application/json", ...setup.headers },
    });
  } catch (error) {
    throw attempt.toError(error, "connect");
  }
}

function recorder(setup: AttemptSetup, attempts: OneLLMAttempt[]) {
  const started = performance.now();
  return (status: number | undefined, error: unknown): OneLLMAttempt => {
    const entry: OneLLMAttempt = {
      provider: setup.provider.name,
      model: setup.target.model,
      duration_ms: Math.round((performance.now() - started) * 100) / 100,
    };
    const errorStatus = error instanceof APIError ? error.status : undefined;
    const effectiveStatus = status ?? errorStatus;
    if (effectiveStatus !== undefined) entry.status = effectiveStatus;
    if (error instanceof Error) entry.error = error.name;
    attempts.push(entry);
    if (setup.config.logger.debugEnabled) setup.config.logger.debug(
      `onellm: attempt ${setup.provider.name}/${setup.target.model} -> ${entry.status ?? "no response"}${entry.error ? ` ${entry.error}` : ""} in ${entry.duration_ms} ms`,
    );
    return entry;
  };
}

async function failFromResponse(setup: AttemptSetup, response: Response, attempt: Attempt): Promise<never> {
  // An error's class comes from its status; its body is read only as far as a message needs.
  const text = await readBody(response, attempt, {
    maxBytes: Math.min(MAX_ERROR_BODY_READ_BYTES, setup.config.maxResponseBytes),
    whenExceeded: "truncate",
  });
  let error: APIError;
  try {
    error = setup.provider.parseError(response.status, text, response.headers, setup.target.model);
  } catch {
    // An error body the provider's parser trips over still gets the class its status calls for.
    error = APIError.fromResponse(response.status, text, response.headers, setup.provider.name, { model: setup.target.model });
  }
  throw error;
}

export async function runCompletion(
  setup: AttemptSetup,
  attempts: OneLLMAttempt[],
  metadata: () => OneLLMMetadata,
): Promise<RouteResult<ChatCompletion>> {
  const record = recorder(setup, attempts);
  const attempt = startAttempt(setup, setup.signal);
  let status: number | undefined;
  try {
    const response = await send(setup, attempt);
    status = response.status;
    if (!response.ok) await failFromResponse(setup, response, attempt);
    const text = await readBody(response, attempt, { maxBytes: setup.config.maxResponseBytes, whenExceeded: "throw" });
    const completion = parseCompletion(setup, response, text);
    attempt.release();
    record(status, undefined);
    completion.onellm = metadata();
    return {
      data: completion,
      response: () => new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers }),
      headers: response.headers,
    };
  } catch (error) {
    attempt.finish();
    record(status, error);
    throw error;
  }
}

/**
 * A 2xx body the provider's translator cannot read (JSON without its fields, a TypeError on a missing
 * one, usage counts that are not numbers) is a fault of that response, not of the caller: a typed,
 * retryable MalformedResponseError, so retries and fallback apply. A body that is not JSON at all (an
 * HTML page, nothing) is not retried: the provider may already have done, and billed, the work, and
 * a proxy answering in its place would answer the same way again.
 */
function parseCompletion(setup: AttemptSetup, response: Response, text: string): ChatCompletion {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const what = text.trim() === "" ? "an empty body" : /^\s*</.test(text) ? "an HTML page, not JSON" : "a body that is not JSON";
    throw malformedBody(setup, response, text, `${what}; not retried, since the provider may already have done (and billed) the work`, undefined, false);
  }
  let completion: ChatCompletion;
  try {
    completion = setup.provider.parseResponse(json, setup.call);
  } catch (error) {
    if (error instanceof OneLLMError) throw error;
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw malformedBody(setup, response, text, `a body that is not a chat completion (${detail})`, error, true);
  }
  const usageProblem = checkUsage(completion.usage);
  if (usageProblem !== undefined) throw malformedBody(setup, response, text, `a body whose ${usageProblem}`, undefined, true);
  return completion;
}

function malformedBody(setup: AttemptSetup, response: Response, text: string, what: string, cause: unknown, retryable: boolean): APIError {
  return new MalformedResponseError(`${setup.provider.name} answered ${response.status} with ${what}`, {
    status: response.status,
    provider: setup.provider.name,
    model: setup.target.model,
    headers: response.headers,
    body: text,
    retryable,
    cause,
  });
}

export async function runStream(
  setup: AttemptSetup,
  attempts: OneLLMAttempt[],
  metadata: () => OneLLMMetadata,
): Promise<RouteResult<Stream<ChatCompletionChunk>>> {
  const live: LiveAttempt = { attempt: undefined, stopped: false };
  const { source, response } = await openStream(setup, attempts, metadata, live);
  const stream = new Stream(() => source, controllerFor(live));
  return { data: stream, response: () => response, headers: response.headers };
}

async function openStream(setup: AttemptSetup, attempts: OneLLMAttempt[], metadata: () => OneLLMMetadata, live: LiveAttempt): Promise<OpenedStream> {
  const record = recorder(setup, attempts);
  const attempt = startAttempt(setup, setup.signal);
  let status: number | undefined;
  let recorded: OneLLMAttempt | undefined;
  try {
    const response = await send(setup, attempt);
    status = response.status;
    if (!response.ok) await failFromResponse(setup, response, attempt);
    const translator = setup.provider.createStreamTranslator(setup.call, setup.includeUsage);
    const bytes = streamedBody(response, attempt, setup.config.streamIdleTimeoutMs);
    const resume = setup.resume;
    const source = new ChunkSource(bytes, translator, {
      provider: setup.provider.name,
      model: setup.target.model,
      metadata,
      activity: attempt,
      maxEventBytes: setup.config.maxStreamEventBytes,
      resume:
        resume === undefined
          ? undefined
          : async (error) => {
              // This attempt was recorded a success when its first chunk came: it failed after all.
              if (recorded !== undefined && error instanceof Error) recorded.error = error.name;
              const next = await resume(error, () => openStream(setup, attempts, metadata, live));
              return next.source;
            },
    });
    // Peek: until a chunk exists, a failure is still invisible to the caller and may be retried.
    await source.peek();
    if (live.stopped) attempt.abortByCaller();
    live.attempt = attempt;
    setup.observer?.firstChunk();
    recorded = record(status, undefined);
    return { source, attempt, response };
  } catch (error) {
    attempt.finish();
    record(status, error);
    throw error;
  }
}

/**
 * The stream's controller: aborting it (or a `break`) stops this attempt. Made here, not in
 * runStream, so the stream keeps only the attempt, not the call's whole setup.
 */
function controllerFor(live: LiveAttempt): StreamController {
  return new StreamController(() => {
    live.stopped = true;
    live.attempt?.abortByCaller();
  });
}
