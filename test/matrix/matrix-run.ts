// Runs one matrix cell: a history sent to one target by the real SDK, its native request forwarded
// to the target's Prism, which validates it against the provider's derived spec. The cell records
// what Prism said (status, violations), what the SDK said (warnings, or the error that refused the
// history before anything was sent) and the native body, for the per-target checks.
import { OpenAI, type Fetch } from "../../src/client.js";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from "../../src/types.js";
import { prismUrl } from "../helpers/prism-urls.js";
import { providerSettings, recordingFetch, SOURCES, TOOLS } from "./matrix-sources.js";
import { corrupt, type Target } from "./matrix-targets.js";

type Json = Record<string, unknown>;

export interface Sent {
  status: number;
  /** Prism's violation locations (`request.body.messages.1.content`), empty when it accepted the request. */
  violations: string[];
  body: Json;
}

export interface CellResult {
  sent: Sent | undefined;
  /** The served completion (the target's own recorded answer, after Prism accepted the request). */
  completion: ChatCompletion | undefined;
  /** The SDK's warnings on the served response (emulations, adaptations). */
  warnings: string[];
  /** The error the call ended with (a refusal before sending, or anything unexpected). */
  error: Error | undefined;
}

/** Prism's violations of the request (it also lists its own generated response's, which are not ours to judge). */
async function violationsOf(response: Response): Promise<string[]> {
  const header = response.headers.get("sl-violations");
  if (header) return (JSON.parse(header) as { location: string[] }[]).map((violation) => violation.location.join(".")).filter((location) => location.startsWith("request"));
  if (response.status < 400) return [];
  const text = await response.clone().text();
  try {
    const problem = JSON.parse(text) as { validation?: { location: string[] }[] };
    return (problem.validation ?? []).map((violation) => ["request", ...violation.location].join("."));
  } catch {
    return [];
  }
}

/**
 * A fetch that sends to Prism, optionally corrupting the native body first, and keeps what Prism
 * said. Once Prism accepted the request, the SDK reads the provider's own recorded answer instead of
 * Prism's generated example, so the cell's warnings are about the request alone.
 */
function forwarding(target: Target, onSent: (sent: Sent) => void, edit?: (body: Json) => void): Fetch {
  const answer = recordingFetch(SOURCES[target.name].replies.text.json, "json");
  return async (request) => {
    const body = (await request.json()) as Json;
    if (edit !== undefined) edit(body);
    const response = await fetch(new Request(request.url, { method: request.method, headers: request.headers, body: JSON.stringify(body), redirect: "manual" }));
    const violations = await violationsOf(response);
    onSent({ status: response.status, violations, body });
    return response.ok && violations.length === 0 ? answer(request) : response;
  };
}

export interface CellOptions {
  /** Corrupt the native body on its way to Prism (the proof that validation can fail). */
  corrupt?: boolean;
  /** Settings added to every provider's (e.g. `mediaDownload` for a local media server). */
  settings?: Record<string, unknown>;
  /** The rest of the request (default: the matrix's tools). */
  request?: Omit<ChatCompletionCreateParamsNonStreaming, "model" | "messages">;
}

function targetClient(target: Target, fetchImpl: Fetch, settings: Record<string, unknown> = {}): OpenAI {
  const providers = Object.fromEntries(Object.entries(providerSettings({ [target.name]: prismUrl(target.prism) })).map(([name, own]) => [name, { ...own, ...settings }]));
  return new OpenAI({ env: {}, maxRetries: 0, providers, fetch: fetchImpl });
}

export async function runCell(target: Target, messages: ChatCompletionMessageParam[], options: CellOptions = {}): Promise<CellResult> {
  let sent: Sent | undefined;
  const edit = options.corrupt === true ? (body: Json) => corrupt(target.family, body) : undefined;
  const client = targetClient(target, forwarding(target, (value) => (sent = value), edit), options.settings);
  try {
    const completion = await client.chat.completions.create({ model: target.model, messages, ...(options.request ?? { tools: TOOLS }) });
    return { sent, completion, warnings: completion.onellm?.warnings ?? [], error: undefined };
  } catch (error) {
    return { sent, completion: undefined, warnings: [], error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Runs `tasks` at most `limit` at a time (Prism and the machine stay responsive), in order of results. */
export async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < tasks.length; index = next++) results[index] = await tasks[index]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
