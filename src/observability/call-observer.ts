// One `create()` call seen through the hooks: the client, router and attempt code report what
// happens here, and this turns it into hook events. Only exists when hooks are registered, so a
// client without hooks pays nothing but an `undefined` check.
import { redactSecrets } from "../core/redact.js";
import { randomHex } from "../core/random-id.js";
import { Stream } from "../core/stream.js";
import { APIError, pickRequestId } from "../errors.js";
import type { Logger } from "../logger.js";
import { parseModelId } from "../providers/registry.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams, OneLLMAttempt } from "../types.js";
import type { CompletedChoice, Hooks } from "./hooks.js";
import { StreamSummary } from "./stream-summary.js";

type HookName = keyof Hooks;
type EventOf<N extends HookName> = Parameters<NonNullable<Hooks[N]>>[0];

/** Header names whose values are credentials, whatever they hold. */
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "x-api-key", "x-goog-api-key", "api-key", "cookie", "set-cookie"]);

export function redactedHeaders(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = CREDENTIAL_HEADERS.has(name) ? "[REDACTED]" : redactSecrets(value);
  });
  return record;
}

function errorOf(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export class CallObserver {
  readonly callId = `call_${randomHex(24)}`;
  private readonly startedAt = performance.now();
  private attemptCount = 0;
  private firstChunkAt: number | undefined;
  /** The router's attempt list for this call (bound when routing starts). */
  private attempts: readonly OneLLMAttempt[] = [];
  private readonly stream: boolean;

  constructor(
    private readonly hooks: readonly Hooks[],
    private readonly logger: Logger,
    body: ChatCompletionCreateParams,
  ) {
    this.stream = body.stream === true;
    const record = body as unknown as Record<string, unknown>;
    const fallbacks = record["fallback_models"];
    const model = typeof record["model"] === "string" ? record["model"] : undefined;
    this.emit("onStart", {
      ...this.base(),
      model,
      target: model === undefined ? undefined : targetOf(model),
      fallbackModels: Array.isArray(fallbacks) ? fallbacks.filter((id): id is string => typeof id === "string") : [],
      stream: this.stream,
      request: body,
    });
  }

  bindAttempts(attempts: readonly OneLLMAttempt[]): void {
    this.attempts = attempts;
  }

  /** Wraps one target's transport: a request event before each send, a response event at headers. */
  observeTransport<R extends { url: string; method: string; headers: Headers }>(
    send: (request: R) => Promise<Response>,
    provider: string,
    model: string,
    stream: boolean,
  ): (request: R) => Promise<Response> {
    return async (request) => {
      const attempt = ++this.attemptCount;
      this.emit("onRequest", {
        ...this.base(),
        attempt,
        provider,
        model,
        method: request.method,
        url: redactSecrets(request.url),
        headers: redactedHeaders(request.headers),
        stream,
      });
      const sentAt = performance.now();
      const response = await send(request);
      this.emit("onResponse", {
        ...this.base(),
        attempt,
        provider,
        model,
        status: response.status,
        headers: redactedHeaders(response.headers),
        requestId: pickRequestId(response.headers) ?? null,
        durationMs: elapsed(sentAt),
      });
      return response;
    };
  }

  retry(provider: string, model: string, retry: number, maxRetries: number, delayMs: number, error: unknown): void {
    const failure = errorOf(error);
    this.emit("onRetry", {
      ...this.base(),
      attempt: this.attemptCount,
      provider,
      model,
      retry,
      maxRetries,
      delayMs,
      error: failure,
      errorType: failure.name,
    });
  }

  fallback(from: { provider: string; model: string }, to: { provider: string; model: string }, error: unknown, sentRequest: boolean): void {
    const failure = errorOf(error);
    this.emit("onFallback", { ...this.base(), from, to, error: failure, errorType: failure.name, sentRequest });
  }

  /** The first chunk of a streamed attempt arrived (the earliest one counts). */
  firstChunk(): void {
    this.firstChunkAt ??= performance.now();
  }

  completed(completion: ChatCompletion): void {
    const metadata = completion.onellm;
    this.emit("onComplete", {
      ...this.base(),
      provider: metadata?.provider ?? "",
      model: metadata?.model ?? completion.model,
      stream: false,
      durationMs: elapsed(this.startedAt),
      timeToFirstChunkMs: undefined,
      id: completion.id,
      responseModel: completion.model,
      usage: completion.usage,
      finishReasons: completion.choices.map((choice) => choice.finish_reason),
      choices: completion.choices as unknown as CompletedChoice[],
      attempts: metadata?.attempts ?? this.attempts,
      warnings: metadata?.warnings ?? [],
      cancelled: false,
    });
  }

  failed(error: unknown, afterOutput = false): void {
    const failure = errorOf(error);
    this.emit("onError", {
      ...this.base(),
      error: failure,
      errorType: failure.name,
      status: error instanceof APIError ? error.status : undefined,
      stream: this.stream,
      durationMs: elapsed(this.startedAt),
      attempts: this.attempts,
      afterOutput,
    });
  }

  /** The caller's stream, reporting completion or failure when it ends. */
  observeStream(stream: Stream<ChatCompletionChunk>): Stream<ChatCompletionChunk> {
    const summary = new StreamSummary();
    let reported = false;
    const finish = (cancelled: boolean) => {
      if (reported) return;
      reported = true;
      this.streamCompleted(summary, cancelled || stream.controller.signal.aborted);
    };
    return new Stream<ChatCompletionChunk>(() => {
      const inner = stream[Symbol.asyncIterator]();
      return {
        next: async () => {
          let result: IteratorResult<ChatCompletionChunk>;
          try {
            result = await inner.next();
          } catch (error) {
            if (!reported) {
              reported = true;
              this.failed(error, summary.chunks > 0);
            }
            throw error;
          }
          if (result.done) finish(false);
          else summary.add(result.value);
          return result;
        },
        return: async () => {
          const result = (await inner.return?.()) ?? { done: true as const, value: undefined };
          finish(true);
          return result;
        },
      };
    }, stream.controller);
  }

  private streamCompleted(summary: StreamSummary, cancelled: boolean): void {
    const choices = summary.completedChoices();
    const metadata = summary.metadata;
    this.emit("onComplete", {
      ...this.base(),
      provider: metadata?.provider ?? "",
      model: metadata?.model ?? summary.model ?? "",
      stream: true,
      durationMs: elapsed(this.startedAt),
      timeToFirstChunkMs: this.firstChunkAt === undefined ? undefined : round(this.firstChunkAt - this.startedAt),
      id: summary.id,
      responseModel: summary.model,
      usage: summary.usage,
      finishReasons: choices.map((choice) => choice.finish_reason),
      choices,
      attempts: metadata?.attempts ?? this.attempts,
      warnings: metadata?.warnings ?? [],
      cancelled,
    });
  }

  private base(): { callId: string; timestamp: number } {
    return { callId: this.callId, timestamp: Date.now() };
  }

  private emit<N extends HookName>(name: N, event: EventOf<N>): void {
    for (const hooks of this.hooks) {
      const hook = hooks[name] as ((event: EventOf<N>) => unknown) | undefined;
      if (typeof hook !== "function") continue;
      try {
        const result = hook.call(hooks, event);
        if (result instanceof Promise) result.catch((error: unknown) => this.hookFailed(name, error));
      } catch (error) {
        this.hookFailed(name, error);
      }
    }
  }

  private hookFailed(name: HookName, error: unknown): void {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.logger.warn(`onellm: the ${name} hook threw (${detail}); the call goes on unaffected`);
  }
}

function targetOf(model: string): { provider: string; model: string } | undefined {
  try {
    const target = parseModelId(model);
    return { provider: target.provider.name, model: target.model };
  } catch {
    return undefined; // validation reports the bad id as the call's error
  }
}

function elapsed(since: number): number {
  return round(performance.now() - since);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
