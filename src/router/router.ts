// The router: targets = [model, ...fallback_models]; per target a capability check (translation),
// one retry loop, then the fallback decision. It never looks inside a provider's wire format.
import {
  AllTargetsFailedError,
  APIUserAbortError,
  AuthenticationError,
  InvalidRequestError,
  UnsupportedParameterError,
  type TargetFailure,
} from "../errors.js";
import type { Stream } from "../core/stream.js";
import type { ChatCompletion, ChatCompletionChunk, OneLLMAttempt, OneLLMMetadata } from "../types.js";
import type { Provider, ProviderCallContext, TranslateContext, UnifiedRequest } from "../providers/contract.js";
import { entryForProvider, parseModelId, type ModelTarget } from "../providers/registry.js";
import { CallMedia } from "../core/media-session.js";
import { decideFallback } from "./fallback.js";
import { planRetry } from "./retry.js";
import { createTranslateContext } from "./translate-context.js";
import { runCompletion, runStream, type AttemptSetup } from "./attempt.js";
import { emulateN, emulateNStream, seedFor } from "./emulate-n.js";
import type { RouteRequest, RouteResult, RouterConfig } from "./types.js";

export type { RouteRequest, RouteResult, RouterConfig };

/** Resolves every target before anything is sent, so a bad model id fails without network. */
export function resolveTargets(model: string, fallbackModels: readonly string[]): ModelTarget[] {
  const targets = [parseModelId(model)];
  fallbackModels.forEach((id, index) => targets.push(parseModelId(id, `fallback_models[${index}]`)));
  return targets;
}

export async function route(
  config: RouterConfig,
  request: RouteRequest,
  stream: boolean,
): Promise<RouteResult<ChatCompletion | Stream<ChatCompletionChunk>>> {
  const targets = resolveTargets(request.body.model, request.fallbackModels);
  // Monotonic: a wall-clock jump (NTP, a suspended laptop) must neither end the call nor stretch it.
  const deadline = config.totalTimeoutMs === undefined ? undefined : performance.now() + config.totalTimeoutMs;
  const maxRetries = request.retries ?? config.maxRetries;
  const attempts: OneLLMAttempt[] = [];
  const notes: string[] = [];
  const failures: TargetFailure[] = [];
  const tried = new Set<string>();
  // One per call: a URL every target needs inline is downloaded once, within the call's limits.
  const media = new CallMedia({ signal: request.signal, timeoutMs: request.timeoutMs ?? config.timeoutMs, deadline });
  request.observer?.bindAttempts(attempts);
  /** The target that just failed, announced as a fallback once the next target actually starts. */
  let fellFrom: { provider: string; model: string; error: unknown; sentRequest: boolean } | undefined;

  for (const [index, target] of targets.entries()) {
    if (request.signal?.aborted) throw new APIUserAbortError();
    // Past the overall deadline no new target is started: it could only fail at once.
    if (deadline !== undefined && failures.length > 0 && performance.now() >= deadline) break;
    const key = `${target.provider.name}/${target.model}`;
    if (tried.has(key)) continue;
    tried.add(key);
    if (fellFrom !== undefined) {
      const { error, sentRequest, ...from } = fellFrom;
      request.observer?.fallback(from, { provider: target.provider.name, model: target.model }, error, sentRequest);
    }
    const attemptsBefore = attempts.length;
    const startedAt = performance.now();
    try {
      const result = await runTarget(config, request, target, stream, { attempts, notes, deadline, maxRetries, primary: targets[0]!.provider, media });
      return result;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      failures.push({ provider: target.provider.name, model: target.model, error: failure });
      // Translation errors are about this target (a content part, a schema, a model id it cannot
      // take): the unified request already passed validation, so another provider may accept it.
      const sentNothing = attempts.length === attemptsBefore;
      const targetCannotServe = sentNothing && error instanceof InvalidRequestError;
      if (!targetCannotServe && decideFallback(error) === "stop") throw error;
      fellFrom = { provider: target.provider.name, model: target.model, error, sentRequest: !sentNothing };
      // A target that failed before sending anything (an unsupported parameter or content part,
      // no key) is skipped: `attempts` records it with its reason, and the warnings say it too.
      const next = targets[index + 1];
      const then = next ? `falling back to ${next.provider.name}/${next.model}` : "no target left";
      if (sentNothing) {
        const reason = skipReason(failure);
        const duration = Math.round((performance.now() - startedAt) * 100) / 100;
        attempts.push({ provider: target.provider.name, model: target.model, duration_ms: duration, error: failure.name, skipped: true, reason });
        const note = `skipped ${key}: ${reason}`;
        notes.push(note);
        config.logger.info(`onellm: ${note}; ${then}`, { provider: target.provider.name, model: target.model, skipped: true, error: failure.name });
      } else {
        const status = (error as { status?: unknown }).status;
        config.logger.info(`onellm: ${key} failed (${failure.name}: ${failure.message}); ${then}`, {
          provider: target.provider.name,
          model: target.model,
          error: failure.name,
          ...(typeof status === "number" ? { status } : {}),
        });
      }
    }
  }
  if (failures.length === 1) throw (failures[0] as TargetFailure).error;
  throw new AllTargetsFailedError(failures, attempts);
}

