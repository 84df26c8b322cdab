// OpenAI-dialect SSE: each `data:` is a chat.completion.chunk (normalised to OpenAI's shape where the
// dialect differs); `[DONE]` is the end marker.
import { IncompleteStreamError } from "../../errors.js";
import type { SSEEvent } from "../../core/sse.js";
import type { ChatCompletionChunk } from "../../types.js";
import type { OpenaiStreamEvent } from "../../../generated/providers/openai/translator.gen.js";
import type { NativeStreamTranslator, StreamTranslator, TranslateContext } from "../contract.js";
import { errorFromOpenAIBody } from "./openai-compatible-error.js";
import { mapFinishReason } from "./openai-compatible-finish-reason.js";
import { normalizeMessage, normalizeUsage } from "./openai-compatible-response.js";
import { PartialText } from "../partial-text.js";
import { indexProblem, MAX_CHOICES } from "../../core/choice-bounds.js";
import { MalformedResponseError } from "../../errors-response.js";

type Json = Record<string, unknown>;

export interface DialectStreamOptions {
  /**
   * Normalise chunks to OpenAI's shape (reasoning, typed-chunk content, tool-call types, finish
   * reasons, usage placement). Off for OpenAI itself, whose chunks already are that shape.
   */
  normalize: boolean;
  /** The caller asked for `stream_options.include_usage`: usage comes on a final `choices: []` chunk. */
  includeUsage: boolean;
}

/**
 * Native chunks in, OpenAI's chunks out. Usage is taken wherever the provider puts it (a chunk's
 * `usage` beside choices, Groq's `x_groq.usage`, a choice's own `usage`) and delivered once, on a
 * final `choices: []` chunk before the end, only when the caller asked for it. Remembers the text for
 * interruption reports.
 */
export class OpenAIDialectStreamTranslator implements NativeStreamTranslator<OpenaiStreamEvent> {
  private done = false;
  private readonly text = new PartialText();
  private usage: Json | undefined;
  private usageDelivered = false;
  private envelope: Json | undefined;
  private readonly natives: (string | null)[] = [];

  constructor(
    private readonly context: TranslateContext,
    private readonly options: DialectStreamOptions,
  ) {}

  /** The end marker arrived: the usage chunk, when one is owed. */
  finish(): ChatCompletionChunk[] {
    this.done = true;
    if (!this.options.includeUsage || this.usageDelivered || this.usage === undefined || this.envelope === undefined) return [];
    this.usageDelivered = true;
    normalizeUsage(this.usage);
    return [{ ...this.envelope, choices: [], usage: this.usage } as unknown as ChatCompletionChunk];
  }

  finished(): boolean {
    return this.done;
  }

  push(event: OpenaiStreamEvent): ChatCompletionChunk[] {
    // One cast, here: OpenAI's chunk schema and the unified one are the same slice of the same spec.
    const chunk = event as unknown as ChatCompletionChunk;
    if (this.options.normalize && !this.normalize(chunk as unknown as Json)) return [];
    const first = chunk.choices[0];
    if (first !== undefined && first.index === 0) {
      const content = first.delta?.content;
      if (typeof content === "string") this.text.append(content);
    }
    return [chunk];
  }

