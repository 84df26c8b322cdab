// The public client: `new OpenAI(options)` and `client.chat.completions.create(body, options)`.
import { Chat } from "./chat-completions.js";
import type { FetchLike } from "./core/http.js";
import { OutgoingRequest } from "./core/outgoing-request.js";
import { platformTransport } from "./core/platform-transport.js";
import { withRealSignal } from "./core/attempt-signal.js";
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_STREAM_EVENT_BYTES, MAX_LIMIT_BYTES } from "./core/limits.js";
import { registerSecret } from "./core/redact.js";
import { isRunningInBrowser, processEnvironment } from "./core/runtime.js";
import { allProviders, findProvider } from "./providers/registry.js";
import { Stream } from "./core/stream.js";
import * as Errors from "./errors.js";
import * as ParseErrors from "./errors-parse.js";
import * as ResponseErrors from "./errors-response.js";
import { InvalidRequestError, OneLLMError } from "./errors.js";
import { createLogger, parseLogLevel, type LogLevel, type Logger, type LoggerSink } from "./logger.js";
import { CallObserver } from "./observability/call-observer.js";
import { normaliseHooks, type Hooks } from "./observability/hooks.js";
import type { Provider, ProviderSettings, UnifiedRequest, UnsupportedPolicy } from "./providers/contract.js";
import { abortableSleep } from "./router/retry.js";
import { route, type RouteResult, type RouterConfig } from "./router/router.js";
import { assertSerialisable } from "./request-json.js";
import {
  callApiKeySetter,
  callHeaders,
  checkHeaders,
  checkKey,
  mergeHeaders,
  resolveSettings,
  type Environment,
  type HeadersLike,
  type OpenAIDropInOptions,
  type ProviderConfig,
  type ResolvedSettings,
} from "./settings.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams } from "./types.js";
import { validateRequest } from "./validation.js";
import * as ChatTypes from "./openai-namespace.js";

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * A fetch in the platform's shape. onellm calls it as `openai` does, `fetch(url, init)` with the
 * whole request in `init` (method, headers, a JSON string body, signal); `url` is a `Request` for
 * the same request whose string form is the URL, so either style of custom fetch works.
 */
export type Fetch = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * Options for `new OpenAI(options)`. Every provider's key and base URL also come from the
 * environment (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `GEMINI_API_KEY`, `GROQ_API_KEY`, ... and
 * `<PROVIDER>_BASE_URL`); `openai`'s own top-level options (`apiKey`, `baseURL`, `organization`,
 * `project`, `defaultHeaders`, `defaultQuery`) configure the `openai` provider.
 *
 * @example
 * ```ts
 * const client = new OpenAI({
 *   providers: { anthropic: { apiKey: process.env.MY_ANTHROPIC_KEY }, ollama: { baseURL: "http://gpu-box:11434/v1" } },
 *   timeout: 60_000,          // per attempt, ms
 *   maxRetries: 3,            // per target
 *   unsupportedParams: "warn", // send without a parameter a provider cannot take, and say so
 *   logLevel: "debug",        // every request and response, keys masked
 * });
 * ```
 */