interface CallState {
  attempts: OneLLMAttempt[];
  /** Call-level warnings (skipped targets), shown before the serving target's own. */
  notes: string[];
  /** On the monotonic clock (performance.now()). */
  deadline: number | undefined;
  maxRetries: number;
  /** The provider of `model`, the only one the call's own credential headers are for. */
  primary: Provider;
  media: CallMedia;
}

async function runTarget(
  config: RouterConfig,
  request: RouteRequest,
  target: ModelTarget,
  stream: boolean,
  state: CallState,
): Promise<RouteResult<ChatCompletion | Stream<ChatCompletionChunk>>> {
  const provider = target.provider;
  const resolved = config.settingsFor(provider);
  // Usually resolved at once; a key function's promise is awaited.
  const settings = resolved instanceof Promise ? await resolved : resolved;
  const translate = createTranslateContext(provider.name, target.model, config.policy, config.logger);
  if (provider.requiresApiKey && !settings.apiKey) {
    const variable = `${provider.envPrefixes[0] ?? provider.name.toUpperCase()}_API_KEY`;
    throw new MissingAPIKeyError(provider.name, variable);
  }
  const call: ProviderCallContext = {
    settings,
    translate,
    providerOptions: entryForProvider(request.providerOptions, provider),
    signal: request.signal,
    media: state.media,
  };
  const n = request.body.n ?? 1;
  const emulate = n > 1 && !provider.capabilities.nativeN;
  const body: UnifiedRequest = emulate ? { ...request.body, n: 1 } : request.body;
  // Translation doubles as the capability check: an unsupported parameter throws here, before network.
  const prepared = await provider.prepare(body, call);
  const seed = request.body.seed;
  // Emulated n with a seed: request i gets seed + i (one seed would give n copies of one answer).
  // Each is translated up front, so nothing is sent unless all of them translate.
  const candidates = emulate && typeof seed === "number"
    ? await Promise.all(
        Array.from({ length: n - 1 }, async (_, offset) => {
          const own: ProviderCallContext = { ...call, translate: createTranslateContext(provider.name, target.model, config.policy, undefined) };
          return { call: own, prepared: await provider.prepare({ ...body, seed: seedFor(seed, offset + 1) }, own) };
        }),
      )
    : [];
  // Only where the seed reaches the native body (a provider that drops it sends n identical bodies).
  const seeded = typeof seed === "number" && candidates.length > 0 && JSON.stringify(candidates[0]?.prepared.body) !== JSON.stringify(prepared.body);
  const seededCalls = seeded ? candidates : [];
  if (emulate) {
    const seeds = seeded ? `, each with its own seed (seed + i: ${Array.from({ length: n }, (_, index) => seedFor(seed, index)).join(", ")})` : "";
    translate.emulated("n", `${n} parallel requests merged into choices, usage summed${seeds}`);
  }

  const setup: AttemptSetup = {
    config,
    provider,
    call,
    prepared,
    target,
    signal: request.signal,
    headers: headersFor(provider, request, state.primary),
    timeoutMs: request.timeoutMs ?? config.timeoutMs,
    deadline: state.deadline,
    includeUsage: request.body.stream_options?.include_usage === true,
    observer: request.observer,
  };
  const metadata = metadataFor(provider.name, target.model, state, translate);

  const runWith = (signal: AbortSignal | undefined, index = 0) => {
    const own = index === 0 ? undefined : seededCalls[index - 1];
    const base: AttemptSetup = own === undefined ? setup : { ...setup, call: own.call, prepared: own.prepared };
    const scoped: AttemptSetup = signal === base.signal && own === undefined ? setup : { ...base, signal };
    if (!stream) return withRetries(config, scoped, state, () => runCompletion(scoped, state.attempts, metadata));
    // One retry budget for the target, whether a failure comes before the stream is handed out or
    // after only content-less chunks (a role chunk) were: the stream then resumes on a new attempt.
    const retries = { done: 0 };
    const streamSetup: AttemptSetup = {
      ...scoped,
      resume: async (error, reopen) => {
        await waitToRetry(config, scoped, state, error, retries.done);
        retries.done++;
        return withRetries(config, scoped, state, reopen, retries);
      },
    };
    return withRetries(config, scoped, state, () => runStream(streamSetup, state.attempts, metadata), retries);
  };
  if (!emulate) return runWith(setup.signal);
  return stream
    ? emulateNStream(n, (signal, index) => runWith(signal, index) as Promise<RouteResult<Stream<ChatCompletionChunk>>>, metadata, setup.signal)
    : emulateN(n, (signal, index) => runWith(signal, index) as Promise<RouteResult<ChatCompletion>>, metadata, setup.signal);
}

