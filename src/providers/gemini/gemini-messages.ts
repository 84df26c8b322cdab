// OpenAI messages -> Gemini `systemInstruction` + `contents`: system/developer text becomes the
// system instruction, assistant turns become role "model", tool results become functionResponse
// parts in a user turn, and consecutive turns of one role are merged (Gemini wants them alternating).
import { InvalidRequestError } from "../../errors.js";
import type { ChatCompletionAssistantMessageParam, ChatCompletionContentPart, ChatCompletionMessageParam } from "../../types.js";
import type { TranslateContext } from "../contract.js";
import { inlineFromDataUri, inlineFromFileData, isRemote, mimeFromFilename, type InlineMedia, type MediaMap } from "./gemini-media.js";
import type { GeminiContent, GeminiFunctionCall, GeminiFunctionResponse, GeminiPart } from "./gemini-native.js";
import { capabilitiesOf, type ModelCapabilities } from "../../models/model-capabilities.js";
import { GEMINI_REASONING_FORMAT } from "./gemini-candidate.js";
import { functionCallIdOf, functionResponseBody, parseToolArguments, SKIP_THOUGHT_SIGNATURE } from "./gemini-tools.js";
import { warn } from "./gemini-warnings.js";

export interface ConvertedMessages {
  systemInstruction: GeminiContent | undefined;
  contents: GeminiContent[];
  /** Image `detail` levels asked for where a part cannot carry one (before Gemini 3), for the request-wide setting. */
  imageDetail: ImageDetailLevel[];
}

/** What OpenAI's image `detail` can ask for, in Gemini's terms (per part, or for the whole request). */
export type ImageDetailLevel = "MEDIA_RESOLUTION_LOW" | "MEDIA_RESOLUTION_HIGH";

/** Per-part media resolution is Gemini 3's: earlier models answer 400 ("not supported for this Model"). */
interface ImageDetail {
  perPart: boolean;
  requested: Set<ImageDetailLevel>;
}

type Role = "user" | "model";

const AUDIO_MIME_TYPES = { wav: "audio/wav", mp3: "audio/mpeg" } as const;

export function convertMessages(
  messages: readonly ChatCompletionMessageParam[],
  context: TranslateContext,
  media: MediaMap,
  capabilities: ModelCapabilities = capabilitiesOf("google", context.model),
): ConvertedMessages {
  const systemParts: GeminiPart[] = [];
  const turns: { role: Role; parts: GeminiPart[] }[] = [];
  /** tool_call_id -> function name, from the assistant turns seen so far. */
  const callNames = new Map<string, string>();
  const imageDetail: ImageDetail = { perPart: capabilities.perPartMediaResolution, requested: new Set() };
  let conversationStarted = false;

  const push = (role: Role, parts: GeminiPart[]): void => {
    if (parts.length === 0) return;
    conversationStarted = true;
    const last = turns[turns.length - 1];
    if (last !== undefined && last.role === role) last.parts.push(...parts);
    else turns.push({ role, parts });
  };

  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    if ("name" in message && message.name !== undefined && message.role !== "function") {
      context.unsupported("messages[].name", `${path}.name; Gemini has no per-message author names`);
    }
    switch (message.role) {
      case "system":
      case "developer": {
        if (conversationStarted) {
          warn(context, `${path} (${message.role}) comes after the conversation started; Gemini has one system instruction, so it was moved there with the others.`);
        }
        systemParts.push(...textParts(message.content, path, context));
        break;
      }
      case "user":
        push("user", userParts(message.content, path, context, media, imageDetail, capabilities));
        break;
      case "assistant":
        push("model", assistantParts(message, path, context, callNames, capabilities));
        break;
      case "tool": {
        const name = callNames.get(message.tool_call_id);
        if (name === undefined) {
          throw new InvalidRequestError(
            `Invalid \`${path}.tool_call_id\`: "${message.tool_call_id}" matches no tool call in an earlier assistant message; Gemini needs the function name for every tool result.`,
            `${path}.tool_call_id`,
          );
        }
        const response: GeminiFunctionResponse = { name, response: functionResponseBody(joinText(message.content, path, context)) };
        const id = functionCallIdOf(message.tool_call_id);
        if (id !== undefined) response.id = id;
        push("user", [{ functionResponse: response }]);
        break;
      }
      case "function":
        push("user", [{ functionResponse: { name: message.name, response: functionResponseBody(message.content ?? "") } }]);
        break;
      default: {
        const exhaustive: never = message;
        throw new InvalidRequestError(`Unknown message role in ${path}: ${JSON.stringify(exhaustive)}`, `${path}.role`);
      }
    }
  });

  if (turns.length === 0) {
    throw new InvalidRequestError(
      "Invalid `messages`: Gemini needs at least one non-empty user, assistant or tool message besides system instructions.",
      "messages",
    );
  }
  return {
    systemInstruction: systemParts.length > 0 ? { parts: systemParts } : undefined,
    contents: turns.map((turn) => ({ role: turn.role, parts: turn.parts })),
    imageDetail: [...imageDetail.requested],
  };
}

