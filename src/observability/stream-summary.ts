// What a finished stream amounted to, assembled chunk by chunk for the `onComplete` hook: per choice
// the text, reasoning, refusal, tool calls and finish reason, plus the id, model, usage and onellm
// metadata. Only built when hooks are registered.
import type { ChatCompletionChunk, CompletionUsage, OneLLMMetadata } from "../types.js";
import type { CompletedChoice } from "./hooks.js";

interface ToolCallParts {
  id: string;
  type: string;
  name: string;
  arguments: string;
}

interface ChoiceParts {
  index: number;
  role: string;
  content: string[];
  reasoning: string[];
  refusal: string[];
  toolCalls: Map<number, ToolCallParts>;
  finishReason: string | null;
}

export class StreamSummary {
  chunks = 0;
  id: string | undefined;
  model: string | undefined;
  usage: CompletionUsage | undefined;
  metadata: OneLLMMetadata | undefined;
  private readonly choices = new Map<number, ChoiceParts>();

  add(chunk: ChatCompletionChunk): void {
    this.chunks++;
    this.id ??= chunk.id;
    this.model ??= chunk.model;
    if (chunk.usage) this.usage = chunk.usage;
    if (chunk.onellm) this.metadata = chunk.onellm;
    for (const choice of chunk.choices) {
      let parts = this.choices.get(choice.index);
      if (parts === undefined) {
        parts = { index: choice.index, role: "assistant", content: [], reasoning: [], refusal: [], toolCalls: new Map(), finishReason: null };
        this.choices.set(choice.index, parts);
      }
      const delta = choice.delta;
      if (typeof delta.role === "string") parts.role = delta.role;
      if (typeof delta.content === "string") parts.content.push(delta.content);
      if (typeof delta.refusal === "string") parts.refusal.push(delta.refusal);
      if (typeof delta.reasoning_content === "string") parts.reasoning.push(delta.reasoning_content);
      for (const call of delta.tool_calls ?? []) {
        let entry = parts.toolCalls.get(call.index);
        if (entry === undefined) {
          entry = { id: "", type: "function", name: "", arguments: "" };
          parts.toolCalls.set(call.index, entry);
        }
        if (call.id) entry.id = call.id;
        if (call.type) entry.type = call.type;
        if (call.function?.name) entry.name += call.function.name;
        if (call.function?.arguments) entry.arguments += call.function.arguments;
      }
      if (choice.finish_reason) parts.finishReason = choice.finish_reason;
    }
  }

  completedChoices(): CompletedChoice[] {
    return [...this.choices.values()]
      .sort((a, b) => a.index - b.index)
      .map((parts) => {
        const message: CompletedChoice["message"] = {
          role: parts.role,
          content: parts.content.length > 0 ? parts.content.join("") : null,
        };
        if (parts.refusal.length > 0) message.refusal = parts.refusal.join("");
        if (parts.reasoning.length > 0) message.reasoning_content = parts.reasoning.join("");
        if (parts.toolCalls.size > 0) {
          message.tool_calls = [...parts.toolCalls.entries()]
            .sort(([a], [b]) => a - b)
            .map(([, call]) => ({ id: call.id, type: call.type, function: { name: call.name, arguments: call.arguments } }));
        }
        return { index: parts.index, finish_reason: parts.finishReason, message };
      });
  }
}
