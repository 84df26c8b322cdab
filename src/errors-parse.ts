// The helpers' own errors (parse, stream, runTools): what `openai` raises when a parseable answer
// cannot be parsed, plus onellm's check of an answer against the JSON Schema it was asked for.
import { OneLLMError } from "./errors.js";

/**
 * `parse()`, `stream()` or `runTools()` with a parseable format or tool got an answer cut short by
 * the token limit (`finish_reason: "length"`): the JSON is incomplete, so nothing is parsed. Raise
 * `max_completion_tokens` (or `max_tokens`). The same class and message as `openai`'s.
 *
 * @example
 * ```ts
 * try {
 *   await client.chat.completions.parse({ model, messages, response_format, max_completion_tokens: 50 });
 * } catch (error) {
 *   if (error instanceof LengthFinishReasonError) console.log("answer too long for max_completion_tokens");
 * }
 * ```
 */
export class LengthFinishReasonError extends OneLLMError {
  override name = "LengthFinishReasonError";
  constructor() {
    super("Could not parse response content as the length limit was reached");
  }
}

/**
 * `parse()`, `stream()` or `runTools()` with a parseable format or tool got an answer the
 * provider's content filter stopped (`finish_reason: "content_filter"`: OpenAI's filter, Gemini
 * `SAFETY`/`PROHIBITED_CONTENT`, Anthropic `refusal`), so there is nothing to parse. The same class
 * and message as `openai`'s.
 *
 * @example
 * ```ts
 * try {
 *   await client.chat.completions.parse({ model: "google/gemini-2.5-flash", messages, response_format });
 * } catch (error) {
 *   if (error instanceof ContentFilterFinishReasonError) console.log("blocked by the provider's filter");
 * }
 * ```
 */
export class ContentFilterFinishReasonError extends OneLLMError {
  override name = "ContentFilterFinishReasonError";
  constructor() {
    super("Could not parse response content as the request was rejected by the content filter");
  }
}

/** One place where a value breaks a JSON Schema: a JSON pointer into the value, and what is wrong. */
export interface SchemaIssue {
  path: string;
  message: string;
}

/**
 * An answer parsed by `parse()`, `stream()` or `runTools()` does not match the JSON Schema it was
 * asked for (a provider whose structured output is emulated, or not enforced, can answer off
 * schema). `issues` names each mismatch; `content` is the model's text. Formats made with zod
 * throw zod's own `ZodError` instead, as with `openai`.
 *
 * @example
 * ```ts
 * try {
 *   const completion = await client.chat.completions.parse({ model: "anthropic/claude-haiku-4-5", messages, response_format });
 * } catch (error) {
 *   if (error instanceof StructuredOutputError) console.log(error.issues); // [{ path: "/age", message: "expected integer, got string" }]
 * }
 * ```
 */
export class StructuredOutputError extends OneLLMError {
  override name = "StructuredOutputError";
  constructor(
    /** What was being parsed: `response_format "weather"` or `tool "get_weather" arguments`. */
    readonly subject: string,
    readonly issues: readonly SchemaIssue[],
    /** The text that failed (the message content or the tool-call arguments). */
    readonly content: string,
  ) {
    const listed = issues.slice(0, 5).map((issue) => `${issue.path || "/"}: ${issue.message}`).join("; ");
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
    super(`The answer for ${subject} does not match its JSON Schema: ${listed}${more}.`);
  }
}
