// The contract between the router and a provider. A provider knows its own wire format and nothing
// about retries or fallbacks; the router knows targets and attempts and nothing about wire formats.
import type { APIError, APIErrorInit } from "../errors.js";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  FinishReason,
} from "../types.js";
import type { CallMedia } from "../core/media-session.js";
import type { SSEEvent } from "../core/sse.js";
import type { SendInit } from "../core/send-init.js";

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
  /** The client's environment, for providers whose credentials are more than a key (AWS, Google Cloud). */
  env: Readonly<Record<string, string | undefined>>;
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

export type { SendInit };

/**
 * Turns typed native stream events into unified chunks (the generated translator interface returns
 * one of these). One instance per stream; it keeps state.
 */
export interface NativeStreamTranslator<E> {
  push(event: E): ChatCompletionChunk[];
  /** True once the provider's end marker has been seen (see StreamTranslator.finished). */
  finished(): boolean;
  /** Called when the byte stream ends: trailing chunks, or `IncompleteStreamError` without the end marker. */
  end(): ChatCompletionChunk[];
  /** The partial assistant text seen so far (for `StreamInterruptedError`). */
  partialText(): string;
}

/** Cuts a stream's bytes into frames (SSE events, NDJSON values, AWS event-stream messages). Keeps state. */
export interface FrameDecoder<F> {
  push(chunk: Uint8Array): F[];
  /** The body ended: whatever a final frame completes, or a typed error for a frame cut short. */
  flush(): F[];
  /**
   * Frames that carried provider data so far (comments and keep-alives do not count): the stream's
   * idle timer hears only these.
   */
  readonly framesSeen: number;
  /**
   * A limit passed after some frames had completed in the same push: those were returned first, and
   * this is what the caller raises once it has handled them (later pushes throw it too).
   */
  readonly failure: unknown;
}

/** Byte limits a frame decoder enforces while reading (see core/limits.ts). */
export interface FrameDecoderLimits {
  maxEventBytes?: number;
  source?: Pick<APIErrorInit, "provider" | "model" | "status" | "headers">;
}

/**
 * Turns framed events into unified chunks. One instance per stream; it keeps state. The frames are
 * SSE events unless the translator brings its own decoder (Ollama's NDJSON, Bedrock's binary event
 * stream).
 */
export interface StreamTranslator<F = SSEEvent> {
  /** How the body is cut into frames, within the given limits; the SSE decoder when absent. */
  createDecoder?(limits: FrameDecoderLimits): FrameDecoder<F>;
  /** Translate one frame; returns the chunks it produces (often zero or one). */
  push(event: F): ChatCompletionChunk[];
  /**
   * True once the provider's end marker has been seen (`[DONE]`, `message_stop`, every candidate's
   * finishReason): the stream ends there and its body is cancelled, even if the connection stays
   * open (proxies keep it open). `end()` is then called for the trailing chunks.
   */
  finished(): boolean;
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
  /**
   * The call's media downloads: each URL once per call (every target shares them), within the
   * call's budget, deadline and signal. A provider that inlines URLs downloads through it.
   */
  readonly media: CallMedia;
}

export interface Provider {
  /** Canonical name, e.g. `anthropic`. */
  readonly name: string;
  /** Other names accepted in model ids and settings (`gemini` for `google`). */
  readonly aliases: readonly string[];
  /** Environment variable prefixes, first match wins (`GEMINI`, then `GOOGLE`). */
  readonly envPrefixes: readonly string[];
  /** Other `providers.<name>` entries this one reads when its own is absent (`vertex-anthropic` reads `vertex`). */
  readonly settingsFrom?: readonly string[];
  readonly defaultBaseURL: string;
  /**
   * The base URL when none is configured, for providers whose host depends on settings (an AWS
   * region, a Google Cloud location). Throws `InvalidRequestError` naming what to set.
   */
  resolveDefaultBaseURL?(extra: Readonly<Record<string, unknown>>, env: Readonly<Record<string, string | undefined>>): string;
  /** False for local servers (Ollama) that take no key. */
  readonly requiresApiKey: boolean;
  /**
   * Provider settings read from the environment when not given under `providers.<name>`, each from
   * the first variable set (Azure's `endpoint` from AZURE_OPENAI_ENDPOINT).
   */
  readonly envSettings?: Readonly<Record<string, readonly string[]>>;
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
  createStreamTranslator(call: ProviderCallContext, includeUsage: boolean): StreamTranslator<unknown>;
  /** A non-2xx response -> the right error class (status-based, refined by the native body). */
  parseError(
    status: number,
    body: string,
    headers: Headers,
    model: string,
  ): APIError;
}

/**
 * Where a translated provider's requests go and how they authenticate: the seam that lets one
 * translator serve on several hosts (Gemini on Google AI and on Vertex AI, Claude on Anthropic and
 * on Vertex AI). The translator's provider builds the native body; the host names the provider,
 * adds its headers, shapes the body for its endpoint and sends it through its own generated client.
 */
export interface ProviderHost<Body> {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly envPrefixes: readonly string[];
  readonly settingsFrom?: readonly string[];
  readonly defaultBaseURL: string;
  readonly requiresApiKey: boolean;
  /** As Provider.browserHeaders: required on requests made from a web page. */
  readonly browserHeaders?: Readonly<Record<string, string>>;
  resolveDefaultBaseURL?(extra: Readonly<Record<string, unknown>>, env: Readonly<Record<string, string | undefined>>): string;
  /** Checks, before anything is sent, that this host can serve the call (credentials, project); throws if not. */
  check?(call: ProviderCallContext): void;
  /** Headers for one call (a key, a version), before the caller's own. */
  headers(call: ProviderCallContext): Record<string, string>;
  /** The native body as this host's endpoint takes it (provider_options already merged). */
  shapeBody(body: Body, call: ProviderCallContext): unknown;
  /** Sends the body through the host's generated client; auth that needs the network happens here. */
  send(body: unknown, stream: boolean, call: ProviderCallContext, init: SendInit): Promise<Response>;
}

export type { FinishReason };
