// OpenTelemetry GenAI semantic-convention attributes for a chat call: names and value mappings in
// one place, plain data in and out (no @opentelemetry/api import), so they are table-testable.
import { redactSecrets } from "../core/redact.js";
import type { ChatCompletionCreateParams, CompletionUsage } from "../types.js";
import type { CompletedChoice } from "./hooks.js";

export type AttributeValue = string | number | boolean | string[];
export type Attributes = Record<string, AttributeValue>;

/** onellm's provider names -> `gen_ai.provider.name` well-known values (others pass through). */
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  google: "gcp.gemini",
  gemini: "gcp.gemini",
  vertex: "gcp.vertex_ai",
  "vertex-anthropic": "gcp.vertex_ai",
  bedrock: "aws.bedrock",
  azure: "azure.ai.openai",
  mistral: "mistral_ai",
  xai: "x_ai",
};

export function semconvProvider(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider;
}

export function spanName(model: string | undefined): string {
  return model ? `chat ${model}` : "chat";
}

/** Request attributes of the call span (`gen_ai.request.*`), from the caller's body. */
export function requestAttributes(request: Readonly<ChatCompletionCreateParams>, stream: boolean): Attributes {
  const attributes: Attributes = { "gen_ai.operation.name": "chat", "gen_ai.request.stream": stream };
  const body = request as unknown as Record<string, unknown>;
  const maxTokens = body["max_completion_tokens"] ?? body["max_tokens"];
  setNumber(attributes, "gen_ai.request.max_tokens", maxTokens);
  setNumber(attributes, "gen_ai.request.temperature", body["temperature"]);
  setNumber(attributes, "gen_ai.request.top_p", body["top_p"]);
  setNumber(attributes, "gen_ai.request.frequency_penalty", body["frequency_penalty"]);
  setNumber(attributes, "gen_ai.request.presence_penalty", body["presence_penalty"]);
  setNumber(attributes, "gen_ai.request.seed", body["seed"]);
  const n = body["n"];
  if (typeof n === "number" && n !== 1) attributes["gen_ai.request.choice.count"] = n;
  const stop = body["stop"];
  if (typeof stop === "string") attributes["gen_ai.request.stop_sequences"] = [stop];
  else if (Array.isArray(stop)) attributes["gen_ai.request.stop_sequences"] = stop.filter((item): item is string => typeof item === "string");
  const format = (body["response_format"] as { type?: unknown } | undefined)?.type;
  attributes["gen_ai.output.type"] = format === "json_object" || format === "json_schema" ? "json" : "text";
  const fallbacks = body["fallback_models"];
  if (Array.isArray(fallbacks) && fallbacks.length > 0) {
    attributes["onellm.fallback_models"] = fallbacks.filter((item): item is string => typeof item === "string");
  }
  return attributes;
}

/** `server.address` / `server.port` / `http.request.method` of an attempt. */
export function serverAttributes(url: string, method: string): Attributes {
  const attributes: Attributes = { "http.request.method": method };
  try {
    const parsed = new URL(url);
    attributes["server.address"] = parsed.hostname;
    attributes["server.port"] = parsed.port === "" ? (parsed.protocol === "https:" ? 443 : 80) : Number(parsed.port);
  } catch {
    // A URL a custom fetch made up: the span simply has no server attributes.
  }
  return attributes;
}

/** Response attributes: model, id, finish reasons and token usage. */
export function responseAttributes(result: {
  responseModel: string | undefined;
  id: string | undefined;
  finishReasons: readonly (string | null)[];
  usage: CompletionUsage | undefined;
}): Attributes {
  const attributes: Attributes = {
    "gen_ai.response.finish_reasons": result.finishReasons.map((reason) => reason ?? "unknown"),
  };
  if (result.responseModel) attributes["gen_ai.response.model"] = result.responseModel;
  if (result.id) attributes["gen_ai.response.id"] = result.id;
  const usage = result.usage;
  if (usage) {
    attributes["gen_ai.usage.input_tokens"] = usage.prompt_tokens;
    attributes["gen_ai.usage.output_tokens"] = usage.completion_tokens;
    const cached = usage.prompt_tokens_details?.cached_tokens;
    if (typeof cached === "number") attributes["gen_ai.usage.cache_read.input_tokens"] = cached;
    const reasoning = usage.completion_tokens_details?.reasoning_tokens;
    if (typeof reasoning === "number") attributes["gen_ai.usage.reasoning.output_tokens"] = reasoning;
  }
  return attributes;
}

interface MessagePart {
  type: string;
  content?: string;
  id?: string;
  name?: string;
  arguments?: string;
  response?: string;
}

/** `gen_ai.input.messages`: the request's messages in the semantic conventions' parts format, redacted. */
export function inputMessages(request: Readonly<ChatCompletionCreateParams>): string {
  const messages = (request.messages ?? []).map((message) => {
    const record = message as unknown as Record<string, unknown>;
    const parts: MessagePart[] = contentParts(record["content"]);
    if (message.role === "assistant") {
      for (const call of message.tool_calls ?? []) {
        if (call.type === "function") parts.push({ type: "tool_call", id: call.id, name: call.function.name, arguments: call.function.arguments });
      }
    }
    if (message.role === "tool") {
      const response = parts.map((part) => part.content ?? "").join("");
      return { role: "tool", parts: [{ type: "tool_call_response", id: message.tool_call_id, response }] };
    }
    return { role: message.role, parts };
  });
  return redactSecrets(JSON.stringify(messages));
}

/** `gen_ai.output.messages`: each choice as an assistant message with its finish reason, redacted. */
export function outputMessages(choices: readonly CompletedChoice[]): string {
  const messages = choices.map((choice) => {
    const parts: MessagePart[] = [];
    if (choice.message.reasoning_content) parts.push({ type: "reasoning", content: choice.message.reasoning_content });
    if (choice.message.content) parts.push({ type: "text", content: choice.message.content });
    if (choice.message.refusal) parts.push({ type: "refusal", content: choice.message.refusal });
    for (const call of choice.message.tool_calls ?? []) {
      parts.push({ type: "tool_call", id: call.id, name: call.function.name, arguments: call.function.arguments });
    }
    return { role: "assistant", parts, finish_reason: choice.finish_reason ?? "unknown" };
  });
  return redactSecrets(JSON.stringify(messages));
}

function contentParts(content: unknown): MessagePart[] {
  if (typeof content === "string") return [{ type: "text", content }];
  if (!Array.isArray(content)) return [];
  return content.map((part: unknown): MessagePart => {
    const record = (typeof part === "object" && part !== null ? part : {}) as Record<string, unknown>;
    const type = typeof record["type"] === "string" ? record["type"] : "unknown";
    if (type === "text" && typeof record["text"] === "string") return { type: "text", content: record["text"] };
    // Images, audio and files are named, never copied: a span is no place for megabytes of base64.
    return { type };
  });
}

function setNumber(attributes: Attributes, name: string, value: unknown): void {
  if (typeof value === "number" && Number.isFinite(value)) attributes[name] = value;
}