/**
 * The `onellm` field of a response, made when asked. Built outside runTarget so that a stream,
 * which keeps it to its last chunk, keeps only these (not the request, settings and native body).
 */
function metadataFor(provider: string, model: string, state: CallState, translate: TranslateContext): () => OneLLMMetadata {
  return () => ({
    provider,
    model,
    attempts: state.attempts,
    warnings: state.notes.length === 0 ? translate.warnings : [...state.notes, ...translate.warnings],
    ...(typeof translate.extras["native_finish_reasons"] === "object"
      ? { native_finish_reasons: translate.extras["native_finish_reasons"] as (string | null)[] }
      : {}),
  });
}

/** One retry loop per target: the only place in onellm that retries. */
async function withRetries<T>(
  config: RouterConfig,
  setup: AttemptSetup,
  state: CallState,
  run: () => Promise<T>,
  retries: { done: number } = { done: 0 },
): Promise<T> {
  for (; ; retries.done++) {
    try {
      return await run();
    } catch (error) {
      await waitToRetry(config, setup, state, error, retries.done);
    }
  }
}

/** Throws the error when it is not to be retried here; otherwise says so (log, observer) and waits. */
async function waitToRetry(config: RouterConfig, setup: AttemptSetup, state: CallState, error: unknown, retriesDone: number): Promise<void> {
  const remainingMs = state.deadline === undefined ? undefined : state.deadline - performance.now();
  const plan = planRetry(error, { retriesDone, maxRetries: state.maxRetries, remainingMs });
  switch (plan.action) {
    case "retry":
      config.logger.info(
        `onellm: retrying ${setup.provider.name}/${setup.target.model} in ${plan.delayMs} ms (${(error as Error).name}, retry ${retriesDone + 1}/${state.maxRetries})`,
        { provider: setup.provider.name, model: setup.target.model, error: (error as Error).name, delayMs: plan.delayMs, retry: retriesDone + 1, maxRetries: state.maxRetries },
      );
      setup.observer?.retry(setup.provider.name, setup.target.model, retriesDone + 1, state.maxRetries, plan.delayMs, error);
      await config.sleep(plan.delayMs, setup.signal);
      return;
    case "give-up":
      throw error;
    case "move-on":
      // The wait the server asked for is longer than we will sleep: the error carries it.
      throw error;
    default: {
      const exhaustive: never = plan;
      throw new Error(`unknown retry plan ${String(exhaustive)}`);
    }
  }
}

/** The call's headers for this target: its credential headers only for the primary's provider. */
function headersFor(provider: Provider, request: RouteRequest, primary: Provider): Record<string, string> {
  const headers = request.headers ?? {};
  const credentials = request.credentialHeaders;
  if (credentials === undefined || provider.name !== primary.name) return headers;
  return { ...headers, ...credentials };
}

function skipReason(error: Error): string {
  if (error instanceof UnsupportedParameterError) {
    return `${error.provider} does not support \`${error.parameter}\` (unsupportedParams: "error")`;
  }
  return `${error.name}: ${error.message}`;
}

/**
 * No key was configured for a provider that needs one (an `AuthenticationError`); the next of
 * `fallback_models` may have one. Set `<PROVIDER>_API_KEY` or `providers.<name>.apiKey`.
 * @example catch (error) { if (error instanceof MissingAPIKeyError) console.log(error.message); }
 */
export class MissingAPIKeyError extends AuthenticationError {
  override name = "MissingAPIKeyError";
  constructor(provider: string, variable: string) {
    super(`No API key for ${provider}: set ${variable} or pass providers.${provider}.apiKey to the client.`, { provider });
  }
}