export interface ClientOptions extends OpenAIDropInOptions {
  /**
   * Per-provider settings by name or alias (`anthropic`, `google`/`gemini`, `groq`, ...): `apiKey`
   * (or a function returning one), `baseURL`, `headers`, and provider-specific ones. Each falls
   * back to `<PROVIDER>_API_KEY` / `<PROVIDER>_BASE_URL`.
   */
  providers?: Record<string, ProviderConfig> | undefined;
  /** Per attempt, in milliseconds (connect, headers and a non-streamed body). Default 10 minutes. */
  timeout?: number | undefined;
  /** Retries per target on a retryable error (default 2). The body's `retries` overrides it. */
  maxRetries?: number | undefined;
  /** Longest silence between stream events before the attempt fails, in ms (default 5 minutes). */
  streamIdleTimeout?: number | undefined;
  /** Optional overall deadline for one call across retries and fallbacks, in ms. */
  totalTimeout?: number | undefined;
  /**
   * The largest non-streamed response body read, in bytes (default 64 MiB). A larger answer is a
   * ResponseTooLargeError, not retried; reading stops at the limit.
   */
  maxResponseBytes?: number | undefined;
  /**
   * The largest stream line or event (SSE / NDJSON), in bytes (default 16 MiB). A larger one is a
   * ResponseTooLargeError (a StreamInterruptedError with it as cause once output reached you).
   */
  maxStreamEventBytes?: number | undefined;
  /** A fetch to send requests with (a proxy-aware one, a mock); called as `openai` calls it. */
  fetch?: Fetch | undefined;
  /** Where log lines go (default `console`): anything with `debug`/`info`/`warn`/`error` methods. */
  logger?: LoggerSink | undefined;
  /**
   * `"debug"` logs every request (method, URL, headers with keys masked, body) and response (status,
   * headers, request id, elapsed ms); `"info"` one line per response, retry and fallback; default
   * `"warn"`. Also set by `ONELLM_LOG` or `OPENAI_LOG`.
   */
  logLevel?: LogLevel | undefined;
  /**
   * What to do with a parameter the chosen provider cannot honour: `"error"` (default) throws
   * `UnsupportedParameterError` before sending; `"warn"` sends without it and logs; `"drop"` sends
   * without it. Either way `onellm.warnings` says what was left out.
   */
  unsupportedParams?: UnsupportedPolicy | undefined;
  /** The environment to read keys from (default `process.env` where the runtime has one, else none). */
  env?: Environment | undefined;
  /** Callbacks told about each call: start, every HTTP request and response, retries, fallbacks, completion, failure. */
  hooks?: Hooks | readonly Hooks[] | undefined;
  /** Extra `fetch` init (e.g. an undici `dispatcher` for a proxy), as in `openai`. onellm keeps its own signal, method, body, headers and `redirect: "manual"`. */
  fetchOptions?: RequestInit | Record<string, unknown> | undefined;
  /**
   * As in `openai`: in a web page the client refuses to start unless this is true, because a key
   * given to it is readable by anyone who opens the page. Use it only with keys scoped for that.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** Accepted for `openai` compatibility (webhooks are not part of onellm). */
  webhookSecret?: string | null | undefined;
  /** Replaces the backoff sleep (tests inject a fake clock here). */
  sleep?: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
}

/**
 * Per-call options, the second argument of `create`, `parse`, `stream` and `runTools`.
 *
 * @example
 * ```ts
 * await client.chat.completions.create(body, { signal: controller.signal, timeout: 20_000, maxRetries: 0 });
 * ```
 */
export interface RequestOptions {
  /** Cancels the request, any retry wait and later fallbacks (`APIUserAbortError`). */
  signal?: AbortSignal | undefined | null;
  /** Per attempt, in milliseconds; beats the body's `timeout` (seconds) and the client's. */
  timeout?: number | undefined;
  /** Added to (or, with null, removed from) the provider's headers for this call. */
  headers?: HeadersLike;
  /** Retries per target for this call. */
  maxRetries?: number | undefined;
  /** Extra `fetch` init for this call, merged over the client's `fetchOptions`. */
  fetchOptions?: RequestInit | Record<string, unknown> | undefined;
  /** Accepted for `openai` compatibility; like `openai`'s OpenAI client, onellm sends no idempotency header. */
  idempotencyKey?: string | undefined;
}

const POLICIES: readonly UnsupportedPolicy[] = ["error", "warn", "drop"];

const BROWSER_REFUSAL = [
  "It looks like you are running onellm in a browser. This is refused by default: an API key given to",
  "the client can be read by anyone who opens the page. If you understand the risk (a key scoped and",
  "limited for this use, or a proxy that adds the key), pass `dangerouslyAllowBrowser: true`:",
  "new OpenAI({ providers: { ... }, dangerouslyAllowBrowser: true }).",
].join("\n");

