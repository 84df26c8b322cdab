// n > 1 for providers that return one choice: n parallel requests, merged into one response whose
// choices are indexed 0..n-1 and whose usage is summed. If one fails, the others are cancelled.
// Each request knows its index, so a caller's `seed` becomes seed + i: n requests with one seed
// would give n copies of one answer.
import { Stream } from "../core/stream.js";
import type { ChatCompletion, ChatCompletionChunk, CompletionUsage, OneLLMMetadata } from "../types.js";
import type { RouteResult } from "./types.js";

/** Runs emulated request number `index` (0..n-1). */
type RunOne<T> = (signal: AbortSignal, index: number) => Promise<RouteResult<T>>;

interface Parallel<T> {
  results: RouteResult<T>[];
  /** Unlinks the caller's signal: once the merged result is complete (a stream: once it ends). */
  release: () => void;
}

/** Runs n requests under one controller linked to the caller's signal; a failure cancels the rest. */
async function runAll<T>(n: number, runOne: RunOne<T>, signal: AbortSignal | undefined): Promise<Parallel<T>> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  const release = () => signal?.removeEventListener("abort", onAbort);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const results = await Promise.all(
      Array.from({ length: n }, (_, index) =>
        runOne(controller.signal, index).catch((error: unknown) => {
          controller.abort();
          throw error;
        }),
      ),
    );
    return { results, release };
  } catch (error) {
    release();
    throw error;
  }
}

export function sumUsage(usages: readonly (CompletionUsage | undefined)[]): CompletionUsage | undefined {
  const present = usages.filter((usage): usage is CompletionUsage => usage !== undefined);
  if (present.length === 0) return undefined;
  const total: CompletionUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  const promptDetails: Record<string, number> = {};
  const completionDetails: Record<string, number> = {};
  for (const usage of present) {
    total.prompt_tokens += usage.prompt_tokens;
    total.completion_tokens += usage.completion_tokens;
    total.total_tokens += usage.total_tokens;
    addCounts(promptDetails, usage.prompt_tokens_details);
    addCounts(completionDetails, usage.completion_tokens_details);
  }
  // Every numeric detail the providers reported (cached, cache writes, audio, reasoning, ...) is summed.
  if (Object.keys(promptDetails).length > 0) total.prompt_tokens_details = promptDetails;
  if (Object.keys(completionDetails).length > 0) total.completion_tokens_details = completionDetails;
  return total;
}

function addCounts(into: Record<string, number>, details: object | null | undefined): void {
  if (!details) return;
  for (const [name, value] of Object.entries(details)) {
    if (typeof value === "number") into[name] = (into[name] ?? 0) + value;
  }
}

export async function emulateN(
  n: number,
  runOne: RunOne<ChatCompletion>,
  metadata: () => OneLLMMetadata,
  signal: AbortSignal | undefined,
): Promise<RouteResult<ChatCompletion>> {
  const { results, release } = await runAll(n, runOne, signal);
  release();
  const first = results[0]!;
  const merged: ChatCompletion = {
    ...first.data,
    choices: results.map((result, index) => ({ ...result.data.choices[0]!, index })),
  };
  const usage = sumUsage(results.map((result) => result.data.usage));
  if (usage) merged.usage = usage;
  const nativeReasons = results.map((result) => result.data.onellm?.native_finish_reasons?.[0] ?? null);
  merged.onellm = { ...metadata(), native_finish_reasons: nativeReasons };
  return { data: merged, response: first.response, headers: first.headers };
}

export async function emulateNStream(
  n: number,
  runOne: RunOne<Stream<ChatCompletionChunk>>,
  metadata: () => OneLLMMetadata,
  signal: AbortSignal | undefined,
): Promise<RouteResult<Stream<ChatCompletionChunk>>> {
  // The parallel streams stay tied to the caller's signal while they are read: an abort mid-stream
  // must reach them as it reaches a single stream.
  const { results, release } = await runAll(n, runOne, signal);
  const controller = new AbortController();
  controller.signal.addEventListener("abort", () => results.forEach((result) => result.data.controller.abort()), { once: true });
  return {
    data: new Stream(() => interleave(results.map((result) => result.data), metadata, release), controller),
    response: results[0]!.response,
    headers: results[0]!.headers,
  };
}

/**
 * Merges n single-choice streams as chunks arrive; usage chunks are summed into one at the end.
 * Every chunk carries the first chunk's `id` and `created`, as the chunks of one OpenAI stream do.
 */
async function* interleave(
  streams: Stream<ChatCompletionChunk>[],
  metadata: () => OneLLMMetadata,
  release: () => void,
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const iterators = streams.map((stream) => stream[Symbol.asyncIterator]());
  const usages: (CompletionUsage | undefined)[] = [];
  let template: ChatCompletionChunk | undefined;
  type Pending = Promise<{ index: number; result: IteratorResult<ChatCompletionChunk> }>;
  const pending = new Map<number, Pending>();
  const pull = (index: number) => {
    const next = iterators[index]!.next().then((result) => ({ index, result }));
    // A read still pending when the merged stream stops may fail later; nobody is waiting for it.
    next.catch(() => undefined);
    pending.set(index, next);
  };
  iterators.forEach((_, index) => pull(index));
  let firstSent = false;
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      pull(index);
      const chunk = result.value;
      template ??= chunk;
      chunk.id = template.id;
      chunk.created = template.created;
      if (chunk.choices.length === 0) {
        if (chunk.usage) usages.push(chunk.usage);
        continue;
      }
      for (const choice of chunk.choices) choice.index = index;
      delete chunk.onellm;
      if (!firstSent) {
        chunk.onellm = metadata();
        firstSent = true;
      }
      yield chunk;
    }
    const usage = sumUsage(usages);
    if (usage && template) {
      yield { ...template, choices: [], usage, onellm: metadata() };
    }
  } finally {
    release();
    await Promise.all(iterators.map((iterator) => iterator.return?.()));
  }
}

/** The seed of emulated request `index`: distinct per request, so the n answers can differ, and reproducible. */
export function seedFor(seed: number, index: number): number {
  return seed + index;
}
