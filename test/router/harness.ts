// Shared pieces of the router fault suite: one fault server, one path prefix per provider (each with
// its own key), an injected sleep that records the waits the router asks for, and body builders.
import http, { type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { OpenAI, type ClientOptions } from "../../src/client.js";
import { APIUserAbortError } from "../../src/errors.js";
import type { ChatCompletionChunk } from "../../src/types.js";
import type { FaultResponse, FaultServer } from "../helpers/fault-server.js";

/** Each provider's own key. `sk-canary-` marks the one the safety suite hunts for. */
export const KEYS = {
  openai: "sk-canary-openai-7f3a9c1e5b2d4806",
  groq: "gsk-fallback-groq-2b8d4f6a0c1e3579",
  deepseek: "sk-third-deepseek-9e7c5a3b1d2f4680",
} as const;

/** Where each provider's requests land on the fault server. */
export const PATHS = {
  openai: "/openai/v1/chat/completions",
  groq: "/groq/openai/v1/chat/completions",
  deepseek: "/deepseek/chat/completions",
} as const;

export const MODELS = {
  openai: "openai/gpt-4o-mini",
  groq: "groq/llama-3.3-70b-versatile",
  deepseek: "deepseek/deepseek-chat",
} as const;

export const hi = [{ role: "user" as const, content: "hi" }];

export interface RecordedSleep {
  /** Every delay the router asked to sleep, in order (ms). */
  delays: number[];
  sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

/** Records the requested delay and resolves at once; rejects like the real sleep when aborted. */
export function recordingSleep(): RecordedSleep {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms, signal) => {
      delays.push(ms);
      return signal?.aborted ? Promise.reject(new APIUserAbortError("Request was aborted during a retry wait.")) : Promise.resolve();
    },
  };
}

export interface LogCapture {
  lines: string[];
  sink: { debug(message: string): void; info(message: string): void; warn(message: string): void; error(message: string): void };
}

export function captureLog(): LogCapture {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => {
    lines.push(`${level} ${message}`);
  };
  return { lines, sink: { debug: push("debug"), info: push("info"), warn: push("warn"), error: push("error") } };
}

/** A client whose openai, groq and deepseek providers all point at the fault server. */
export function routerClient(fault: FaultServer, options: ClientOptions = {}): OpenAI {
  return new OpenAI({
    env: {},
    logger: {},
    providers: {
      openai: { apiKey: KEYS.openai, baseURL: `${fault.url}/openai/v1` },
      groq: { apiKey: KEYS.groq, baseURL: `${fault.url}/groq` },
      deepseek: { apiKey: KEYS.deepseek, baseURL: `${fault.url}/deepseek` },
      ...options.providers,
    },
    ...withoutProviders(options),
  });
}

function withoutProviders(options: ClientOptions): ClientOptions {
  const { providers: _providers, ...rest } = options;
  return rest;
}

/** An OpenAI chat.completion body whose only choice says `content`. */
export function completion(content: string, model = "gpt-4o-mini"): object {
  return {
    id: `chatcmpl-fault-${content.replace(/\W+/g, "-")}`,
    object: "chat.completion",
    created: 1764254580,
    model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
    usage: { prompt_tokens: 8, completion_tokens: 2, total_tokens: 10 },
  };
}

export const ok = (content: string, model?: string): FaultResponse => ({ status: 200, body: completion(content, model) });

/** An OpenAI-style JSON error response. */
export function failure(status: number, message = `HTTP ${status}`, headers: Record<string, string> = {}, extra: object = {}): FaultResponse {
  return { status, headers, body: { error: { message, type: status >= 500 ? "server_error" : "invalid_request_error", param: null, code: null, ...extra } } };
}

/** One OpenAI SSE frame carrying a content delta (or the final frame with a finish reason). */
export function chunkEvent(content: string | undefined, finishReason: "stop" | null = null): string {
  const chunk = {
    id: "chatcmpl-fault-stream",
    object: "chat.completion.chunk",
    created: 1764254580,
    model: "gpt-4o-mini",
    choices: [{ index: 0, delta: content === undefined ? {} : { content }, logprobs: null, finish_reason: finishReason }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

export const DONE = "data: [DONE]\n\n";

/** A complete OpenAI stream saying `texts` in order, ending with a stop frame and `[DONE]`. */
export function sseOk(...texts: string[]): FaultResponse {
  return { kind: "sse", events: [...texts.map((text) => chunkEvent(text)), chunkEvent(undefined, "stop"), DONE], then: "end" };
}

export interface Collected {
  chunks: ChatCompletionChunk[];
  text: string;
  error: unknown;
}

/** Reads a stream to its end or its first error. */
export async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<Collected> {
  const chunks: ChatCompletionChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks, text: textOf(chunks), error: undefined };
  } catch (error) {
    return { chunks, text: textOf(chunks), error };
  }
}

export function textOf(chunks: readonly ChatCompletionChunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
}

/** The rejection of a promise (fails the test if it resolves). */
export async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** Resolves once `count()` reaches `n` (polling the fault server), so a test can act mid-call. */
export async function until(check: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface ScriptedServer {
  url: string;
  /** Resolves when the server has seen the client close the connection of request `index` (0-based). */
  closed(index: number): Promise<void>;
  requests(): number;
  stop(): Promise<void>;
}

/**
 * A tiny node:http server on 127.0.0.1 for what the fault server cannot script: timed writes, and
 * noticing when the client drops the connection. `handle` gets each response and its index.
 */
export async function startScriptedServer(handle: (response: ServerResponse, index: number) => void): Promise<ScriptedServer> {
  const closes: Promise<void>[] = [];
  const server = http.createServer((request, response) => {
    const index = closes.length;
    closes.push(new Promise<void>((resolve) => response.on("close", () => resolve())));
    request.resume();
    request.on("end", () => handle(response, index));
  });
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0 }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    closed: (index) => closes[index] ?? Promise.reject(new Error(`no request ${index}`)),
    requests: () => closes.length,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
