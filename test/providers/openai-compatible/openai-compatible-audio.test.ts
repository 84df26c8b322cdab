// onellm's audio_url part for providers that take only OpenAI's input_audio: downloaded through the
// call's media session (once per call, whatever target asks), sent as { data, format } (Mistral: the
// base64 string), wav or mp3 only; every other audio, and every target without audio, is refused
// before anything is sent, and a fallback chain skips such a target.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import { UnsupportedParameterError } from "../../../src/errors.js";
import type { ChatCompletionCreateParamsNonStreaming } from "../../../src/types.js";
import { WAV_BASE64 } from "../../fixtures/gemini/fixtures.js";

// An MP3 frame header (MPEG-1 layer III, 128 kbit/s, 44.1 kHz) and padding; an Ogg page header.
const MP3 = Buffer.from([0xff, 0xfb, 0x90, 0x64, ...new Array<number>(60).fill(0)]);
const OGG = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(40)]);
const WAV = Buffer.from(WAV_BASE64, "base64");

let server: http.Server;
let base: string;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    hits.push(request.url ?? "");
    const files: Record<string, [string, Buffer]> = {
      "/clip.wav": ["audio/wav", WAV],
      "/clip.mp3": ["audio/mpeg", MP3],
      "/clip.bin": ["application/octet-stream", MP3],
      "/clip.ogg": ["audio/ogg", OGG],
    };
    const file = files[request.url ?? ""];
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const LOCAL_MEDIA = { mediaDownload: { allowPrivateNetwork: true, allowedProtocols: ["http:"] } };

const COMPLETION = {
  id: "chatcmpl-audio",
  object: "chat.completion",
  created: 1764254000,
  model: "gpt-4o-audio-preview",
  choices: [{ index: 0, message: { role: "assistant", content: "A greeting.", refusal: null }, logprobs: null, finish_reason: "stop" }],
  usage: { prompt_tokens: 30, completion_tokens: 3, total_tokens: 33 },
};

function client() {
  const sent: { host: string; body: Record<string, unknown> }[] = [];
  const instance = new OpenAI({
    env: {},
    maxRetries: 0,
    providers: {
      openai: { apiKey: "sk-audio-0001", ...LOCAL_MEDIA },
      mistral: { apiKey: "mistral-audio-0001", ...LOCAL_MEDIA },
      groq: { apiKey: "gsk-audio-0001", ...LOCAL_MEDIA },
    },
    fetch: async (request: Request) => {
      sent.push({ host: new URL(request.url).hostname, body: (await request.json()) as Record<string, unknown> });
      return new Response(JSON.stringify(COMPLETION), { headers: { "content-type": "application/json" } });
    },
  });
  return { client: instance, sent };
}

/** The OneLLM docs' audio example (its URL served locally). */
function audioExample(model: string, url: string, extra: Partial<ChatCompletionCreateParamsNonStreaming> = {}): ChatCompletionCreateParamsNonStreaming {
  return {
    model,
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "Transcribe and analyze this audio clip" },
          { type: "audio_url", audio_url: { url } },
        ],
      },
    ],
    ...extra,
  };
}

const userContent = (body: Record<string, unknown>) => ((body["messages"] as { content: unknown }[])[0]!.content as Record<string, unknown>[]);

describe("audio_url -> input_audio", () => {
  it("OpenAI gets the downloaded wav as input_audio { data, format: wav }", async () => {
    const { client: openai, sent } = client();
    await openai.chat.completions.create(audioExample("openai/gpt-4o-audio-preview", `${base}/clip.wav`));
    expect(sent).toHaveLength(1);
    expect(userContent(sent[0]!.body)).toEqual([
      { type: "text", text: "Transcribe and analyze this audio clip" },
      { type: "input_audio", input_audio: { data: WAV_BASE64, format: "wav" } },
    ]);
  });

  it("knows mp3 by its bytes when the server says octet-stream, and takes data: URIs without a download", async () => {
    const { client: openai, sent } = client();
    hits.length = 0;
    await openai.chat.completions.create(audioExample("openai/gpt-4o-audio-preview", `${base}/clip.bin`));
    await openai.chat.completions.create(audioExample("openai/gpt-4o-audio-preview", `data:audio/wav;base64,${WAV_BASE64}`));
    expect(hits).toEqual(["/clip.bin"]);
    expect(userContent(sent[0]!.body)[1]).toEqual({ type: "input_audio", input_audio: { data: MP3.toString("base64"), format: "mp3" } });
    expect(userContent(sent[1]!.body)[1]).toEqual({ type: "input_audio", input_audio: { data: WAV_BASE64, format: "wav" } });
  });

  it("Mistral gets input_audio in its own shape: the base64 string", async () => {
    const { client: mistral, sent } = client();
    await mistral.chat.completions.create(audioExample("mistral/voxtral-small-latest", `${base}/clip.mp3`));
    expect(userContent(sent[0]!.body)[1]).toEqual({ type: "input_audio", input_audio: MP3.toString("base64") });
  });

  it("refuses audio that is neither wav nor mp3 before anything is sent, naming the part and the way out", async () => {
    const { client: openai, sent } = client();
    const error = await openai.chat.completions.create(audioExample("openai/gpt-4o-audio-preview", `${base}/clip.ogg`)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe("messages[0].content[1] (audio_url, audio/ogg)");
    expect((error as Error).message).toMatch(/wav or mp3/);
    expect(sent).toEqual([]);
  });

  it("drops such audio with a warning under unsupportedParams: drop", async () => {
    const openai = new OpenAI({
      env: {},
      unsupportedParams: "drop",
      providers: { openai: { apiKey: "sk-audio-0002", ...LOCAL_MEDIA } },
      fetch: async () => new Response(JSON.stringify(COMPLETION), { headers: { "content-type": "application/json" } }),
    });
    const completion = await openai.chat.completions.create(audioExample("openai/gpt-4o-audio-preview", `${base}/clip.ogg`));
    expect(completion.onellm?.warnings.join("\n")).toMatch(/messages\[0\]\.content\[1\] \(audio_url, audio\/ogg\)/);
  });

  it("a target with no audio input is skipped in a fallback chain before sending; the audio is downloaded once for the chain", async () => {
    const { client: chain, sent } = client();
    hits.length = 0;
    const completion = await chain.chat.completions.create(
      audioExample("groq/llama-3.3-70b-versatile", `${base}/clip.wav`, { fallback_models: ["openai/gpt-4o-audio-preview"] }),
    );
    expect(sent.map((entry) => entry.host)).toEqual(["api.openai.com"]);
    expect(completion.onellm?.provider).toBe("openai");
    expect(completion.onellm?.attempts[0]).toMatchObject({ provider: "groq", skipped: true, error: "UnsupportedParameterError" });
    expect(completion.onellm?.attempts[0]?.reason).toMatch(/audio_url/);
    expect(hits).toEqual(["/clip.wav"]);
  });
});
