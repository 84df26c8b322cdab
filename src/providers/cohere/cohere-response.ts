// Cohere ChatResponseV2 -> ChatCompletion in OpenAI's exact shape: text (tool_plan when the model
// called tools), thinking as reasoning, tool calls, citations of documents as url_citation
// annotations, usage and log probabilities.
import { randomUUID } from "../../core/random-id.js";
import type { ChatCompletion, ChatCompletionMessage, ChatCompletionMessageToolCall, CompletionUsage } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import { mapFinishReason } from "./cohere-finish-reason.js";
import { COHERE_REASONING_FORMAT } from "./cohere-request.js";
import type { CohereChatResponse, CohereCitation, CohereLogprob, CohereToolCall, CohereUsage } from "./cohere-schema.js";

type Annotation = NonNullable<ChatCompletionMessage["annotations"]>[number];
type Logprobs = NonNullable<ChatCompletion["choices"][number]["logprobs"]>;

/**
 * Usage from `tokens` (everything the model read and wrote, as OpenAI counts), or from
 * `billed_units` when a deployment reports only those; `cached_tokens` are prompt cache hits.
 */
export function toCompletionUsage(usage: CohereUsage | undefined): CompletionUsage | undefined {
  if (usage === undefined) return undefined;
  const counts = usage.tokens ?? usage.billed_units;
  if (counts === undefined) return undefined;
  const prompt = counts.input_tokens ?? 0;
  const completion = counts.output_tokens ?? 0;
  const result: CompletionUsage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (usage.cached_tokens !== undefined) result.prompt_tokens_details = { cached_tokens: usage.cached_tokens };
  return result;
}

/** A citation of a document (or tool output) -> one url_citation per source, over the cited span. */
export function toAnnotations(citations: readonly CohereCitation[] | undefined): Annotation[] {
  const annotations: Annotation[] = [];
  for (const citation of citations ?? []) {
    // Citations of the thinking or of the tool plan point at text that is not `content`.
    if (citation.type !== undefined && citation.type !== "TEXT_CONTENT") continue;
    if (citation.start === undefined || citation.end === undefined) continue;
    for (const source of citation.sources ?? []) {
      const fields = source.type === "document" ? source.document : source.tool_output;
      const id = source.id ?? "";
      annotations.push({
        type: "url_citation",
        url_citation: {
          start_index: citation.start,
          end_index: citation.end,
          url: stringField(fields, "url") ?? `${source.type}:${id}`,
          title: stringField(fields, "title") ?? id,
        },
      });
    }
  }
  return annotations;
}

function stringField(fields: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = fields?.[name];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** Cohere gives each generated piece of text its token ids and their log probabilities. */
export function toLogprobs(items: readonly CohereLogprob[] | undefined): Logprobs | null {
  if (items === undefined || items.length === 0) return null;
  const encoder = new TextEncoder();
  return {
    content: items.map((item) => {
      const token = item.text ?? "";
      return { token, logprob: (item.logprobs ?? []).reduce((sum, value) => sum + value, 0), bytes: [...encoder.encode(token)], top_logprobs: [] };
    }),
    refusal: null,
  };
}

export function toToolCalls(calls: readonly CohereToolCall[] | undefined): ChatCompletionMessageToolCall[] {
  return (calls ?? []).map((call) => ({
    id: call.id,
    type: "function",
    function: { name: call.function?.name ?? "", arguments: call.function?.arguments ?? "" },
  }));
}

export function toChatCompletion(response: CohereChatResponse, context: TranslateContext): ChatCompletion {
  let text: string | null = null;
  let reasoning: string | undefined;
  for (const part of response.message.content ?? []) {
    switch (part.type) {
      case "text":
        text = (text ?? "") + part.text;
        break;
      case "thinking":
        reasoning = (reasoning ?? "") + part.thinking;
        break;
      default: {
        const unlisted: never = part;
        void unlisted;
      }
    }
  }
  const toolCalls = toToolCalls(response.message.tool_calls);
  // With tool calls the model's words come as tool_plan (the text before the calls).
  if (text === null && toolCalls.length > 0 && response.message.tool_plan) text = response.message.tool_plan;
  const annotations = toAnnotations(response.message.citations);
  // The thinking also travels in reasoning_details (format cohere-v1), which Cohere gets back; index 0
  // as the stream's pieces have it, so both make the same message.
  const message: ChatCompletionMessage = {
    role: "assistant",
    content: text,
    refusal: null,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    ...(annotations.length > 0 ? { annotations } : {}),
    ...(reasoning === undefined ? {} : { reasoning_content: reasoning, reasoning_details: [{ type: "reasoning.text", text: reasoning, format: COHERE_REASONING_FORMAT, index: 0 }] }),
  };
  const usage = toCompletionUsage(response.usage);
  return {
    id: response.id || `cohere-${randomUUID()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: context.model,
    choices: [
      {
        index: 0,
        message,
        finish_reason: mapFinishReason(response.finish_reason, toolCalls.length > 0, context),
        logprobs: toLogprobs(response.logprobs),
      },
    ],
    ...(usage === undefined ? {} : { usage }),
  };
}
