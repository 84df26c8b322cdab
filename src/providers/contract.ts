// The contract between the router and a provider. A provider knows its own wire format and nothing
// about retries or fallbacks; the router knows targets and attempts and nothing about wire formats.
import type { APIError } from "../errors.js";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  FinishReason,
} from "../types.js";
import type { SSEEvent } from "../core/sse.js";

/** The unified request after validation, with onellm's own fields taken out. */
export type UnifiedRequest = Omit<
  ChatCompletionCreateParams,
  "fallback_models" | "retries" | "timeout" | "provider_options"
>;

export type UnsupportedPolicy = "error" | "warn" | "drop";

/** Where a request goes and with what credentials, resolved from options and the environment. */
export interface ProviderSettings {
  apiKey: string | undefined;
  baseURL: string;
  headers: Record<string, string>;
  /** Provider-specific settings given under `providers.<name>` (e.g. `anthropicVersion`). */
  extra: Readonly<Record<string, unknown>>;
}

/**
 * Per-translation state: the provider reports parameters it cannot honour here, and notes what it
 * emulates. `unsupported` throws under the `error` policy, so it never returns in that case.
 */
export interface TranslateContext {
  readonly provider: string;
  readonly model: string;
  readonly policy: UnsupportedPolicy;
  readonly warnings: string[];
  /** Report a parameter (or content part) this provider cannot honour. Throws under policy `error`. */
  unsupported(parameter: string, detail?: string): void;
  /** Record something onellm emulates for this provider (it shows up in the response warnings). */
  emulated(feature: string, detail: string): void;
  /** Native values worth keeping (raw finish reasons, thinking signatures) for onellm metadata. */
  readonly extras: Record<string, unknown>;
}

/** An HTTP request a provider wants sent; the transport adds timeouts, abort and redirect policy. */
export interface PreparedRequest {
  /** Native body, typed by the provider against its generated spec types. */
  body: unknown;
  /** Provider headers (auth, version), before the caller's extra headers. */
  headers: Record<string, string>;
  stream: boolean;
}

/** What the transport hands a provider's generated client for one attempt. */
export interface SendInit {
  /** A fetch that enforces onellm's transport rules (no redirects, timeouts, abort). */
  fetch: (request: Request) => Promise<Response>;
  signal: AbortSignal;
  headers: Record<string, string>;
}

/**
 * Turns typed native stream events into unified chunks (the generated translator interface returns
 * one of these). One instance per stream; it keeps state.
 */
export interface NativeStreamTranslator<E> {
  push(event: E): ChatCompletionChunk[];
  /** Called when the byte stream ends: trailing chunks, or `IncompleteStreamError` without the end marker. */
  end(): ChatCompletionChunk[];
  /** The partial assistant text seen so far (for `StreamInterruptedError`). */
  partialText(): string;
}

/** Turns SSE events (the framing) into unified chunks. One instance per stream; it keeps state. */
export interface StreamTranslator {
  /** Translate one SSE event; returns the chunks it produces (often zero or one). */
  push(event: SSEEvent): ChatCompletionChunk[];
  /**
   * Called when the byte stream ends. Returns trailing chunks, or throws `IncompleteStreamError`
   * when the provider's end marker never came.
   */
  end(): ChatCompletionChunk[];
  /** The partial assistant text seen so far (for `StreamInterruptedError`). */
  partialText(): string;
}

export interface Capabilities {
  /** Native n > 1. When false the router emulates n by parallel requests. */
  nativeN: boolean;
}

export interface ProviderCallContext {
  readonly settings: ProviderSettings;
  readonly translate: TranslateContext;
  /** Merged into the native body last: the caller's `provider_options[<provider>]`. */
  readonly providerOptions: Readonly<Record<string, unknown>> | undefined;
  /** The caller's signal, for work `prepare` does itself (e.g. downloading an image to inline it). */
  readonly signal: AbortSignal | undefined;
}

export interface Provider {
  /** Canonical name, e.g. `anthropic`. */
  readonly name: string;
  /** Other names accepted in model ids and settings (`gemini` for `google`). */
  readonly aliases: readonly string[];
  /** Environment variable prefixes, first match wins (`GEMINI`, then `GOOGLE`). */
  readonly envPrefixes: readonly string[];
  readonly defaultBaseURL: string;
  /** False for local servers (Ollama) that take no key. */
  readonly requiresApiKey: boolean;
  /**
   * Headers the provider requires on requests made from a web page (cross-origin), sent only when
   * the client runs in a browser with `dangerouslyAllowBrowser: true`.
   */
  readonly browserHeaders?: Readonly<Record<string, string>>;
  readonly capabilities: Capabilities;
  /** Unified request -> HTTP request. Throws `UnsupportedParameterError` / `InvalidRequestError`. */
  prepare(request: UnifiedRequest, call: ProviderCallContext): PreparedRequest | Promise<PreparedRequest>;
  /** Native JSON body of a 2xx response -> ChatCompletion (without onellm metadata). */
  parseResponse(body: unknown, call: ProviderCallContext): ChatCompletion;
  /** Sends a prepared request through the provider's generated (openapi-fetch) client. */
  send(prepared: PreparedRequest, call: ProviderCallContext, init: SendInit): Promise<Response>;
  createStreamTranslator(call: ProviderCallContext, includeUsage: boolean): StreamTranslator;
  /** A non-2xx response -> the right error class (status-based, refined by the native body). */
  parseError(
    status: number,
    body: string,
    headers: Headers,
    model: string,
  ): APIError;
}

export type { FinishReason };
