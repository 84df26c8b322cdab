// Gemini function calls -> OpenAI tool-call pieces, one tool call per real call. A call may arrive
// whole (`args`), or in pieces: with argument streaming (`partialArgs`, each a JSON Path and a value
// piece) and `willContinue` on the call while more of it follows, the pieces of one call spread
// over many parts and chunks. Continuation parts carry no name; they belong to the open call.
// The arguments are written as JSON text as they come, so they stream as `function.arguments`
// fragments and concatenate to the complete object. The non-streamed response runs through the
// same code, so both give the same calls.
import { sha256Hex } from "../../core/sha256.js";
import type { ChatCompletionChunkToolCall, ChatCompletionMessageToolCall } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import { JsonPathWriter } from "./gemini-json-writer.js";
import type { GeminiFunctionCall } from "./gemini-native.js";
import { warn } from "./gemini-warnings.js";

type PartialArg = NonNullable<GeminiFunctionCall["partialArgs"]>[number];

interface OpenCall {
  ordinal: number;
  name: string;
  id: string | undefined;
  writer: JsonPathWriter;
  /** `willContinue` of the call's last piece: more of it follows. */
  continues: boolean;
}

/** The shape of the ids onellm makes up when Gemini sent none (Gemini 2.x); they never go back to Gemini. */
export const GENERATED_ID = /^call_[0-9a-f]{24}$/;

/** A deterministic id per (response, candidate, call ordinal), or Gemini's own id when it sent one. */
export function toolCallId(responseId: string, candidateIndex: number, ordinal: number, nativeId: string | undefined): string {
  if (nativeId !== undefined && nativeId !== "") return nativeId;
  return `call_${sha256Hex(`${responseId}/${candidateIndex}/${ordinal}`).slice(0, 24)}`;
}

export class FunctionCallAssembler {
  private open: OpenCall | undefined;
  private count = 0;

  constructor(
    private readonly responseId: string,
    private readonly candidateIndex: number,
    private readonly context: TranslateContext,
  ) {}

  /** Tool calls started so far. */
  get calls(): number {
    return this.count;
  }

  /** One functionCall part -> tool-call pieces (the first piece of a call names it). */
  push(call: GeminiFunctionCall, thoughtSignature: string | undefined): ChatCompletionChunkToolCall[] {
    const pieces: ChatCompletionChunkToolCall[] = [];
    let open = this.open;
    if (open !== undefined && !this.continuesOpen(open, call)) {
      pieces.push(...this.finishOpen());
      open = undefined;
    }
    if (open === undefined) {
      open = { ordinal: this.count++, name: call.name ?? "", id: call.id, writer: new JsonPathWriter(), continues: false };
      this.open = open;
      if (call.name === undefined) warn(this.context, `candidate ${this.candidateIndex} sent a function call piece with no name and no call to continue; it was kept as a call with an empty name.`);
      const first: ChatCompletionChunkToolCall = {
        index: open.ordinal,
        id: toolCallId(this.responseId, this.candidateIndex, open.ordinal, call.id),
        type: "function",
        function: { name: open.name, arguments: "" },
      };
      if (thoughtSignature !== undefined) first.extra_content = { google: { thought_signature: thoughtSignature } };
      pieces.push(first);
    } else if (thoughtSignature !== undefined) {
      pieces.push({ index: open.ordinal, extra_content: { google: { thought_signature: thoughtSignature } } });
    }
    const text = this.argumentsText(open, call);
    if (text !== "") pieces.push({ index: open.ordinal, function: { arguments: text } });
    open.continues = call.willContinue === true;
    if (!open.continues) pieces.push(...this.finishOpen());
    return coalesce(pieces);
  }

  /** The candidate ended (or a non-call part came): the open call, if any, is complete. */
  finish(): ChatCompletionChunkToolCall[] {
    return this.finishOpen();
  }

  /** A part with no name (or the open call's own name and id) continues a call that said it would. */
  private continuesOpen(open: OpenCall, call: GeminiFunctionCall): boolean {
    if (!open.continues) return false;
    if (call.name === undefined || call.name === "") return call.id === undefined || call.id === open.id;
    return call.name === open.name && (call.id === undefined || open.id === undefined || call.id === open.id);
  }

  private argumentsText(open: OpenCall, call: GeminiFunctionCall): string {
    let text = "";
    // Whole arguments: each top-level entry is a complete value (a split call may send some per part).
    for (const [key, value] of Object.entries(call.args ?? {})) text += open.writer.value(`$[${JSON.stringify(key)}]`, value);
    for (const piece of call.partialArgs ?? []) text += this.partialText(open, piece);
    return text;
  }

  private partialText(open: OpenCall, piece: PartialArg): string {
    const path = piece.jsonPath ?? "";
    if (piece.stringValue !== undefined) return open.writer.stringPiece(path, piece.stringValue, piece.willContinue === true);
    if (piece.numberValue !== undefined) return open.writer.value(path, piece.numberValue);
    if (piece.boolValue !== undefined) return open.writer.value(path, piece.boolValue);
    if (piece.nullValue !== undefined) return open.writer.value(path, null);
    // A piece that only says "this string goes on" (or ends) carries no value of its own.
    return piece.willContinue === false ? open.writer.stringPiece(path, "", false) : "";
  }

  private finishOpen(): ChatCompletionChunkToolCall[] {
    const open = this.open;
    if (open === undefined) return [];
    this.open = undefined;
    if (open.writer.outOfOrder.length > 0) {
      warn(this.context, `the streamed arguments of ${open.name} (call ${open.ordinal}) addressed ${open.writer.outOfOrder.join(", ")} out of order; those pieces could not be placed and were left out.`);
    }
    return [{ index: open.ordinal, function: { arguments: open.writer.close() } }];
  }
}

/** Consecutive pieces of one call become one (a call that arrives whole is one piece, as OpenAI sends it). */
function coalesce(pieces: ChatCompletionChunkToolCall[]): ChatCompletionChunkToolCall[] {
  const merged: ChatCompletionChunkToolCall[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last === undefined || last.index !== piece.index) {
      merged.push(piece);
      continue;
    }
    if (piece.function?.arguments !== undefined) {
      last.function = { ...last.function, arguments: (last.function?.arguments ?? "") + piece.function.arguments };
    }
    if (piece.extra_content !== undefined) last.extra_content = { ...last.extra_content, ...piece.extra_content };
  }
  return merged;
}

/** Tool-call pieces (as a stream sends them) -> whole tool calls, for the non-streamed message. */
export function toolCallsFromPieces(pieces: readonly ChatCompletionChunkToolCall[]): ChatCompletionMessageToolCall[] {
  const calls: ChatCompletionMessageToolCall[] = [];
  for (const piece of pieces) {
    let call = calls[piece.index];
    if (call === undefined) {
      call = { id: piece.id ?? "", type: "function", function: { name: piece.function?.name ?? "", arguments: "" } };
      calls[piece.index] = call;
    }
    call.function.arguments += piece.function?.arguments ?? "";
    if (piece.extra_content !== undefined) call.extra_content = { ...call.extra_content, ...piece.extra_content };
  }
  return calls;
}
