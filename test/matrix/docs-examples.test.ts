// The OneLLM docs' own examples (muxi-ai/onellm: docs/api/chat-completions.md "Multi-turn
// Conversations", "Function Results", "Multimodal Messages"; README "Multi-modal with audio"), run on
// every provider, each native request validated by that provider's Prism. Where a provider cannot
// take an example, it is refused before anything is sent (and a fallback chain skips it): each such
// provider is listed below with the reason. The examples' media URLs (https://example.com/...) are
// served by a local server here, reached with `mediaDownload.allowPrivateNetwork`.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import { toolCallIdPattern } from "../../src/providers/tool-call-ids.js";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "../../src/types.js";
import { WAV_BASE64 } from "../fixtures/gemini/fixtures.js";
import { pool, runCell, type CellResult } from "./matrix-run.js";
import { providerSettings, recordingFetch, SOURCES, type ProviderName } from "./matrix-sources.js";
import { stringsIn, TARGETS, toolCallIds } from "./matrix-targets.js";

// An MP3 frame header and padding; a JPEG header and padding.
const MP3 = Buffer.from([0xff, 0xfb, 0x90, 0x64, ...new Array<number>(124).fill(0)]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, ...new Array<number>(64).fill(0), 0xff, 0xd9]);

let media: http.Server;
let base: string;
const LOCAL_MEDIA = { mediaDownload: { allowPrivateNetwork: true, allowedProtocols: ["http:"] } };

