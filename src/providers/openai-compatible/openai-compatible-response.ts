// A dialect's answer in exactly OpenAI's shape. What providers do differently, each normalised here
// for a message (non-streamed) and a delta (streamed) alike:
// - typed-chunk content (Mistral's reasoning models: `[{type: "thinking", thinking: [...]}, {type: "text", ...}]`)
//   becomes `content` (the text) + `reasoning_content` (the thinking);
// - reasoning spelled `reasoning` (Groq, OpenRouter, Cerebras, Ollama) or `thinking` becomes `reasoning_content`;
// - `tool_calls[].type` is filled (Mistral leaves it out), object `arguments` become JSON text, and a
//   message's tool calls lose the stream-only `index`;
// - usage's cache counts are also given as OpenAI's `prompt_tokens_details.cached_tokens`.
import type { TranslateContext } from "../contract.js";
import type { ChatCompletion } from "../../types.js";
import { mapFinishReason } from "./openai-compatible-finish-reason.js";

type Json = Record<string, unknown>;

const REASONING_SPELLINGS = ["reasoning", "thinking"] as const;

/** Normalises a message (or, with `streamed`, a delta) in place. */
export function normalizeMessage(message: Json, streamed: boolean): void {
  const content = message["content"];
  if (Array.isArray(content)) {
    const { text, reasoning } = flattenChunks(content as unknown[]);
    if (text !== undefined) message["content"] = text;
    else if (streamed) delete message["content"];
    else message["content"] = null;
    if (reasoning !== undefined) appendReasoning(message, reasoning);
  }
  for (const spelling of REASONING_SPELLINGS) {
    if (!(spelling in message)) continue;
    const value = message[spelling];
    delete message[spelling];
    // Some providers send both spellings of the same text; reasoning_content, when present, already has it.
    if (typeof value === "string" && typeof message["reasoning_content"] !== "string") appendReasoning(message, value);
  }
  // Mistral's response message echoes its request-only `prefix` flag.
  delete message["prefix"];
  const calls = message["tool_calls"];
  if (Array.isArray(calls)) for (const call of calls as Json[]) normalizeToolCall(call, streamed);
  else if (calls === null) delete message["tool_calls"];
}

function appendReasoning(message: Json, text: string): void {
  const existing = message["reasoning_content"];
  message["reasoning_content"] = typeof existing === "string" ? existing + text : text;
}

/** Text and thinking out of typed chunks (Mistral ContentChunk / ThinkChunk); other chunk types carry no text. */
function flattenChunks(chunks: readonly unknown[]): { text: string | undefined; reasoning: string | undefined } {
  let text: string | undefined;
  let reasoning: string | undefined;
  for (const chunk of chunks) {
    if (typeof chunk === "string") {
      text = (text ?? "") + chunk;
      continue;
    }
    if (typeof chunk !== "object" || chunk === null) continue;
    const record = chunk as Json;
    if (record["type"] === "text" && typeof record["text"] === "string") text = (text ?? "") + record["text"];
    else if (record["type"] === "thinking") {
      const inner = record["thinking"];
      const thought = Array.isArray(inner) ? flattenChunks(inner as unknown[]).text : typeof inner === "string" ? inner : undefined;
      if (thought !== undefined) reasoning = (reasoning ?? "") + thought;
    }
  }
  return { text, reasoning };
}

function normalizeToolCall(call: Json, streamed: boolean): void {
  // A streamed call's later fragments carry only arguments; its first one (with the id) gets the type.
  if (call["type"] === undefined && (!streamed || call["id"] !== undefined)) call["type"] = "function";
  if (!streamed) delete call["index"];
  const fn = call["function"];
  if (typeof fn === "object" && fn !== null) {
    const args = (fn as Json)["arguments"];
    if (typeof args === "object" && args !== null) (fn as Json)["arguments"] = JSON.stringify(args);
  }
}

/** Cache counts as OpenAI reports them, beside the provider's own fields. */
export function normalizeUsage(usage: Json): void {
  const details = typeof usage["prompt_tokens_details"] === "object" && usage["prompt_tokens_details"] !== null ? (usage["prompt_tokens_details"] as Json) : undefined;
  if (details?.["cached_tokens"] !== undefined) return;
  // DeepSeek: prompt_cache_hit_tokens; Mistral: num_cached_tokens or the misspelt prompt_token_details.
  const misspelt = usage["prompt_token_details"] as Json | null | undefined;
  const cached = usage["prompt_cache_hit_tokens"] ?? usage["num_cached_tokens"] ?? misspelt?.["cached_tokens"];
  if (typeof cached === "number") usage["prompt_tokens_details"] = { ...details, cached_tokens: cached };
}

/** A dialect's non-streamed answer -> ChatCompletion (in place). */
export function normalizeCompletion(body: Json, context: TranslateContext): ChatCompletion {
  const natives: (string | null)[] = [];
  for (const choice of (body["choices"] ?? []) as Json[]) {
    const message = choice["message"];
    if (typeof message === "object" && message !== null) {
      normalizeMessage(message as Json, false);
      // OpenAI always says both; a reply appended as-is then reads the same whoever produced it.
      if ((message as Json)["content"] === undefined) (message as Json)["content"] = null;
      if ((message as Json)["refusal"] === undefined) (message as Json)["refusal"] = null;
    }
    // Perplexity repeats the message as a stream `delta` in a non-streamed answer.
    delete choice["delta"];
    const native = choice["finish_reason"];
    natives.push(typeof native === "string" ? native : null);
    choice["finish_reason"] = mapFinishReason(typeof native === "string" ? native : null, context.provider, context.model);
    if (choice["logprobs"] === undefined) choice["logprobs"] = null;
  }
  context.extras["native_finish_reasons"] = natives;
  if (typeof body["usage"] === "object" && body["usage"] !== null) normalizeUsage(body["usage"] as Json);
  if (body["object"] === undefined) body["object"] = "chat.completion";
  return body as unknown as ChatCompletion;
}