type TextPart = { text: string; prompt_cache_breakpoint?: unknown };

function textParts(content: string | readonly TextPart[], path: string, context: TranslateContext): GeminiPart[] {
  if (typeof content === "string") return content === "" ? [] : [{ text: content }];
  content.forEach((part, index) => checkCacheBreakpoint(part, `${path}.content[${index}]`, context));
  return content.filter((part) => part.text !== "").map((part) => ({ text: part.text }));
}

function joinText(content: string | readonly TextPart[], path: string, context: TranslateContext): string {
  if (typeof content === "string") return content;
  content.forEach((part, index) => checkCacheBreakpoint(part, `${path}.content[${index}]`, context));
  return content.map((part) => part.text).join("");
}

function checkCacheBreakpoint(part: object, path: string, context: TranslateContext): void {
  if ("prompt_cache_breakpoint" in part && part.prompt_cache_breakpoint !== undefined) {
    context.unsupported("prompt_cache_breakpoint", `${path}.prompt_cache_breakpoint; Gemini caches through cachedContent`);
  }
  if ("cache_control" in part && part.cache_control !== undefined) {
    context.unsupported(`${path}.cache_control`, "Gemini caches through cachedContent, not per-part breakpoints");
  }
}

function userParts(
  content: string | readonly ChatCompletionContentPart[],
  path: string,
  context: TranslateContext,
  media: MediaMap,
  imageDetail: ImageDetail,
  capabilities: ModelCapabilities,
): GeminiPart[] {
  if (typeof content === "string") return content === "" ? [] : [{ text: content }];
  const parts: GeminiPart[] = [];
  content.forEach((part, index) => {
    const partPath = `${path}.content[${index}]`;
    checkCacheBreakpoint(part, partPath, context);
    const audio = part.type === "input_audio" || part.type === "audio_url";
    if ((audio && !capabilities.audio) || (part.type === "image_url" && !capabilities.vision)) {
      context.unsupported(`${partPath} (${part.type})`, `${capabilities.family} takes no ${audio ? "audio" : "image"} input`);
      return;
    }
    const converted = userPart(part, partPath, media, imageDetail);
    if (converted !== undefined) parts.push(converted);
  });
  return parts;
}

function userPart(part: ChatCompletionContentPart, path: string, media: MediaMap, imageDetail: ImageDetail): GeminiPart | undefined {
  switch (part.type) {
    case "text":
      return part.text === "" ? undefined : { text: part.text };
    case "image_url": {
      const converted: GeminiPart = { inlineData: resolveUrl(part.image_url.url, `${path}.image_url.url`, media) };
      const level = mediaResolution(part.image_url.detail);
      if (level !== undefined && imageDetail.perPart) converted.mediaResolution = { level };
      else if (level !== undefined) imageDetail.requested.add(level);
      return converted;
    }
    case "input_audio": {
      const data = part.input_audio.data;
      if (/^\s*data:/i.test(data)) return { inlineData: inlineFromDataUri(data, `${path}.input_audio.data`) };
      return { inlineData: { mimeType: AUDIO_MIME_TYPES[part.input_audio.format], data: data.replace(/\s+/g, "") } };
    }
    case "audio_url":
      return { inlineData: resolveUrl(part.audio_url.url, `${path}.audio_url.url`, media) };
    case "file": {
      const file = part.file;
      if (file.file_data !== undefined) return { inlineData: inlineFromFileData(file.file_data, file.filename, `${path}.file.file_data`) };
      if (file.file_id !== undefined) {
        const mimeType = mimeFromFilename(file.filename);
        return { fileData: mimeType === undefined ? { fileUri: fileUri(file.file_id) } : { fileUri: fileUri(file.file_id), mimeType } };
      }
      throw new InvalidRequestError(`Invalid \`${path}.file\`: needs \`file_data\` or \`file_id\`.`, `${path}.file`);
    }
    default: {
      const exhaustive: never = part;
      throw new InvalidRequestError(`Unknown content part type in ${path}: ${JSON.stringify(exhaustive)}`, `${path}.type`);
    }
  }
}

function resolveUrl(url: string, path: string, media: MediaMap): InlineMedia {
  if (!isRemote(url)) return inlineFromDataUri(url, path);
  const downloaded = media.get(url);
  // prepare() downloads every remote URL before translating; a miss is a wiring bug, not user error.
  if (downloaded === undefined) throw new Error(`gemini: ${path} (${url.slice(0, 80)}) was not downloaded before translation`);
  return downloaded;
}

/** OpenAI's image `detail` -> Gemini's media resolution; `auto` leaves Gemini's default. */
function mediaResolution(detail: "auto" | "low" | "high" | undefined): ImageDetailLevel | undefined {
  switch (detail) {
    case undefined:
    case "auto":
      return undefined;
    case "low":
      return "MEDIA_RESOLUTION_LOW";
    case "high":
      return "MEDIA_RESOLUTION_HIGH";
    default: {
      const exhaustive: never = detail;
      throw new InvalidRequestError(`Unknown image detail ${JSON.stringify(exhaustive)}`, "image_url.detail");
    }
  }
}