/**
 * One OpenAI-shaped client over every provider: `model: "provider/model"` picks the provider
 * (`anthropic/…`, `google/…`, `groq/…`, `mistral/…`, ...; a bare name means OpenAI). Also
 * exported as `OneLLM` and as the default export; the `openai` package's code keeps working
 * after swapping the import.
 *
 * @example
 * ```ts
 * import OpenAI from "onellm-sdk";
 *
 * const client = new OpenAI(); // keys from OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, ...
 * const completion = await client.chat.completions.create({
 *   model: "anthropic/claude-sonnet-4-5",
 *   messages: [{ role: "user", content: "Hello" }],
 *   fallback_models: ["google/gemini-2.5-flash"],
 * });
 * ```
 */
export class OpenAI {
  /** `client.chat.completions`: `create`, `parse`, `stream`, `runTools`. */
  readonly chat: Chat;
  /** As in `openai`: the client's retry count and per-attempt timeout (ms). */
  readonly maxRetries: number;
  readonly timeout: number;
  // True private fields: `util.inspect(client)` and `console.log(client)` must never show a key.
  readonly #options: ClientOptions;
  readonly #env: Environment;
  readonly #settingsCache = new Map<string, ResolvedSettings>();
  readonly #routerConfig: RouterConfig;
  readonly #logger: Logger;
  readonly #hooks: readonly Hooks[];
  readonly #inBrowser: boolean;

