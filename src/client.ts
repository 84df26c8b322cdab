// The public client: `new OpenAI(options)` and `client.chat.completions.create(body, options)`.
import { APIPromise } from "./api-promise.js";
import type { FetchLike } from "./core/http.js";
import { OutgoingRequest } from "./core/outgoing-request.js";
import { registerSecret } from "./core/redact.js";
import { allProviders } from "./providers/registry.js";
import type { Stream } from "./core/stream.js";
import * as Errors from "./errors.js";
import { InvalidRequestError } from "./errors.js";
import { createLogger, type LogLevel, type Logger, type LoggerSink } from "./logger.js";
import type { Provider, ProviderSettings, UnifiedRequest, UnsupportedPolicy } from "./providers/contract.js";
import { abortableSleep } from "./router/retry.js";
import { route, type RouteResult, type RouterConfig } from "./router/router.js";
import { resolveSettings, type Environment, type OpenAIDropInOptions, type ProviderConfig } from "./settings.js";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from "./types.js";
import { validateRequest } from "./validation.js";

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 5 * 60 * 1000;

/** A fetch in the platform's shape; onellm calls it with a `Request`. */
export type Fetch = (input: Request, init?: RequestInit) => Promise<Response>;

export interface ClientOptions extends OpenAIDropInOptions {
  /** Per-provider settings; each falls back to `<PROVIDER>_API_KEY` / `<PROVIDER>_BASE_URL`. */
  providers?: Record<string, ProviderConfig> | undefined;
  /** Per attempt, in milliseconds (connect, headers and a non-streamed body). Default 10 minutes. */
  timeout?: number | undefined;
  /** Retries per target (default 2). The body's `retries` overrides it. */
  maxRetries?: number | undefined;
  /** Longest silence between stream events before the attempt fails, in ms (default 5 minutes). */
  streamIdleTimeout?: number | undefined;
  /** Optional overall deadline for one call across retries and fallbacks, in ms. */
  totalTimeout?: number | undefined;
  fetch?: Fetch | undefined;
  logger?: LoggerSink | undefined;
  logLevel?: LogLevel | undefined;
  /** What to do with a parameter the chosen provider cannot honour. Default "error". */
  unsupportedParams?: UnsupportedPolicy | undefined;
  /** The environment to read keys from (default `process.env`). */
  env?: Environment | undefined;
  /** Replaces the backoff sleep (tests inject a fake clock here). */
  sleep?: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
  /** Per attempt, in milliseconds; beats the body's `timeout` (seconds) and the client's. */
  timeout?: number | undefined;
  headers?: Record<string, string> | undefined;
  maxRetries?: number | undefined;
}

const POLICIES: readonly UnsupportedPolicy[] = ["error", "warn", "drop"];

class Completions {
  constructor(private readonly client: OpenAI) {}

  create(body: ChatCompletionCreateParamsStreaming, options?: RequestOptions): APIPromise<Stream<ChatCompletionChunk>>;
  create(body: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): APIPromise<ChatCompletion>;
  create(
    body: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): APIPromise<Stream<ChatCompletionChunk> | ChatCompletion>;
  create(
    body: ChatCompletionCreateParams,
    options: RequestOptions = {},
  ): APIPromise<Stream<ChatCompletionChunk> | ChatCompletion> {
    return new APIPromise(this.client.send(body, options));
  }
}

class Chat {
  readonly completions: Completions;
  constructor(client: OpenAI) {
    this.completions = new Completions(client);
  }
}

export class OpenAI {
  readonly chat: Chat;
  private readonly options: ClientOptions;
  private readonly env: Environment;
  private readonly settingsCache = new Map<string, ProviderSettings>();
  private readonly routerConfig: RouterConfig;
  private readonly logger: Logger;

  constructor(options: ClientOptions = {}) {
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
    const retries = options.maxRetries;
    if (retries !== undefined && (typeof retries !== "number" || !Number.isInteger(retries) || retries < 0)) {
      throw new InvalidRequestError(`Invalid client option maxRetries: expected an integer >= 0, got ${String(retries)}.`, "maxRetries");
    }
    this.options = options;
    this.env = options.env ?? process.env;
    registerKnownKeys(options, this.env);
    this.logger = createLogger(options.logger ?? console, options.logLevel ?? (this.env["ONELLM_LOG"] as LogLevel | undefined) ?? "warn");
    const userFetch = options.fetch;
    const fetchImpl: FetchLike = userFetch
      ? (request) => userFetch(request instanceof OutgoingRequest ? request.toRequest() : request)
      : (request) => (request instanceof OutgoingRequest ? fetch(request.url, request.init) : fetch(request));
    this.routerConfig = {
      fetch: fetchImpl,
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS,
      streamIdleTimeoutMs: options.streamIdleTimeout ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
      totalTimeoutMs: options.totalTimeout,
      policy: options.unsupportedParams ?? "error",
      logger: this.logger,
      sleep: options.sleep ?? abortableSleep,
      settingsFor: (provider) => this.settingsFor(provider),
    };
    this.chat = new Chat(this);
  }

  private settingsFor(provider: Provider): ProviderSettings {
    let settings = this.settingsCache.get(provider.name);
    if (!settings) {
      settings = resolveSettings(provider, this.options.providers, this.options, this.env);
      this.settingsCache.set(provider.name, settings);
    }
    return settings;
  }

  /** @internal Validates, then routes. Everything before `route` runs without network. */
  async send(
    body: ChatCompletionCreateParams,
    options: RequestOptions,
  ): Promise<RouteResult<ChatCompletion | Stream<ChatCompletionChunk>>> {
    validateRequest(body);
    const { fallback_models, retries, timeout, provider_options, ...unified } = body;
    const timeoutMs = options.timeout ?? (typeof timeout === "number" ? timeout * 1000 : undefined);
    const request = {
      body: unified as UnifiedRequest,
      fallbackModels: fallback_models ?? [],
      retries: retries ?? options.maxRetries,
      timeoutMs,
      providerOptions: provider_options as Record<string, Record<string, unknown>> | undefined,
      signal: options.signal,
      headers: options.headers,
    };
    return route(this.routerConfig, request, body.stream === true);
  }

  static OpenAI = OpenAI;
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
}

export { OpenAI as OneLLM };

/** Every key this client could send is registered for redaction now, before any error can mention it. */
function registerKnownKeys(options: ClientOptions, env: Environment): void {
  registerSecret(options.apiKey);
  for (const config of Object.values(options.providers ?? {})) registerSecret(config.apiKey);
  for (const provider of allProviders()) {
    for (const prefix of provider.envPrefixes) registerSecret(env[`${prefix}_API_KEY`]);
  }
}
