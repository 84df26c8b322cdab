// messages[] -> Ollama ChatMessages: content is a string (text parts joined), images travel as
// base64 in `images`, an assistant's tool calls carry their arguments as an object and its reasoning
// as `thinking`, and a tool result names its tool (`tool_name`, found through the call's id).
import { InvalidRequestError } from "../../errors.js";
import type { components } from "../../../generated/providers/ollama/types.gen.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import { base64FromDataUri, imageUrlOf, isRemote, type ImageMap } from "./ollama-media.js";

type ChatMessage = components["schemas"]["ChatMessage"];
type ToolCall = components["schemas"]["ToolCall"];
type Message = UnifiedRequest["messages"][number];

/**
 * onellm's own fields on a returned message (dropped silently; `parsed` is the stream and parse
 * helpers'); `reasoning_content` becomes `thinking`.
 */
const ONELLM_FIELDS = new Set(["refusal", "annotations", "reasoning_details", "onellm", "parsed"]);

export function translateMessages(messages: UnifiedRequest["messages"], context: TranslateContext, images: ImageMap): ChatMessage[] {
  const toolNames = new Map<string, string>();
  const out: ChatMessage[] = [];
  messages.forEach((message, index) => {
    const translated = translateMessage(message, index, context, images, toolNames);
    if (translated !== undefined) out.push(translated);
  });
  return out;
}

function translateMessage(message: Message, index: number, context: TranslateContext, images: ImageMap, toolNames: Map<string, string>): ChatMessage | undefined {
  reportUnknownFields(message, index, context);
  switch (message.role) {
    case "system":
    case "developer":
      return { role: "system", content: textOf(message.content, index, context) };
    case "user":
      return userMessage(message.content, index, context, images);
    case "assistant": {
      const text = textOf(message.content ?? "", index, context);
      // A returned refusal (content null, `refusal` set) is what the assistant said: sent as its text.
      const refusal = typeof message.refusal === "string" ? message.refusal : "";
      const out: ChatMessage = { role: "assistant", content: text === "" ? refusal : text };
      const calls = (message.tool_calls ?? []).flatMap((call, callIndex): ToolCall[] => {
        if (call.type !== "function") {
          context.unsupported(`messages[${index}].tool_calls[${callIndex}] (type "${call.type}")`);
          return [];
        }
        toolNames.set(call.id, call.function.name);
        return [{ type: "function", function: { index: callIndex, name: call.function.name, arguments: parseArguments(call.function.arguments, index, callIndex) } }];
      });
      if (calls.length > 0) out.tool_calls = calls;
      const reasoning = (message as { reasoning_content?: unknown }).reasoning_content;
      if (typeof reasoning === "string" && reasoning.length > 0) out.thinking = reasoning;
      return out;
    }
    case "tool": {
      const out: ChatMessage = { role: "tool", content: textOf(message.content, index, context) };
      const name = toolNames.get(message.tool_call_id);
      if (name !== undefined) out.tool_name = name;
      return out;
    }
    case "function":
      context.unsupported(`messages[${index}] (role "function")`, "use tools and tool messages");
      return undefined;
    default: {
      const exhaustive: never = message;
      throw new InvalidRequestError(`messages[${index}] has an unknown role ${JSON.stringify((exhaustive as { role: unknown }).role)}.`, `messages[${index}].role`);
    }
  }
}

const KNOWN_FIELDS = new Set(["role", "content", "tool_calls", "tool_call_id", "reasoning_content"]);

function reportUnknownFields(message: Message, index: number, context: TranslateContext): void {
  for (const [field, value] of Object.entries(message)) {
    if (KNOWN_FIELDS.has(field) || ONELLM_FIELDS.has(field) || value === undefined || value === null) continue;
    context.unsupported(`messages[${index}].${field}`);
  }
}

function userMessage(content: Extract<Message, { role: "user" }>["content"], index: number, context: TranslateContext, images: ImageMap): ChatMessage {
  if (typeof content === "string") return { role: "user", content };
  const texts: string[] = [];
  const encoded: string[] = [];
  content.forEach((part, partIndex) => {
    const where = `messages[${index}].content[${partIndex}]`;
    if (part.type === "text") {
      texts.push(part.text);
      return;
    }
    const url = imageUrlOf(part);
    if (url === undefined) {
      context.unsupported(`${where} (${part.type})`, "ollama takes text and images");
      return;
    }
    const detail = part.type === "image_url" ? part.image_url.detail : undefined;
    // Ollama hands the model the whole image: "high" is what it does anyway; only "low" has no equivalent.
    if (detail === "low") context.unsupported(`${where}.image_url.detail: "${detail}"`, "Ollama has no low-resolution mode; it reads the whole image");
    encoded.push(isRemote(url) ? images.get(url)!.data : base64FromDataUri(url, `${where}.image_url.url`));
  });
  const out: ChatMessage = { role: "user", content: texts.join("\n") };
  if (encoded.length > 0) out.images = encoded;
  return out;
}

function textOf(content: string | readonly { type: string; text?: string }[], index: number, context: TranslateContext): string {
  if (typeof content === "string") return content;
  return content
    .filter((part, partIndex) => {
      if (part.type === "text") return true;
      context.unsupported(`messages[${index}].content[${partIndex}] (${part.type})`, "ollama takes text here");
      return false;
    })
    .map((part) => part.text ?? "")
    .join("\n");
}

function parseArguments(text: string, index: number, callIndex: number): Record<string, unknown> {
  const field = `messages[${index}].tool_calls[${callIndex}].function.arguments`;
  let parsed: unknown;
  try {
    parsed = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new InvalidRequestError(`\`${field}\` is not JSON; Ollama takes tool-call arguments as an object.`, field);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InvalidRequestError(`\`${field}\` must be a JSON object; Ollama takes tool-call arguments as an object.`, field);
  }
  return parsed as Record<string, unknown>;
}
