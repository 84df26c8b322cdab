// onellm's `audio_url` part -> OpenAI's `input_audio` ({ data: base64, format: "wav" | "mp3" }) for a
// dialect that takes input_audio but not audio_url (OpenAI itself, Azure, Mistral, OpenRouter). The
// audio is downloaded in `prepare` through the shared remote-media helper (the call's media session
// and budget, the safe downloader), or read from a data: URI. input_audio names only wav and mp3
// (spec/providers/openai.yaml ChatCompletionRequestMessageContentPartAudio.input_audio.format), so
// any other audio goes through the unsupported-parameter policy, before anything is sent.
import { base64ToBytes } from "../../core/encoding.js";
import { parseDataUri, sniffMediaType } from "../../core/media-download.js";
import type { MediaKind } from "../../core/media-error.js";
import { InvalidRequestError } from "../../errors.js";
import type { ChatCompletionContentPart } from "../../types.js";
import type { ProviderCallContext, UnifiedRequest } from "../contract.js";
import { downloadRemoteMedia, isRemote, type InlineMedia } from "../remote-media.js";
import { convertsAudioUrl } from "./openai-compatible-rules.js";
import type { DialectSurface } from "./openai-compatible-surface.js";

type InputAudioFormat = "wav" | "mp3";

const AUDIO: ReadonlySet<MediaKind> = new Set(["audio"]);

/** Media types each input_audio format is served or sniffed as. */
const FORMATS: Readonly<Record<string, InputAudioFormat>> = {
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/wave": "wav",
  "audio/vnd.wave": "wav",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/mpeg3": "mp3",
  "audio/x-mpeg-3": "mp3",
};

/** The request with every audio_url part as input_audio (or reported and left out); the same request when it has none. */
export async function withInputAudio(request: UnifiedRequest, surface: DialectSurface, call: ProviderCallContext, label: string): Promise<UnifiedRequest> {
  if (!convertsAudioUrl(surface) || !hasAudioUrl(request)) return request;
  const downloaded = await downloadRemoteMedia(request, call, { provider: call.translate.provider, label: `${label} (input_audio takes the audio itself)`, kinds: AUDIO });
  const messages = request.messages.map((message, messageIndex) => {
    if (message.role !== "user" || typeof message.content === "string" || !message.content.some((part) => part.type === "audio_url")) return message;
    const content: ChatCompletionContentPart[] = [];
    message.content.forEach((part, partIndex) => {
      if (part.type !== "audio_url") {
        content.push(part);
        return;
      }
      const path = `messages[${messageIndex}].content[${partIndex}]`;
      const url = part.audio_url.url;
      const audio = isRemote(url) ? downloaded.get(url) : fromDataUri(url, `${path}.audio_url.url`);
      if (audio === undefined) throw new Error(`${call.translate.provider}: ${path} was not downloaded before translation`);
      const format = formatOf(audio);
      if (format === undefined) {
        call.translate.unsupported(
          `${path} (audio_url, ${audio.mimeType})`,
          `${label} takes audio as input_audio in wav or mp3 only; convert it to wav or mp3, or send it to a provider that reads ${audio.mimeType} (Gemini)`,
        );
        return;
      }
      content.push({ type: "input_audio", input_audio: { data: audio.data, format } });
    });
    return { ...message, content };
  });
  return { ...request, messages };
}

function hasAudioUrl(request: UnifiedRequest): boolean {
  return request.messages.some((message) => message.role === "user" && typeof message.content !== "string" && message.content.some((part) => part.type === "audio_url"));
}

function fromDataUri(url: string, path: string): InlineMedia {
  const parsed = parseDataUri(url);
  if (parsed === undefined) throw new InvalidRequestError(`Invalid \`${path}\`: expected an http(s) URL or a base64 data: URI.`, path);
  return { mimeType: parsed.mimeType, data: parsed.base64 };
}

/** wav or mp3 by the bytes themselves (a server may say octet-stream), else by the declared type. */
function formatOf(audio: InlineMedia): InputAudioFormat | undefined {
  // 24 base64 characters are 18 whole bytes: enough for the RIFF/WAVE header and an MPEG frame sync.
  const sniffed = sniffMediaType(base64ToBytes(audio.data.slice(0, 24)));
  if (sniffed !== undefined) return FORMATS[sniffed];
  return FORMATS[audio.mimeType.toLowerCase()];
}