  /** False when the chunk carried only usage the caller did not ask for. */
  private normalize(chunk: Json): boolean {
    if (!Array.isArray(chunk["choices"])) chunk["choices"] = [];
    const choices = chunk["choices"] as Json[];
    // Azure's first chunk carries only prompt_filter_results (and an empty id): not an envelope to copy.
    if (choices.length > 0) this.envelope ??= envelopeOf(chunk);
    const groq = chunk["x_groq"] as Json | undefined;
    if (typeof groq?.["usage"] === "object" && groq["usage"] !== null) {
      this.usage = groq["usage"] as Json;
      // Delivered as OpenAI's usage chunk when asked, never a second time (or unasked) inside x_groq;
      // x_groq's own fields (id, seed) stay beside OpenAI's, as a provider's extras do.
      delete groq["usage"];
    }
    const usage = chunk["usage"];
    if (typeof usage === "object" && usage !== null) {
      if (choices.length === 0) {
        if (!this.options.includeUsage || this.usageDelivered) return false;
        normalizeUsage(usage as Json);
        this.usageDelivered = true;
        return true;
      }
      this.usage = usage as Json;
    }
    delete chunk["usage"];
    for (const choice of choices) {
      const own = choice["usage"];
      if (typeof own === "object" && own !== null) this.usage = own as Json;
      delete choice["usage"];
      if (typeof choice["delta"] !== "object" || choice["delta"] === null) choice["delta"] = {};
      // Perplexity repeats the whole message so far beside each delta.
      delete choice["message"];
      normalizeMessage(choice["delta"] as Json, true);
      const native = choice["finish_reason"];
      if (typeof native === "string") {
        // The index sizes this array: bounded before it is used (core/choice-bounds.ts says why).
        const index = choice["index"] ?? 0;
        const problem = indexProblem(index, MAX_CHOICES);
        if (problem !== undefined) throw malformedChunk(this.context, `a choice with ${problem}`);
        this.natives[index as number] = native;
        this.context.extras["native_finish_reasons"] = [...this.natives].map((reason) => reason ?? null);
        choice["finish_reason"] = mapFinishReason(native, this.context.provider, this.context.model);
      } else {
        choice["finish_reason"] = null;
      }
    }
    // Missing on some servers, "" on Azure's prompt-filter chunk.
    if (chunk["object"] !== "chat.completion.chunk") chunk["object"] = "chat.completion.chunk";
    return true;
  }

  end(): ChatCompletionChunk[] {
    if (!this.done) {
      throw new IncompleteStreamError(
        `${this.context.provider} closed the stream without its end marker (data: [DONE]); the response may be truncated.`,
        this.context.provider,
        this.text.toString(),
      );
    }
    return [];
  }

  partialText(): string {
    return this.text.toString();
  }
}

function malformedChunk(context: TranslateContext, what: string): MalformedResponseError {
  return new MalformedResponseError(`${context.provider} sent a stream chunk with ${what}`, {
    provider: context.provider,
    model: context.model,
    retryable: true,
    plainMessage: true,
  });
}

/** What a trailing usage chunk repeats from the stream's chunks. */
function envelopeOf(chunk: Json): Json {
  const envelope: Json = { id: chunk["id"], object: "chat.completion.chunk", created: chunk["created"], model: chunk["model"] };
  if (chunk["system_fingerprint"] !== undefined) envelope["system_fingerprint"] = chunk["system_fingerprint"];
  return envelope;
}

/** The SSE framing of the OpenAI dialect: JSON per event, `[DONE]` at the end, `{error}` in band. */
export class OpenAIDialectSSETranslator implements StreamTranslator {
  constructor(
    private readonly native: OpenAIDialectStreamTranslator,
    private readonly provider: string,
    private readonly model: string,
  ) {}

  private done = false;

  push(event: SSEEvent): ChatCompletionChunk[] {
    // As `openai` reads the stream: nothing after the end marker counts.
    if (this.done) return [];
    const data = event.data;
    if (data.startsWith("[DONE]")) {
      this.done = true;
      return this.native.finish();
    }
    if (data.length === 0) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      throw errorFromOpenAIBody(502, data, undefined, this.provider, this.model, "stream event is not JSON");
    }
    // `"error": null` on an ordinary chunk (some gateways add it) is not an error.
    if (typeof parsed === "object" && parsed !== null && (parsed as { error?: unknown }).error) {
      throw errorFromOpenAIBody(undefined, data, undefined, this.provider, this.model, "error event in stream");
    }
    return this.native.push(parsed as OpenaiStreamEvent);
  }

  finished(): boolean {
    return this.done;
  }

  end(): ChatCompletionChunk[] {
    return this.native.end();
  }

  partialText(): string {
    return this.native.partialText();
  }
}
