// The router's types, apart from router.ts so that attempt.ts and emulate-n.ts (which router.ts
// imports) take them without importing router.ts back.
import type { FetchLike } from "../core/http.js";
import type { Provider, ProviderSettings, UnifiedRequest, UnsupportedPolicy } from "../providers/contract.js";
import type { Logger } from "../logger.js";
import type { CallObserver } from "../observability/call-observer.js";

export interface RouterConfig {
  fetch: FetchLike;
  maxRetries: number;
  timeoutMs: number;
  streamIdleTimeoutMs: number;
  totalTimeoutMs: number | undefined;
  /** The largest non-streamed body read, in bytes. */
  maxResponseBytes: number;
  /** The largest SSE line or event, in bytes. */
  maxStreamEventBytes: number;
  policy: UnsupportedPolicy;
  logger: Logger;
  sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  /** A promise when the key comes from a function (called once per call). */
  settingsFor(provider: Provider): ProviderSettings | Promise<ProviderSettings>;
}

export interface RouteRequest {
  body: UnifiedRequest;
  fallbackModels: readonly string[];
  retries: number | undefined;
  timeoutMs: number | undefined;
  providerOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined;
  signal: AbortSignal | undefined;
  headers: Record<string, string> | undefined;
  /**
   * The call's own credential headers (Authorization, x-api-key, ...): sent to targets of the
   * primary model's provider only, never over another provider's own key.
   */
  credentialHeaders: Record<string, string> | undefined;
  /** Present when the client has hooks: told about retries, fallbacks and each HTTP exchange. */
  observer?: CallObserver | undefined;
}

export interface RouteResult<T> {
  data: T;
  /** The provider's HTTP response for the attempt that succeeded (built lazily). */
  response: () => Response;
  /** That response's headers (for the request id), without building the response. */
  headers: Headers;
}
