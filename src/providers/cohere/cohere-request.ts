// Unified request -> Cohere v2 chat body. Every unified field is declared once in cohere-fields.ts (a
// compile error when the unified spec gains one); what Cohere cannot honour goes through the policy.
import { InvalidRequestError } from "../../errors.js";
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionContentPart,
  ChatCompletionMessageParam,
  ChatCompletionUserMessageParam,
} from "../../types.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import { ownReasoningDetails } from "../reasoning-details.js";
import { reportUnmappedFields } from "../request-fields.js";
import { reportCacheFields } from "./cohere-caching.js";
import { COHERE_DECLARATIONS } from "./cohere-fields.js";
import type {
  CohereAssistantMessage,
  CohereChatRequest,
  CohereMessage,
  CohereResponseFormat,
  CohereTextContent,
  CohereThinkingContent,
  CohereUserContent,
} from "./cohere-schema.js";
import { toCohereToolCalls, toCohereToolMessage, toCohereToolSetup } from "./cohere-tools.js";

/** The `format` of reasoning blocks Cohere produced (see DESIGN §1, reasoning that round-trips). */
export const COHERE_REASONING_FORMAT = "cohere-v1";

/** Cohere accepts at most five stop sequences (its request schema's description). */
const MAX_STOP_SEQUENCES = 5;

/** The whole request; throws UnsupportedParameterError / InvalidRequestError before any network. */
export function toCohereRequest(request: UnifiedRequest, context: TranslateContext): CohereChatRequest {
  reportUnmappedFields(request, COHERE_DECLARATIONS, context);
  const body: CohereChatRequest = { model: context.model, messages: convertMessages(request.messages, context) };
  if (request.stream === true) body.stream = true;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) body.max_tokens = maxTokens;
  applySampling(request, body, context);
  const stop = request.stop;
  if (stop !== undefined && stop !== null) {
    const sequences = typeof stop === "string" ? [stop] : stop;
    if (sequences.length > MAX_STOP_SEQUENCES) context.unsupported("stop", `Cohere takes at most ${MAX_STOP_SEQUENCES} stop sequences, got ${sequences.length}`);
    else if (sequences.length > 0) body.stop_sequences = [...sequences];
  }
  if (request.logprobs === true) body.logprobs = true;
  if (request.n !== undefined && request.n !== null && request.n !== 1) context.unsupported("n", "Cohere returns one answer per request");

  const tools = toCohereToolSetup(request.tools ?? undefined, request.tool_choice, context);
  if (tools.tools.length > 0) {
    body.tools = tools.tools;
    if (tools.strict) body.strict_tools = true;
  }
  if (tools.toolChoice !== undefined) body.tool_choice = tools.toolChoice;
  const format = toResponseFormat(request.response_format);
  if (format !== undefined) body.response_format = format;
  applyReasoningEffort(request.reasoning_effort, body);
  return body;
}

function applySampling(request: UnifiedRequest, body: CohereChatRequest, context: TranslateContext): void {
  const { temperature, top_p: topP, seed, frequency_penalty: frequency, presence_penalty: presence } = request;
  if (temperature !== undefined && temperature !== null) {
    if (temperature > 1) context.unsupported("temperature", `Cohere accepts 0–1, got ${temperature}`);
    else body.temperature = temperature;
  }
  // p = 1 keeps every token (no cut-off), Cohere's range stops at 0.99: nothing to send.
  if (topP !== undefined && topP !== null && topP !== 1) {
    if (topP < 0.01 || topP > 0.99) context.unsupported("top_p", `Cohere's p accepts 0.01–0.99, got ${topP}`);
    else body.p = topP;
  }
  if (seed !== undefined && seed !== null) {
    if (seed < 0) context.unsupported("seed", `Cohere takes a non-negative seed, got ${seed}`);
    else body.seed = seed;
  }
  if (frequency !== undefined && frequency !== null && frequency !== 0) {
    if (frequency < 0 || frequency > 1) context.unsupported("frequency_penalty", `Cohere accepts 0–1, got ${frequency}`);
    else body.frequency_penalty = frequency;
  }
  if (presence !== undefined && presence !== null && presence !== 0) {
    if (presence < 0 || presence > 1) context.unsupported("presence_penalty", `Cohere accepts 0–1, got ${presence}`);
    else body.presence_penalty = presence;
  }
}

/** json_object and json_schema -> Cohere's json_object (with the schema); text is the default. */
function toResponseFormat(format: UnifiedRequest["response_format"]): CohereResponseFormat | undefined {
  if (format === undefined || format === null) return undefined;
  switch (format.type) {
    case "text":
      return undefined;
    case "json_object":
      return { type: "json_object" };
    case "json_schema":
      return { type: "json_object", json_schema: format.json_schema.schema ?? { type: "object" } };
    default: {
      const unlisted: never = format;
      throw new InvalidRequestError(`Invalid \`response_format.type\`: ${String((unlisted as { type?: unknown }).type)}.`, "response_format.type");
    }
  }
}

/**
 * Cohere's reasoning models think unless told not to: "none" turns thinking off. A level needs a
 * token budget, which is the caller's to choose (provider_options.cohere.thinking), not a guess.
 */
function applyReasoningEffort(effort: UnifiedRequest["reasoning_effort"], body: CohereChatRequest): void {
  // Other levels were reported by the field check (cohere-fields.ts).
  if (effort === "none") body.thinking = { type: "disabled" };
}