  constructor(options: ClientOptions = {}) {
    this.#inBrowser = isRunningInBrowser();
    if (this.#inBrowser && options.dangerouslyAllowBrowser !== true) throw new OneLLMError(BROWSER_REFUSAL);
    if (options.unsupportedParams !== undefined && !POLICIES.includes(options.unsupportedParams)) {
      throw new InvalidRequestError(
        `Invalid client option unsupportedParams: ${JSON.stringify(options.unsupportedParams)}; expected "error", "warn" or "drop".`,
        "unsupportedParams",
      );
    }
    for (const key of ["timeout", "streamIdleTimeout", "totalTimeout"] as const) {
      const value = options[key];
      if (value !== undefined && (typeof value !== "number" || !(value > 0))) {
        throw new InvalidRequestError(`Invalid client option ${key}: expected a number of milliseconds above 0, got ${String(value)}.`, key);
      }
    }
    for (const key of ["maxResponseBytes", "maxStreamEventBytes"] as const) {
      const value = options[key];
      if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > MAX_LIMIT_BYTES)) {
        throw new InvalidRequestError(`Invalid client option ${key}: expected a whole number of bytes from 1 to ${MAX_LIMIT_BYTES}, got ${String(value)}.`, key);
      }
    }
    const retries = options.maxRetries;
    if (retries !== undefined && (typeof retries !== "number" || !Number.isInteger(retries) || retries < 0)) {
      throw new InvalidRequestError(`Invalid client option maxRetries: expected an integer >= 0, got ${String(retries)}.`, "maxRetries");
    }
    this.#options = options;
    this.#env = options.env ?? processEnvironment();
    this.#hooks = normaliseHooks(options.hooks);
    registerKnownKeys(options, this.#env);
    const sink = options.logger ?? console;
    const level =
      parseLogLevel(options.logLevel, "ClientOptions.logLevel", sink) ??
      parseLogLevel(this.#env["ONELLM_LOG"], "process.env['ONELLM_LOG']", sink) ??
      parseLogLevel(this.#env["OPENAI_LOG"], "process.env['OPENAI_LOG']", sink) ??
      "warn";
    this.#logger = createLogger(sink, level);
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.#routerConfig = {
      fetch: createFetch(options.fetch, options.fetchOptions),
      maxRetries: this.maxRetries,
      timeoutMs: this.timeout,
      streamIdleTimeoutMs: options.streamIdleTimeout ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
      totalTimeoutMs: options.totalTimeout,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      maxStreamEventBytes: options.maxStreamEventBytes ?? DEFAULT_MAX_STREAM_EVENT_BYTES,
      policy: options.unsupportedParams ?? "error",
      logger: this.#logger,
      sleep: options.sleep ?? abortableSleep,
      settingsFor: (provider) => this.settingsFor(provider),
    };
    this.chat = new Chat(this, (body, requestOptions) => this.send(body, requestOptions));
  }

  /** The `openai` provider's base URL (as `openai`'s `client.baseURL`). */
  get baseURL(): string {
    return this.resolved(this.openaiProvider()).settings.baseURL;
  }

  /** The `openai` provider's key, if one is set as a string (a getter, so `util.inspect` never shows it). */
  get apiKey(): string | undefined {
    return this.resolved(this.openaiProvider()).settings.apiKey;
  }

  get organization(): string | null {
    return this.openaiHeader("openai-organization");
  }

  get project(): string | null {
    return this.openaiHeader("openai-project");
  }

  private openaiHeader(lowerName: string): string | null {
    const headers = this.resolved(this.openaiProvider()).settings.headers;
    const name = Object.keys(headers).find((key) => key.toLowerCase() === lowerName);
    return name === undefined ? null : (headers[name] ?? null);
  }

  /**
   * A new client with these options over this one's, as `openai`'s `withOptions`.
   *
   * @example
   * ```ts
   * const patient = client.withOptions({ timeout: 120_000, maxRetries: 5 });
   * ```
   */
  withOptions(options: Partial<ClientOptions>): OpenAI {
    return new OpenAI({ ...this.#options, ...options });
  }

  private openaiProvider(): Provider {
    return findProvider("openai") as Provider;
  }

  private resolved(provider: Provider): ResolvedSettings {
    let resolved = this.#settingsCache.get(provider.name);
    if (!resolved) {
      resolved = resolveSettings(provider, this.#options.providers, this.#options, this.#env);
      if (this.#inBrowser && provider.browserHeaders) {
        const headers = { ...provider.browserHeaders, ...resolved.settings.headers };
        resolved = { ...resolved, settings: { ...resolved.settings, headers } };
      }
      this.#settingsCache.set(provider.name, resolved);
    }
    return resolved;
  }

  /** Settings for one call; a key given as a function is asked for a fresh key every call. */
  private settingsFor(provider: Provider): ProviderSettings | Promise<ProviderSettings> {
    const { settings, apiKeySetter } = this.resolved(provider);
    if (!apiKeySetter) return settings;
    return callApiKeySetter(apiKeySetter).then((apiKey) => ({ ...settings, apiKey }));
  }

  /** @internal Validates, then routes; with hooks, the call is observed from start to end. */
  send(
    body: ChatCompletionCreateParams,
    options: RequestOptions,
  ): Promise<RouteResult<ChatCompletion | Stream<ChatCompletionChunk>>> {
    // Without hooks, no async step of its own: the dispatch's promise is the call's.
    return this.#hooks.length === 0 ? this.dispatch(body, options, undefined) : this.sendObserved(body, options);
  }

  private async sendObserved(
    body: ChatCompletionCreateParams,
    options: RequestOptions,
  ): Promise<RouteResult<ChatCompletion | Stream<ChatCompletionChunk>>> {
    const observer = new CallObserver(this.#hooks, this.#logger, body);
    let result: RouteResult<ChatCompletion | Stream<ChatCompletionChunk>>;
    try {
      result = await this.dispatch(body, options, observer);
    } catch (error) {
      observer.failed(error);
      throw error;
    }
    if (result.data instanceof Stream) return { ...result, data: observer.observeStream(result.data) };
    observer.completed(result.data);
    return result;
  }

  /** Everything before `route` runs without network. */
  private async dispatch(
    body: ChatCompletionCreateParams,
    options: RequestOptions,
    observer: CallObserver | undefined,
  ): Promise<RouteResult<ChatCompletion | Stream<ChatCompletionChunk>>> {
    validateRequestOptions(options);
    // First: a BigInt or a cycle is the caller's mistake, not a network error to retry.
    assertSerialisable(body);
    validateRequest(body);
    const { fallback_models, retries, timeout, provider_options, ...unified } = body;
    const timeoutMs = options.timeout ?? (typeof timeout === "number" ? timeout * 1000 : undefined);
    const { headers, credentials } = options.headers ? callHeaders(options.headers) : { headers: undefined, credentials: undefined };
    const request = {
      body: unified as UnifiedRequest,
      fallbackModels: fallback_models ?? [],
      retries: retries ?? options.maxRetries,
      timeoutMs,
      providerOptions: provider_options as Record<string, Record<string, unknown>> | undefined,
      signal: options.signal ?? undefined,
      headers,
      credentialHeaders: credentials,
      observer,
    };
    const config = options.fetchOptions
      ? { ...this.#routerConfig, fetch: createFetch(this.#options.fetch, { ...this.#options.fetchOptions, ...options.fetchOptions }) }
      : this.#routerConfig;
    return route(config, request, body.stream === true);
  }

  static OpenAI = OpenAI;
  static DEFAULT_TIMEOUT = DEFAULT_TIMEOUT_MS;
  static OpenAIError = Errors.OneLLMError;
  static APIError = Errors.APIError;
  static BadRequestError = Errors.BadRequestError;
  static AuthenticationError = Errors.AuthenticationError;
  static PermissionDeniedError = Errors.PermissionDeniedError;
  static NotFoundError = Errors.NotFoundError;
  static ConflictError = Errors.ConflictError;
  static UnprocessableEntityError = Errors.UnprocessableEntityError;
  static RateLimitError = Errors.RateLimitError;
  static InternalServerError = Errors.InternalServerError;
  static APIConnectionError = Errors.APIConnectionError;
  static APIConnectionTimeoutError = Errors.APIConnectionTimeoutError;
  static APIUserAbortError = Errors.APIUserAbortError;
  static InvalidRequestError = Errors.InvalidRequestError;
  static UnsupportedParameterError = Errors.UnsupportedParameterError;
  static IncompleteStreamError = Errors.IncompleteStreamError;
  static StreamInterruptedError = Errors.StreamInterruptedError;
  static AllTargetsFailedError = Errors.AllTargetsFailedError;
  static MalformedResponseError = ResponseErrors.MalformedResponseError;
  static ResponseTooLargeError = ResponseErrors.ResponseTooLargeError;
  static LengthFinishReasonError = ParseErrors.LengthFinishReasonError;
  static ContentFilterFinishReasonError = ParseErrors.ContentFilterFinishReasonError;
  static StructuredOutputError = ParseErrors.StructuredOutputError;
}

export { OpenAI as OneLLM };

/** As in `openai`: the API's types under the client's name (`OpenAI.Chat.ChatCompletionMessageParam`). */
export declare namespace OpenAI {
  export type { RequestOptions, ClientOptions };
  export import Chat = ChatTypes;
  export type ChatCompletion = ChatTypes.ChatCompletion;
  export type ChatCompletionChunk = ChatTypes.ChatCompletionChunk;
  export type ChatCompletionCreateParams = ChatTypes.ChatCompletionCreateParams;
  export type ChatCompletionCreateParamsNonStreaming = ChatTypes.ChatCompletionCreateParamsNonStreaming;
  export type ChatCompletionCreateParamsStreaming = ChatTypes.ChatCompletionCreateParamsStreaming;
  export type ChatCompletionMessage = ChatTypes.ChatCompletionMessage;
  export type ChatCompletionMessageParam = ChatTypes.ChatCompletionMessageParam;
  export type ChatCompletionMessageToolCall = ChatTypes.ChatCompletionMessageToolCall;
  export type ChatCompletionTool = ChatTypes.ChatCompletionTool;
  export type ChatCompletionToolChoiceOption = ChatTypes.ChatCompletionToolChoiceOption;
  export type ChatCompletionContentPart = ChatTypes.ChatCompletionContentPart;
  export type ChatCompletionSystemMessageParam = ChatTypes.ChatCompletionSystemMessageParam;
  export type ChatCompletionDeveloperMessageParam = ChatTypes.ChatCompletionDeveloperMessageParam;
  export type ChatCompletionUserMessageParam = ChatTypes.ChatCompletionUserMessageParam;
  export type ChatCompletionAssistantMessageParam = ChatTypes.ChatCompletionAssistantMessageParam;
  export type ChatCompletionToolMessageParam = ChatTypes.ChatCompletionToolMessageParam;
  export type CompletionUsage = ChatTypes.CompletionUsage;
}

/**
 * The fetch the transport uses. A caller's fetch is called as `openai` calls it: `(url, init)`, the
 * whole request in `init`; `url` is a `Request` for it too (whose string form is the URL). Without
 * one (and without fetch options), the platform's transport: node:http on Node, fetch elsewhere.
 */
function createFetch(userFetch: Fetch | undefined, fetchOptions: ClientOptions["fetchOptions"]): FetchLike {
  const extra = fetchOptions as RequestInit | undefined;
  // fetch takes only a real AbortSignal; an attempt's own is made into one here.
  const initFor = (request: OutgoingRequest): RequestInit => withRealSignal(extra ? { ...extra, ...request.init } : { ...request.init });
  if (userFetch) {
    return (request) => {
      if (!(request instanceof OutgoingRequest)) return userFetch(request);
      const init = initFor(request);
      return userFetch(request.toRequest(init), init);
    };
  }
  const viaFetch: FetchLike = (request) => (request instanceof OutgoingRequest ? fetch(request.url, initFor(request)) : fetch(request));
  // Fetch options are fetch's own (a dispatcher, a cache mode): with them, fetch sends.
  return extra === undefined || Object.keys(extra).length === 0 ? platformTransport(viaFetch) : viaFetch;
}

function validateRequestOptions(options: RequestOptions): void {
  const { timeout, maxRetries } = options;
  if (timeout !== undefined && (typeof timeout !== "number" || !(timeout > 0))) {
    throw new InvalidRequestError(`Invalid request option timeout: expected a number of milliseconds above 0, got ${String(timeout)}.`, "timeout");
  }
  if (maxRetries !== undefined && (typeof maxRetries !== "number" || !Number.isInteger(maxRetries) || maxRetries < 0)) {
    throw new InvalidRequestError(`Invalid request option maxRetries: expected an integer >= 0, got ${String(maxRetries)}.`, "maxRetries");
  }
}

/**
 * Every key this client could send is registered for redaction now, before any error can mention
 * it; keys and headers given in the options are checked now too (keys from the environment are
 * checked when their provider is first used, so a stray variable never breaks an unrelated client).
 */
function registerKnownKeys(options: ClientOptions, env: Environment): void {
  if (typeof options.apiKey === "string") {
    registerSecret(options.apiKey);
    checkKey(options.apiKey, "given as the apiKey option", "apiKey");
  }
  if (options.defaultHeaders) checkHeaders(mergeHeaders({}, options.defaultHeaders), "defaultHeaders");
  for (const [name, config] of Object.entries(options.providers ?? {})) {
    if (typeof config.apiKey === "string") {
      registerSecret(config.apiKey);
      checkKey(config.apiKey, `for ${name} (providers.${name}.apiKey)`, `providers.${name}.apiKey`);
    }
    if (config.headers) checkHeaders(mergeHeaders({}, config.headers), `providers.${name}.headers`);
  }
  for (const provider of allProviders()) {
    for (const prefix of provider.envPrefixes) registerSecret(env[`${prefix}_API_KEY`]?.trim());
  }
}
