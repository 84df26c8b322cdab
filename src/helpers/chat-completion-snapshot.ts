// Folding unified chunks into one completion, as `openai`'s stream does: the snapshot (what has
// arrived so far, with `parsed` previews) and, once the stream ends, the finished completion.
// Fields a provider adds that OpenAI's delta does not know (`reasoning_content`,
// `reasoning_details`, a tool call's `extra_content`) are kept: text is joined, lists appended.
import { OneLLMError } from "../errors.js";
import { ContentFilterFinishReasonError, LengthFinishReasonError } from "../errors-parse.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionMessage } from "../types.js";
import { parsePartialJson } from "./partial-json.js";
import {
  hasAutoParseableInput,
  isAutoParsableResponseFormat,
  maybeParseChatCompletion,
  shouldParseToolCall,
  type ParsedChatCompletion,
  type ParseableParams,
  type ParseOptions,
} from "./parser.js";

type ChunkChoice = ChatCompletionChunk["choices"][number];
type Logprobs = NonNullable<ChunkChoice["logprobs"]>;
type Role = NonNullable<ChunkChoice["delta"]["role"]>;

/** A completion still arriving: every field optional until the stream says otherwise. */
export interface ChatCompletionSnapshot {
  id: string;
  choices: ChatCompletionSnapshot.Choice[];
  created: number;
  model: string;
  system_fingerprint?: string | null | undefined;
  [field: string]: unknown;
}

export declare namespace ChatCompletionSnapshot {
  interface Choice {
    message: Choice.Message;
    finish_reason: ChatCompletion["choices"][number]["finish_reason"] | null;
    logprobs: Logprobs | null;
    index: number;
  }
  namespace Choice {
    interface Message {
      content?: string | null;
      refusal?: string | null;
      /** A preview of the parsed answer (partial JSON) while it streams. */
      parsed?: unknown;
      function_call?: { arguments?: string; name?: string };
      tool_calls?: Message.ToolCall[];
      role?: Role;
      [field: string]: unknown;
    }
    namespace Message {
      interface ToolCall {
        id: string;
        function: { arguments: string; name: string; parsed_arguments?: unknown };
        type: "function";
        [field: string]: unknown;
      }
    }
  }
}

/** Adds one chunk to the snapshot (created on the first chunk) and returns it. */
export function accumulateChunk(
  current: ChatCompletionSnapshot | undefined,
  chunk: ChatCompletionChunk,
  params: ParseableParams | null,
): ChatCompletionSnapshot {
  const { choices, ...fields } = chunk;
  const snapshot: ChatCompletionSnapshot = current ?? { ...fields, choices: [] };
  if (current) Object.assign(snapshot, fields);
  const parseable = params !== null && hasAutoParseableInput(params);
  const previewContent = params !== null && isAutoParsableResponseFormat(params.response_format);

  for (const { delta, finish_reason, index, logprobs = null, ...other } of choices) {
    let choice = snapshot.choices[index];
    if (!choice) {
      choice = { finish_reason, index, message: {}, logprobs, ...other };
      snapshot.choices[index] = choice;
    } else if (logprobs) {
      mergeLogprobs(choice, logprobs);
    }
    if (finish_reason) {
      choice.finish_reason = finish_reason;
      // Nothing parseable can come of an answer cut short or filtered.
      if (parseable && finish_reason === "length") throw new LengthFinishReasonError();
      if (parseable && finish_reason === "content_filter") throw new ContentFilterFinishReasonError();
    }
    Object.assign(choice, other);
    if (!delta) continue; // an Azure content-filter note has no delta
    mergeDelta(choice.message, delta, params, previewContent);
  }
  return snapshot;
}

function mergeLogprobs(choice: ChatCompletionSnapshot.Choice, logprobs: Logprobs): void {
  if (!choice.logprobs) {
    choice.logprobs = { ...logprobs };
    return;
  }
  // Loops, not push(...): a chunk from the network may carry more entries than a call takes arguments.
  if (logprobs.content) {
    const into = (choice.logprobs.content ??= []);
    for (const entry of logprobs.content) into.push(entry);
  }
  if (logprobs.refusal) {
    const into = (choice.logprobs.refusal ??= []);
    for (const entry of logprobs.refusal) into.push(entry);
  }
}

function mergeDelta(
  message: ChatCompletionSnapshot.Choice.Message,
  delta: ChunkChoice["delta"],
  params: ParseableParams | null,
  previewContent: boolean,
): void {
  const { content, refusal, function_call, role, tool_calls, ...extra } = delta;
  if (role) message.role = role;
  if (refusal) message.refusal = (message.refusal ?? "") + refusal;
  if (content) {
    message.content = (message.content ?? "") + content;
    if (previewContent && !message.refusal) message.parsed = parsePartialJson(message.content);
  }
  if (function_call) {
    const target = (message.function_call ??= {});
    if (function_call.name) target.name = function_call.name;
    if (function_call.arguments) target.arguments = (target.arguments ?? "") + function_call.arguments;
  }
  for (const [field, value] of Object.entries(extra)) mergeExtra(message, field, value);
  for (const { index, id, type, function: fn, ...rest } of tool_calls ?? []) {
    const calls = (message.tool_calls ??= []);
    const call = (calls[index] ??= {} as ChatCompletionSnapshot.Choice.Message.ToolCall);
    for (const [field, value] of Object.entries(rest)) mergeExtra(call, field, value);
    if (id) call.id = id;
    if (type) call.type = type;
    if (fn) call.function ??= { name: fn.name ?? "", arguments: "" };
    // Mistral's spec lets a streamed call leave out `type` (its default is "function"); only a
    // function call carries `function`.
    if (fn && !call.type) call.type = "function";
    if (fn?.name) call.function.name = fn.name;
    if (fn?.arguments) {
      call.function.arguments += fn.arguments;
      if (shouldParseToolCall(params, call.function.name)) call.function.parsed_arguments = parsePartialJson(call.function.arguments);
    }
  }
}