/** A Gemini Files API name (`files/abc`) or URI; anything else is passed as given. */
function fileUri(fileId: string): string {
  return /^files\/[\w-]+$/.test(fileId) ? `https://generativelanguage.googleapis.com/v1beta/${fileId}` : fileId;
}

function assistantParts(
  message: ChatCompletionAssistantMessageParam,
  path: string,
  context: TranslateContext,
  callNames: Map<string, string>,
  capabilities: ModelCapabilities,
): GeminiPart[] {
  const signed = geminiSignatures(message);
  const parts: GeminiPart[] = [...signed.thoughts];
  const content = message.content;
  if (typeof content === "string") {
    if (content !== "") parts.push({ text: content });
  } else if (content) {
    content.forEach((part, index) => checkCacheBreakpoint(part, `${path}.content[${index}]`, context));
    for (const part of content) {
      const text = part.type === "text" ? part.text : part.refusal;
      if (text !== "") parts.push({ text });
    }
  }
  if (typeof message.refusal === "string" && message.refusal !== "") parts.push({ text: message.refusal });
  attachTextSignatures(parts, signed.onText);
  if (message.audio) context.unsupported("messages[].audio", `${path}.audio; Gemini cannot refer to earlier audio output by id`);
  if (message.function_call) {
    const args = parseToolArguments({ id: "", type: "function", function: message.function_call }, `${path}.function_call.arguments`);
    const part: GeminiPart = { functionCall: { name: message.function_call.name, args } };
    const signature = missingSignature(parts, `${path}.function_call`, context, capabilities);
    if (signature !== undefined) part.thoughtSignature = signature;
    parts.push(part);
  }
  (message.tool_calls ?? []).forEach((call, index) => {
    const callPath = `${path}.tool_calls[${index}]`;
    switch (call.type) {
      case "function": {
        callNames.set(call.id, call.function.name);
        const functionCall: GeminiFunctionCall = { name: call.function.name, args: parseToolArguments(call, `${callPath}.function.arguments`) };
        const id = functionCallIdOf(call.id);
        if (id !== undefined) functionCall.id = id;
        const part: GeminiPart = { functionCall };
        const signature = call.extra_content?.google?.thought_signature ?? missingSignature(parts, callPath, context, capabilities);
        if (signature !== undefined) part.thoughtSignature = signature;
        parts.push(part);
        break;
      }
      case "custom":
        context.unsupported("messages[].tool_calls[].custom", `${callPath}; only function tools exist in Gemini`);
        break;
      default: {
        const exhaustive: never = call;
        throw new InvalidRequestError(`Unknown tool call type in ${callPath}: ${JSON.stringify(exhaustive)}`, `${callPath}.type`);
      }
    }
  });
  return parts;
}

/**
 * Gemini 3 rejects (400) a turn whose first function call carries no thought signature, which is
 * what calls from another provider (a fallback) or with rewritten ids look like. Only the first call
 * of a turn is signed (parallel calls share it), so only that one gets Google's documented bypass.
 */
function missingSignature(partsSoFar: readonly GeminiPart[], path: string, context: TranslateContext, capabilities: ModelCapabilities): string | undefined {
  if (!capabilities.signedToolCalls || partsSoFar.some((part) => part.functionCall !== undefined)) return undefined;
  warn(context, `${path} has no Gemini thought signature in extra_content.google.thought_signature (it was not made by Gemini 3, or it was removed); sent Gemini's documented skip_thought_signature_validator so the request is accepted, at some cost to reasoning quality.`);
  return SKIP_THOUGHT_SIGNATURE;
}

interface GeminiSignatures {
  /** Signed thoughts, replayed as thought parts at the start of the turn. */
  thoughts: GeminiPart[];
  /** Signatures Gemini put on answer text. */
  onText: string[];
}

/** Gemini's own reasoning_details (format google-gemini-v1); every other producer's pieces are not Gemini's to read. */
function geminiSignatures(message: ChatCompletionAssistantMessageParam): GeminiSignatures {
  const signatures: GeminiSignatures = { thoughts: [], onText: [] };
  for (const detail of message.reasoning_details ?? []) {
    if (detail.type !== "reasoning.text" || detail.format !== GEMINI_REASONING_FORMAT) continue;
    if (detail.signature === undefined || detail.signature === "") continue;
    if (detail.text === "") signatures.onText.push(detail.signature);
    else signatures.thoughts.push({ text: detail.text, thought: true, thoughtSignature: detail.signature });
  }
  return signatures;
}

/** A signature Gemini put on answer text goes back on the turn's last text part, as Gemini sent it. */
function attachTextSignatures(parts: GeminiPart[], signatures: readonly string[]): void {
  for (const signature of signatures) {
    const last = parts[parts.length - 1];
    if (last !== undefined && last.text !== undefined && last.thought !== true && last.thoughtSignature === undefined) last.thoughtSignature = signature;
    else parts.push({ text: "", thoughtSignature: signature });
  }
}
