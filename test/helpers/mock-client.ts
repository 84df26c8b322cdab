// A stand-in for the client the helpers drive: `chat.completions.create` answers from a script (one
// reply per call) and records each call, so runner tests see exactly what the helpers send.
import { APIPromise } from "../../src/api-promise.js";
import type { OpenAI, RequestOptions } from "../../src/client.js";
import { Stream } from "../../src/core/stream.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams } from "../../src/types.js";

export type Reply = ChatCompletion | ChatCompletionChunk[] | ((body: ChatCompletionCreateParams, signal: AbortSignal | undefined) => Promise<ChatCompletion | ChatCompletionChunk[]>);

export interface MockClient {
  client: OpenAI;
  calls: { body: ChatCompletionCreateParams; options: RequestOptions }[];
}

export function mockClient(replies: Reply[]): MockClient {
  const calls: MockClient["calls"] = [];
  const queue = [...replies];
  const create = (body: ChatCompletionCreateParams, options: RequestOptions = {}) => {
    calls.push({ body: structuredClone(body), options });
    const reply = queue.shift();
    const result = (async () => {
      if (reply === undefined) throw new Error(`no scripted reply for call ${calls.length}`);
      const signal = options.signal ?? undefined;
      const data = typeof reply === "function" ? await reply(body, signal) : reply;
      if (!Array.isArray(data)) return { data, response: () => new Response(JSON.stringify(data)), headers: new Headers() };
      const controller = new AbortController();
      signal?.addEventListener("abort", () => controller.abort(), { once: true });
      async function* chunks(): AsyncGenerator<ChatCompletionChunk> {
        for (const chunk of data as ChatCompletionChunk[]) {
          await new Promise((resolve) => setImmediate(resolve));
          if (signal?.aborted) throw new (await import("../../src/errors.js")).APIUserAbortError();
          yield chunk;
        }
      }
      return { data: new Stream(() => chunks(), controller), response: () => new Response(""), headers: new Headers() };
    })();
    return new APIPromise(result as never);
  };
  return { client: { chat: { completions: { create } } } as unknown as OpenAI, calls };
}

let sequence = 0;

export function completion(message: Partial<ChatCompletion["choices"][number]["message"]>, finish: ChatCompletion["choices"][number]["finish_reason"] = "stop"): ChatCompletion {
  sequence++;
  return {
    id: `chatcmpl-${sequence}`,
    object: "chat.completion",
    created: 1764254000 + sequence,
    model: "gpt-4o-2024-08-06",
    choices: [{ index: 0, finish_reason: finish, logprobs: null, message: { role: "assistant", content: null, refusal: null, ...message } }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

export function toolCall(id: string, name: string, args: unknown) {
  return { id, type: "function" as const, function: { name, arguments: typeof args === "string" ? args : JSON.stringify(args) } };
}

/** Chunks of one choice from deltas; the last carries `finish`. */
export function chunks(deltas: ChatCompletionChunk["choices"][number]["delta"][], finish: ChatCompletionChunk["choices"][number]["finish_reason"] = "stop", extra: Partial<ChatCompletionChunk["choices"][number]>[] = []): ChatCompletionChunk[] {
  sequence++;
  const id = `chatcmpl-s${sequence}`;
  return deltas.map((delta, index) => ({
    id,
    object: "chat.completion.chunk",
    created: 1764254000,
    model: "gpt-4o-2024-08-06",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: index === deltas.length - 1 ? finish : null, ...(extra[index] ?? {}) }],
  }));
}
