// The OpenAI-dialect translator, driven by the target's accepted request surface. OpenAI itself (and
// Azure OpenAI) is the reference: its requests pass through with every field, including fields OpenAI
// adds after our spec snapshot; only onellm's own message fields are taken out. Every other dialect
// goes field by field (openai-compatible-request.ts) and its answers are normalised to OpenAI's shape.
import type { ChatCompletion } from "../../types.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import type { OpenaiChatRequest, OpenaiChatResponse, OpenaiTranslator } from "../../../generated/providers/openai/translator.gen.js";
import type { DialectQuirks } from "./openai-compatible-dialect.js";
import { ONELLM_MESSAGE_FIELDS } from "./openai-compatible-rules.js";
import { translateRequest } from "./openai-compatible-request.js";
import { normalizeCompletion } from "./openai-compatible-response.js";
import { OpenAIDialectStreamTranslator } from "./openai-compatible-stream.js";
import { roleSurface, type DialectSurface } from "./openai-compatible-surface.js";

export interface DialectRules {
  readonly surface: DialectSurface;
  readonly quirks: DialectQuirks;
  /** OpenAI's own surface: tells an OpenAI field the target lacks from a caller's extension. */
  readonly reference: DialectSurface;
  /** OpenAI itself: every request field passes as it is. */
  readonly passthrough: boolean;
  /** Answers already in OpenAI's exact shape (OpenAI itself): not normalised. */
  readonly answersInShape: boolean;
}

export class OpenAIDialectTranslator implements OpenaiTranslator {
  constructor(private readonly rules: DialectRules) {}

  toNativeRequest(request: UnifiedRequest, context: TranslateContext): OpenaiChatRequest {
    if (!this.rules.passthrough) return translateRequest(request, this.rules, context) as unknown as OpenaiChatRequest;
    const messages = request.messages.map((message) => this.withoutOnellmFields(message as unknown as Record<string, unknown>));
    return { ...request, model: context.model, messages } as unknown as OpenaiChatRequest;
  }

  fromNativeResponse(response: OpenaiChatResponse, context: TranslateContext): ChatCompletion {
    if (this.rules.answersInShape) return response as unknown as ChatCompletion;
    return normalizeCompletion(response as unknown as Record<string, unknown>, context);
  }

  createStreamTranslator(context: TranslateContext, includeUsage: boolean): OpenAIDialectStreamTranslator {
    return new OpenAIDialectStreamTranslator(context, { normalize: !this.rules.answersInShape, includeUsage });
  }

  /** onellm's own fields the reference role does not define (a reply appended as-is carries them). */
  private withoutOnellmFields(message: Record<string, unknown>): Record<string, unknown> {
    const fields = roleSurface(this.rules.surface, String(message["role"]))?.fields ?? [];
    let copy: Record<string, unknown> | undefined;
    for (const field of Object.keys(message)) {
      if (!ONELLM_MESSAGE_FIELDS.has(field) || fields.includes(field)) continue;
      copy ??= { ...message };
      delete copy[field];
    }
    const calls = message["tool_calls"];
    if (Array.isArray(calls) && calls.some((call) => typeof call === "object" && call !== null && "extra_content" in call)) {
      copy ??= { ...message };
      copy["tool_calls"] = calls.map((call: Record<string, unknown>) => {
        const { extra_content: _onellm, ...rest } = call;
        return rest;
      });
    }
    return copy ?? message;
  }
}
