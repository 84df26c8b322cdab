// The OpenAI dialect: the unified request already is the native request. Fields a dialect lacks
// go through the unsupported policy; everything else, including fields OpenAI adds later, passes.
import type { ChatCompletion } from "../../types.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import type { OpenaiChatRequest, OpenaiChatResponse, OpenaiTranslator } from "../../../generated/providers/openai/translator.gen.js";
import { OpenAIDialectStreamTranslator } from "./openai-compatible-stream.js";

export interface DialectLimits {
  /** Top-level request fields this provider rejects. */
  unsupportedFields: readonly string[];
  /** Whether `messages[].name` is rejected. */
  rejectsMessageName: boolean;
  /**
   * For a provider that rejects unknown fields (its schema has `additionalProperties: false`): the
   * only top-level fields it accepts. Anything else goes through the unsupported policy.
   */
  acceptedFields?: readonly string[] | undefined;
  /** Fields the provider spells differently (`seed` -> `random_seed`). The renamed value wins. */
  renamedFields?: Readonly<Record<string, string>> | undefined;
}

export class OpenAIDialectTranslator implements OpenaiTranslator {
  private readonly accepted: ReadonlySet<string> | undefined;

  constructor(private readonly limits: DialectLimits) {
    this.accepted = limits.acceptedFields ? new Set(["model", ...limits.acceptedFields]) : undefined;
  }

  toNativeRequest(request: UnifiedRequest, context: TranslateContext): OpenaiChatRequest {
    const native: Record<string, unknown> = { ...request, model: context.model };
    for (const field of this.limits.unsupportedFields) {
      if (native[field] !== undefined && native[field] !== null) {
        context.unsupported(field);
        delete native[field];
      }
    }
    const renamed = this.limits.renamedFields;
    if (renamed) {
      for (const [from, to] of Object.entries(renamed)) {
        if (native[from] === undefined) continue;
        if (native[from] !== null) native[to] = native[from];
        delete native[from];
      }
    }
    if (this.accepted) {
      for (const field of Object.keys(native)) {
        if (this.accepted.has(field)) continue;
        if (native[field] !== undefined && native[field] !== null) context.unsupported(field);
        delete native[field];
      }
    }
    if (this.limits.rejectsMessageName && request.messages.some((message) => "name" in message && message.name !== undefined)) {
      context.unsupported("messages[].name");
      native["messages"] = request.messages.map((message) => {
        if (!("name" in message)) return message;
        const { name: _dropped, ...rest } = message;
        return rest;
      });
    }
    return native as unknown as OpenaiChatRequest;
  }

  fromNativeResponse(response: OpenaiChatResponse, _context: TranslateContext): ChatCompletion {
    return response as unknown as ChatCompletion;
  }

  /** Usage chunks are OpenAI's own (sent when `stream_options.include_usage` asks), so nothing to add. */
  createStreamTranslator(context: TranslateContext, _includeUsage: boolean): OpenAIDialectStreamTranslator {
    return new OpenAIDialectStreamTranslator(context.provider, context.model);
  }
}