/**
 * A provider's own delta field: text joins, lists append, objects merge (a tool call's
 * `extra_content`), anything else is replaced. `reasoning_details` pieces join by their `index`
 * (DESIGN §1), so the finished message holds each block whole, as the non-streamed one does.
 */
function mergeExtra(target: Record<string, unknown>, field: string, value: unknown): void {
  if (value === null || value === undefined) {
    if (!(field in target)) target[field] = value;
    return;
  }
  const existing = target[field];
  if (field === "reasoning_details" && Array.isArray(value)) target[field] = mergeReasoningDetails(Array.isArray(existing) ? existing : [], value);
  else if (typeof value === "string" && typeof existing === "string") target[field] = existing + value;
  else if (Array.isArray(value) && Array.isArray(existing)) target[field] = [...existing, ...value];
  else if (isPlainObject(value) && isPlainObject(existing)) target[field] = mergeObjects(existing, value);
  else target[field] = value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `{ google: { thought_signature } }` and a later `{ google: {...} }` keep both sides' keys. */
function mergeObjects(existing: Record<string, unknown>, value: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...existing };
  for (const [key, piece] of Object.entries(value)) {
    const before = merged[key];
    merged[key] = isPlainObject(before) && isPlainObject(piece) ? mergeObjects(before, piece) : piece;
  }
  return merged;
}

type DetailPiece = Record<string, unknown> & { index?: unknown; type?: unknown };

/**
 * Pieces with one `index` are one block: text, summary and data concatenate, a signature arriving
 * later completes it. A piece without an index is a block of its own.
 */
function mergeReasoningDetails(existing: readonly unknown[], pieces: readonly unknown[]): unknown[] {
  const merged = existing.map((entry) => (isPlainObject(entry) ? { ...entry } : entry)) as DetailPiece[];
  for (const raw of pieces) {
    if (!isPlainObject(raw)) continue;
    const piece = raw as DetailPiece;
    const same = typeof piece.index === "number" ? merged.find((entry) => isPlainObject(entry) && entry.index === piece.index && entry.type === piece.type) : undefined;
    if (same === undefined) {
      merged.push({ ...piece });
      continue;
    }
    for (const [key, part] of Object.entries(piece)) {
      const before = same[key];
      if ((key === "text" || key === "summary" || key === "data") && typeof before === "string" && typeof part === "string") same[key] = before + part;
      else if (part !== undefined) same[key] = part;
    }
  }
  return merged;
}

/** The finished completion, parsed as the request asked; a stream that left a choice unfinished is an error. */
export function finalizeSnapshot<ParsedT>(
  snapshot: ChatCompletionSnapshot,
  params: ParseableParams | null,
  options: ParseOptions = {},
): ParsedChatCompletion<ParsedT> {
  const { id, choices, created, model, system_fingerprint, object: _object, ...rest } = snapshot;
  const completion = {
    ...rest,
    id,
    object: "chat.completion",
    created,
    model,
    ...(system_fingerprint ? { system_fingerprint } : {}),
    choices: choices.map((choice) => finalizeChoice(snapshot, choice)),
  } as ChatCompletion;
  return maybeParseChatCompletion<ParsedT>(completion, params, options);
}

function finalizeChoice(snapshot: ChatCompletionSnapshot, choice: ChatCompletionSnapshot.Choice): ChatCompletion["choices"][number] {
  const { message, finish_reason, index, logprobs, ...rest } = choice;
  if (!finish_reason) throw new OneLLMError(`missing finish_reason for choice ${index}`);
  const { content = null, refusal = null, function_call, tool_calls, parsed: _preview, role, ...messageRest } = message;
  if (!role) throw new OneLLMError(`missing role for choice ${index}`);
  const finished: Record<string, unknown> = { ...messageRest, role, content, refusal };
  if (function_call) {
    if (function_call.arguments == null) throw new OneLLMError(`missing function_call.arguments for choice ${index}`);
    if (!function_call.name) throw new OneLLMError(`missing function_call.name for choice ${index}`);
    finished["function_call"] = { name: function_call.name, arguments: function_call.arguments };
  }
  if (tool_calls) {
    finished["tool_calls"] = tool_calls.map((call, position) => {
      const { function: fn, type, id, ...callRest } = call;
      const where = `choices[${index}].tool_calls[${position}]`;
      if (id == null) throw new OneLLMError(`missing ${where}.id\n${JSON.stringify(snapshot)}`);
      if (type == null) throw new OneLLMError(`missing ${where}.type\n${JSON.stringify(snapshot)}`);
      if (fn?.name == null) throw new OneLLMError(`missing ${where}.function.name\n${JSON.stringify(snapshot)}`);
      if (fn.arguments == null) throw new OneLLMError(`missing ${where}.function.arguments\n${JSON.stringify(snapshot)}`);
      const { parsed_arguments: _partial, ...fnRest } = fn;
      return { ...callRest, id, type, function: fnRest };
    });
  }
  return { ...rest, index, finish_reason, logprobs: logprobs ?? null, message: finished as ChatCompletionMessage };
}