beforeAll(async () => {
  media = http.createServer((request, response) => {
    const files: Record<string, [string, Buffer]> = { "/audio.mp3": ["audio/mpeg", MP3], "/audio.wav": ["audio/wav", Buffer.from(WAV_BASE64, "base64")], "/image.jpg": ["image/jpeg", JPEG] };
    const file = files[request.url ?? ""];
    if (file === undefined) response.writeHead(404).end();
    else response.writeHead(200, { "content-type": file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => media.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => media.close(() => resolve()));
});

/** Problems with a cell that must be accepted (empty when it was). */
function accepted(cell: CellResult, allowedWarning?: RegExp): string[] {
  if (cell.error !== undefined) return [`${cell.error.name}: ${cell.error.message}`];
  const problems: string[] = [];
  if (cell.sent?.status !== 200 || cell.sent.violations.length > 0) problems.push(`Prism ${cell.sent?.status}: ${cell.sent?.violations.join(", ")}`);
  for (const warning of cell.warnings) if (allowedWarning === undefined || !allowedWarning.test(warning)) problems.push(`warning: ${warning}`);
  return problems;
}

/** Problems with a cell that must be refused before sending, naming `part`. */
function refused(cell: CellResult, part: RegExp): string[] {
  if (cell.sent !== undefined) return [`sent (Prism ${cell.sent.status}) instead of being refused`];
  if (cell.error?.name !== "UnsupportedParameterError") return [`expected UnsupportedParameterError, got ${cell.error?.name}: ${cell.error?.message}`];
  return part.test(cell.error.message) ? [] : [`refused for another reason: ${cell.error.message}`];
}

const GEMINI_BYPASS = /skip_thought_signature_validator/;

describe("multi-turn: the reply appended as-is, then asked again — on the same provider and on every other", () => {
  it("every provider's turn-one reply is taken by every provider's turn two", async () => {
    const turns = await pool(
      TARGETS.map((target) => async () => {
        const messages: ChatCompletionMessageParam[] = [{ role: "user", content: "My name is Alice" }];
        const first = await runCell(target, messages, { request: {} });
        if (first.completion === undefined) throw new Error(`${target.name} turn one failed: ${first.error?.message}`);
        messages.push(first.completion.choices[0]!.message);
        messages.push({ role: "user", content: "What's my name?" });
        return { from: target.name, messages, answer: first.completion.choices[0]!.message.content };
      }),
      4,
    );
    const problems: string[] = [];
    const cells = await pool(
      turns.flatMap((turn) => TARGETS.map((target) => async () => ({ turn, target, cell: await runCell(target, turn.messages, { request: {} }) }))),
      8,
    );
    for (const { turn, target, cell } of cells) {
      for (const problem of accepted(cell)) problems.push(`${turn.from} -> ${target.name}: ${problem}`);
      // The appended reply really went out, as the assistant's turn.
      if (typeof turn.answer === "string" && cell.sent !== undefined && !stringsIn(cell.sent.body).some((text) => text.includes(turn.answer as string))) {
        problems.push(`${turn.from} -> ${target.name}: the appended reply is not in the native request`);
      }
    }
    expect(cells).toHaveLength(TARGETS.length * TARGETS.length);
    expect(problems).toEqual([]);
  });
});

/** "Function Results": the docs' history, with its `call_123`. */
const FUNCTION_RESULTS: ChatCompletionMessageParam[] = [
  { role: "user", content: "What's the weather in Paris?" },
  { role: "assistant", content: null, tool_calls: [{ id: "call_123", type: "function", function: { name: "get_weather", arguments: '{"location": "Paris"}' } }] },
  { role: "tool", tool_call_id: "call_123", content: '{"temperature": 22, "condition": "sunny"}' },
];
const DOCS_TOOLS: ChatCompletionTool[] = [
  { type: "function", function: { name: "get_weather", description: "Get weather for a location", parameters: { type: "object", properties: { location: { type: "string" } } } } },
];

describe("function results with call_123", () => {
  for (const target of TARGETS) {
    // Gemini 3 needs a thought signature on a call it did not make: Google's documented bypass, said in a warning.
    const allowed = target.family === "gemini" ? GEMINI_BYPASS : undefined;
    it(target.name, async () => {
      const cell = await runCell(target, FUNCTION_RESULTS, { request: { tools: DOCS_TOOLS } });
      expect(accepted(cell, allowed)).toEqual([]);
      const { calls, results } = toolCallIds(target.family, cell.sent!.body);
      if (target.family !== "ollama") {
        expect(results).toEqual(calls);
        expect(calls).toHaveLength(1);
        // Kept where the target takes it; Mistral gets nine letters and digits, the same in the result.
        if (target.idRule !== undefined) expect(calls[0]).toMatch(new RegExp(toolCallIdPattern(target.idRule), "u"));
        expect(calls[0] === "call_123").toBe(target.name !== "mistral");
      }
    });
  }
});

/** Providers that take no audio input at all, by the docs each translator cites. */
const NO_AUDIO: Partial<Record<ProviderName, string>> = {
  anthropic: "Claude models take no audio input",
  "vertex-anthropic": "Claude models take no audio input",
  groq: "Groq's chat API takes text and images (audio goes through its transcription API)",
  deepseek: "DeepSeek's chat API takes text only",
  xai: "xAI's chat API takes text and images",
  ollama: "Ollama's chat API takes text and images",
  cohere: "Cohere's chat models take text and images",
  bedrock: "Converse takes no audio input",
};

const audioExample = (url: string): ChatCompletionMessageParam[] => [
  { role: "user", content: [{ type: "text", text: "Transcribe and analyze this audio clip" }, { type: "audio_url", audio_url: { url } }] },
];

describe("the audio example (audio_url)", () => {
  for (const target of TARGETS) {
    const reason = NO_AUDIO[target.name];
    it(reason === undefined ? `${target.name}: runs` : `${target.name}: refused before sending (${reason})`, async () => {
      const cell = await runCell(target, audioExample(`${base}/audio.mp3`), { request: {}, settings: LOCAL_MEDIA });
      if (reason !== undefined) {
        expect(refused(cell, /audio_url/)).toEqual([]);
        return;
      }
      expect(accepted(cell)).toEqual([]);
      // The audio itself went out: OpenAI's input_audio (Mistral's its base64 string), Gemini's inlineData.
      expect(stringsIn(cell.sent!.body)).toContain(MP3.toString("base64"));
    });
  }

  it("as the docs write it (on Claude), with a fallback: Claude is skipped before sending, Gemini answers, the skip is in attempts", async () => {
    const sent: string[] = [];
    const gemini = recordingFetch(SOURCES.gemini.replies.text.json, "json");
    const client = new OpenAI({
      env: {},
      maxRetries: 0,
      providers: Object.fromEntries(Object.entries(providerSettings()).map(([name, own]) => [name, { ...own, ...LOCAL_MEDIA }])),
      fetch: async (request) => {
        sent.push(new URL(request.url).hostname);
        return gemini(request);
      },
    });
    const completion = await client.chat.completions.create({
      model: "anthropic/claude-3-sonnet",
      messages: audioExample(`${base}/audio.mp3`),
      fallback_models: ["google/gemini-2.5-flash"],
    });
    expect(sent).toEqual(["generativelanguage.googleapis.com"]);
    expect(completion.onellm?.provider).toBe("google");
    expect(completion.onellm?.attempts[0]).toMatchObject({ provider: "anthropic", model: "claude-3-sonnet", skipped: true, error: "UnsupportedParameterError" });
    expect(completion.onellm?.attempts[0]?.reason).toMatch(/audio_url/);
    expect(completion.onellm?.attempts[1]).toMatchObject({ provider: "google", status: 200 });
  });
});

/** Providers that cannot take the vision example, with the reason. */
const NO_VISION: Partial<Record<ProviderName, string>> = {
  deepseek: "DeepSeek's chat API takes text only",
};

describe("the vision example (image_url with detail high)", () => {
  const vision = (url: string): ChatCompletionMessageParam[] => [
    { role: "user", content: [{ type: "text", text: "What's in this image?" }, { type: "image_url", image_url: { url, detail: "high" } }] },
  ];
  for (const target of TARGETS) {
    const reason = NO_VISION[target.name];
    it(reason === undefined ? `${target.name}: runs` : `${target.name}: refused before sending (${reason})`, async () => {
      const cell = await runCell(target, vision(`${base}/image.jpg`), { request: {}, settings: LOCAL_MEDIA });
      if (reason !== undefined) {
        expect(refused(cell, /image_url/)).toEqual([]);
        return;
      }
      expect(accepted(cell)).toEqual([]);
      const strings = stringsIn(cell.sent!.body);
      // By URL where the provider fetches it, inline where it takes bytes only.
      expect(strings.some((text) => text === `${base}/image.jpg` || text === JPEG.toString("base64"))).toBe(true);
    });
  }
});