/**
 * Messages in order. System and developer messages stay where they are (Cohere takes system
 * messages anywhere); an assistant's text before tool calls is its tool_plan.
 */
export function convertMessages(messages: readonly ChatCompletionMessageParam[], context: TranslateContext): CohereMessage[] {
  const converted: CohereMessage[] = [];
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    if ("name" in message && message.name !== undefined) context.unsupported(`${path}.name`, "Cohere messages carry no participant name");
    switch (message.role) {
      case "system":
      case "developer":
        converted.push({ role: "system", content: textContent(message.content, path, context) });
        break;
      case "user":
        converted.push({ role: "user", content: userContent(message.content, path, context) });
        break;
      case "assistant": {
        const assistant = assistantMessage(message, path, context);
        if (assistant !== undefined) converted.push(assistant);
        break;
      }
      case "tool":
        converted.push(toCohereToolMessage(message, path, context));
        break;
      case "function":
        context.unsupported(`${path} (role function)`, "use tool messages with tool_call_id");
        break;
      default: {
        const unlisted: never = message;
        throw new InvalidRequestError(`Invalid \`${path}.role\`: ${String((unlisted as { role?: unknown }).role)}.`, `${path}.role`);
      }
    }
  });
  if (!converted.some((message) => message.role === "user")) {
    throw new InvalidRequestError("Invalid `messages`: Cohere needs at least one user message.", "messages");
  }
  return converted;
}

function textContent(content: string | readonly { text: string }[], path: string, context: TranslateContext): string | CohereTextContent[] {
  if (typeof content === "string") return content;
  return content.map((part, index) => {
    reportCacheFields(part, `${path}.content[${index}]`, context);
    return { type: "text", text: part.text };
  });
}

function userContent(content: ChatCompletionUserMessageParam["content"], path: string, context: TranslateContext): string | CohereUserContent[] {
  if (typeof content === "string") return content;
  const parts: CohereUserContent[] = [];
  content.forEach((part, index) => {
    const converted = userPart(part, `${path}.content[${index}]`, context);
    if (converted === undefined) return;
    reportCacheFields(part, `${path}.content[${index}]`, context);
    parts.push(converted);
  });
  return parts;
}

/** Text and images (an https URL or a data: URI, as Cohere takes them); other parts have no Cohere form. */
function userPart(part: ChatCompletionContentPart, path: string, context: TranslateContext): CohereUserContent | undefined {
  switch (part.type) {
    case "text":
      return { type: "text", text: part.text };
    case "image_url": {
      const { url, detail } = part.image_url;
      return { type: "image_url", image_url: detail === undefined ? { url } : { url, detail } };
    }
    case "input_audio":
    case "audio_url":
      context.unsupported(`${path} (${part.type})`, "Cohere's chat models take text and images");
      return undefined;
    case "file":
      context.unsupported(`${path} (file)`, "Cohere takes documents as provider_options.cohere.documents (text the model can cite)");
      return undefined;
    default: {
      const unlisted: never = part;
      context.unsupported(`${path} (${String((unlisted as { type?: unknown }).type)})`, "unknown content part type");
      return undefined;
    }
  }
}

/** Cohere's own earlier thinking (format cohere-v1), replayed as thinking content; others' is left out. */
function ownThinking(message: ChatCompletionAssistantMessageParam): CohereThinkingContent[] {
  return ownReasoningDetails(message, COHERE_REASONING_FORMAT).flatMap((detail) => (detail.type === "reasoning.text" ? [{ type: "thinking" as const, thinking: detail.text }] : []));
}

function assistantText(message: ChatCompletionAssistantMessageParam): string {
  const content = message.content;
  let text = "";
  if (typeof content === "string") text = content;
  else if (Array.isArray(content)) text = content.map((part) => (part.type === "text" ? part.text : part.refusal)).join("");
  // An earlier refusal is what the assistant said; Cohere keeps it as text.
  if (text === "" && typeof message.refusal === "string") text = message.refusal;
  return text;
}

function assistantMessage(message: ChatCompletionAssistantMessageParam, path: string, context: TranslateContext): CohereAssistantMessage | undefined {
  if (message.audio !== undefined && message.audio !== null) context.unsupported(`${path}.audio`, "Cohere cannot refer to earlier audio output");
  if (message.function_call !== undefined && message.function_call !== null) context.unsupported(`${path}.function_call`, "use tool_calls");
  if (Array.isArray(message.content)) message.content.forEach((part, index) => reportCacheFields(part, `${path}.content[${index}]`, context));
  const text = assistantText(message);
  const thinking = ownThinking(message);
  const toolCalls = message.tool_calls ? toCohereToolCalls(message.tool_calls, path, context) : [];
  if (toolCalls.length > 0) {
    // Cohere returns the text that precedes tool calls as tool_plan, and takes it back the same way.
    const withCalls: CohereAssistantMessage = { role: "assistant", tool_calls: toolCalls };
    if (text !== "") withCalls.tool_plan = text;
    if (thinking.length > 0) withCalls.content = thinking;
    return withCalls;
  }
  if (text === "" && thinking.length === 0) return undefined;
  return { role: "assistant", content: [...thinking, ...(text === "" ? [] : [{ type: "text" as const, text }])] };
}
