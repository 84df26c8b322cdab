// The OpenAI-dialect translator, driven by the target's accepted request surface. OpenAI itself (and
// Azure OpenAI) is the reference: its requests pass through with every field, including fields OpenAI
// adds after our spec snapshot; only onellm's own message fields are taken out. Every other dialect
// goes field by field (openai-compatible-request.ts) and its answers are normalised to OpenAI's shape.
import type { ChatCompletion } from "../../types.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import type { OpenaiChatRequest, OpenaiChatResponse, OpenaiTranslator } from "../../../generated/providers/openai/translator.gen.js";
import type { DialectQuirks } from "./openai-compatible-dialect.js";
import { ONELLM_MESSAGE_FIELDS, ONELLM_PART_FIELDS, withoutExtraFields, withoutHelperFields } from "./openai-compatible-rules.js";
import { translateRequest } from "./openai-compatible-request.js";
import { normalizeCompletion } from "./openai-compatible-response.js";
import { OpenAIDialectStreamTranslator } from "./openai-compatible-stream.js";
import { roleSurface, type DialectSurface } from "./openai-compatible-surface.js";
import { ToolCallIds } from "../tool-call-ids.js";

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
    const report = (parameter: string) => context.unsupported(parameter);
    const ids = ToolCallIds.of(request.messages, this.rules.surface.toolCallId);
    const messages = request.messages.map((message, index) => this.withoutOnellmFields(message as unknown as Record<string, unknown>, index, ids, report));
    const native: Record<string, unknown> = { ...request, model: context.model, messages };
    if (Array.isArray(request.tools)) {
      // Only onellm's own tool fields are judged here: OpenAI may add fields after our spec snapshot.
      const rules = { accepted: this.rules.surface.toolFields, reference: [], strict: false };
      native["tools"] = request.tools.map((tool, index) => withoutExtraFields(tool as unknown as Record<string, unknown>, [], rules, `tools[${index}]`, report));
    }
    return native as unknown as OpenaiChatRequest;
  }

  fromNativeResponse(response: OpenaiChatResponse, context: TranslateContext): ChatCompletion {
    if (this.rules.answersInShape) return response as unknown as ChatCompletion;
    return normalizeCompletion(response as unknown as Record<string, unknown>, context);
  }

  createStreamTranslator(context: TranslateContext, includeUsage: boolean): OpenAIDialectStreamTranslator {
    return new OpenAIDialectStreamTranslator(context, { normalize: !this.rules.answersInShape, includeUsage });
  }

  /**
   * onellm's own fields the reference role does not define (a reply appended as-is carries them),
   * and onellm's own part fields, which go through the policy; tool-call ids OpenAI would refuse
   * (over 40 characters) rewritten.
   */
  private withoutOnellmFields(message: Record<string, unknown>, index: number, ids: ToolCallIds, report: (parameter: string) => void): Record<string, unknown> {
    const fields = roleSurface(this.rules.surface, String(message["role"]))?.fields ?? [];
    let copy: Record<string, unknown> | undefined;
    for (const field of Object.keys(message)) {
      if (!ONELLM_MESSAGE_FIELDS.has(field) || fields.includes(field)) continue;
      copy ??= { ...message };
      delete copy[field];
    }
    const content = message["content"];
    if (Array.isArray(content) && content.some((part) => typeof part === "object" && part !== null && Object.keys(part).some((key) => ONELLM_PART_FIELDS.has(key)))) {
      const rules = { accepted: this.rules.surface.partFields, reference: [], strict: false };
      copy ??= { ...message };
      copy["content"] = content.map((part: Record<string, unknown>, partIndex) =>
        withoutExtraFields(part, ["type", String(part["type"])], rules, `messages[${index}].content[${partIndex}]`, report),
      );
    }
    const calls = message["tool_calls"];
    if (Array.isArray(calls) && calls.some((call) => typeof call === "object" && call !== null)) {
      const sent = calls.map((call: Record<string, unknown>) => {
        if (typeof call !== "object" || call === null) return call;
        const { extra_content: _onellm, ...rest } = call;
        const fn = withoutHelperFields(rest["function"]);
        const id = typeof rest["id"] === "string" ? ids.id(rest["id"]) : rest["id"];
        const unchanged = !("extra_content" in call) && fn === rest["function"] && id === rest["id"];
        return unchanged ? call : { ...rest, ...(id === undefined ? {} : { id }), ...(fn === undefined ? {} : { function: fn }) };
      });
      if (sent.some((call, position) => call !== calls[position])) {
        copy ??= { ...message };
        copy["tool_calls"] = sent;
      }
    }
    const audio = message["audio"];
    if (typeof audio === "object" && audio !== null && Object.keys(audio).some((key) => key !== "id")) {
      // A returned message's audio carries its data and transcript; OpenAI takes back only the id.
      copy ??= { ...message };
      copy["audio"] = { id: (audio as { id?: unknown }).id };
    }
    const answered = message["tool_call_id"];
    if (typeof answered === "string" && ids.id(answered) !== answered) {
      copy ??= { ...message };
      copy["tool_call_id"] = ids.id(answered);
    }
    return copy ?? message;
  }
}
