// Assembles a stream's chunks into the message of each choice, the way a client following the
// contract does: content and reasoning_content concatenate; tool calls join by index (arguments
// concatenate, extra_content merges); reasoning_details join by index (text concatenates, a
// signature or data arriving later completes the piece); annotations append.
import type { ChatCompletionChunk, ChatCompletionMessage, ChatCompletionMessageToolCall, ReasoningDetail } from "../../src/types.js";

export function assembleMessages(chunks: readonly ChatCompletionChunk[]): Map<number, ChatCompletionMessage> {
  const messages = new Map<number, ChatCompletionMessage>();
  const details = new Map<number, ReasoningDetail[]>();
  for (const chunk of chunks) {
    for (const choice of chunk.choices) {
      let message = messages.get(choice.index);
      if (message === undefined) {
        message = { role: "assistant", content: null, refusal: null };
        messages.set(choice.index, message);
      }
      const delta = choice.delta;
      if (typeof delta.content === "string" && delta.content !== "") message.content = (message.content ?? "") + delta.content;
      if (typeof delta.reasoning_content === "string") message.reasoning_content = (message.reasoning_content ?? "") + delta.reasoning_content;
      for (const piece of delta.tool_calls ?? []) {
        const calls = (message.tool_calls ??= []) as ChatCompletionMessageToolCall[];
        let call = calls[piece.index];
        if (call === undefined) {
          call = { id: piece.id ?? "", type: "function", function: { name: piece.function?.name ?? "", arguments: "" } };
          calls[piece.index] = call;
        }
        call.function.arguments += piece.function?.arguments ?? "";
        if (piece.extra_content !== undefined) call.extra_content = { ...call.extra_content, ...piece.extra_content };
      }
      for (const piece of delta.reasoning_details ?? []) {
        const list = details.get(choice.index) ?? [];
        details.set(choice.index, list);
        const index = piece.index ?? list.length;
        const existing = list.find((entry) => entry.index === index);
        if (existing === undefined) list.push({ ...piece, index });
        else if (existing.type === "reasoning.text" && piece.type === "reasoning.text") {
          existing.text += piece.text;
          if (piece.signature !== undefined) existing.signature = piece.signature;
        } else if (existing.type === "reasoning.encrypted" && piece.type === "reasoning.encrypted") existing.data += piece.data;
        else if (existing.type === "reasoning.summary" && piece.type === "reasoning.summary") existing.summary += piece.summary;
      }
      if (delta.annotations !== undefined) (message.annotations ??= []).push(...delta.annotations);
    }
  }
  for (const [index, list] of details) {
    const message = messages.get(index);
    if (message !== undefined) message.reasoning_details = list.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  }
  return messages;
}
