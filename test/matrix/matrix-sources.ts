// The sources of the portability matrix: for each provider, its own native replies (recorded wire
// format, written from the provider's docs and spec), translated by the real SDK path — router,
// decoder, translator — through an injected fetch that answers with the fixture's bytes. A streamed
// source is assembled by the SDK's own stream helper (`chat.completions.stream(...)`), which is what
// a caller appends. Vertex serves Gemini's and Claude's wire formats unchanged, so its sources reuse
// those recordings through the Vertex hosts.
import { readFileSync } from "node:fs";
import { OpenAI, type Fetch } from "../../src/client.js";
import type { ChatCompletionMessage, ChatCompletionTool } from "../../src/types.js";
import { encodeRecording } from "../helpers/event-stream-encoder.js";

export const PROVIDERS = [
  "openai",
  "anthropic",
  "gemini",
  "groq",
  "mistral",
  "deepseek",
  "xai",
  "ollama",
  "cohere",
  "bedrock",
  "vertex",
  "vertex-anthropic",
] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export type ReplyKind = "text" | "tool" | "reasoning";
export type Mode = "json" | "stream";
type StreamFraming = "sse" | "ndjson" | "eventstream";

interface Recording {
  json: string;
  stream: string;
}

export interface Source {
  name: ProviderName;
  /** The model id a caller writes (`provider/model`). */
  model: string;
  framing: StreamFraming;
  replies: Record<ReplyKind, Recording>;
  /** What the source's reasoning reply carries (said in the matrix's notes). */
  reasoning: "signed" | "text" | "none";
}

const F = "test/fixtures";
const pair = (json: string, stream: string): Recording => ({ json: `${F}/${json}`, stream: `${F}/${stream}` });

const ANTHROPIC_REPLIES = {
  text: pair("anthropic/text.json", "anthropic/text.sse"),
  tool: pair("anthropic/tool-use.json", "anthropic/tool-use.sse"),
  reasoning: pair("anthropic/thinking-tool-use.json", "anthropic/thinking-tool-use.sse"),
};
const GEMINI_REPLIES = {
  text: pair("gemini/text.json", "gemini/text.sse"),
  tool: pair("gemini/function-call.json", "gemini/function-call.sse"),
  reasoning: pair("gemini/signatures-gemini3.json", "gemini/signatures-gemini3.sse"),
};

export const SOURCES: Record<ProviderName, Source> = {
  // OpenAI's chat completions return no reasoning: its reasoning row replays its tool-call reply.
  openai: {
    name: "openai",
    model: "openai/gpt-4o-mini",
    framing: "sse",
    reasoning: "none",
    replies: { text: pair("openai/text.json", "openai/text-usage.sse"), tool: pair("openai/tool-calls.json", "openai/tool-calls.sse"), reasoning: pair("openai/tool-calls.json", "openai/tool-calls.sse") },
  },
  anthropic: { name: "anthropic", model: "anthropic/claude-sonnet-4-5", framing: "sse", reasoning: "signed", replies: ANTHROPIC_REPLIES },
  gemini: { name: "gemini", model: "google/gemini-3-flash-preview", framing: "sse", reasoning: "signed", replies: GEMINI_REPLIES },
  groq: {
    name: "groq",
    model: "groq/openai/gpt-oss-20b",
    framing: "sse",
    reasoning: "text",
    replies: { text: pair("matrix/groq/text.json", "matrix/groq/text.sse"), tool: pair("matrix/groq/tool.json", "matrix/groq/tool.sse"), reasoning: pair("matrix/groq/reasoning-tool.json", "matrix/groq/reasoning-tool.sse") },
  },
  mistral: {
    name: "mistral",
    model: "mistral/magistral-medium-latest",
    framing: "sse",
    reasoning: "text",
    replies: { text: pair("mistral/text.json", "mistral/text.sse"), tool: pair("mistral/tool-call.json", "mistral/tool-call.sse"), reasoning: pair("matrix/mistral/reasoning-tool.json", "matrix/mistral/reasoning-tool.sse") },
  },
  deepseek: {
    name: "deepseek",
    model: "deepseek/deepseek-reasoner",
    framing: "sse",
    reasoning: "text",
    replies: { text: pair("matrix/deepseek/text.json", "matrix/deepseek/text.sse"), tool: pair("matrix/deepseek/tool.json", "matrix/deepseek/tool.sse"), reasoning: pair("matrix/deepseek/reasoning-tool.json", "matrix/deepseek/reasoning-tool.sse") },
  },
  xai: {
    name: "xai",
    model: "xai/grok-3-mini",
    framing: "sse",
    reasoning: "text",
    replies: { text: pair("xai/text.json", "xai/text.sse"), tool: pair("matrix/xai/tool.json", "matrix/xai/tool.sse"), reasoning: pair("matrix/xai/reasoning-tool.json", "matrix/xai/reasoning-tool.sse") },
  },
  // Ollama's tool-call recording thinks first: it serves the tool and the reasoning rows.
  ollama: {
    name: "ollama",
    model: "ollama/qwen3",
    framing: "ndjson",
    reasoning: "text",
    replies: { text: pair("ollama/text.json", "ollama/text.ndjson"), tool: pair("ollama/tool-call.json", "ollama/tool-call.ndjson"), reasoning: pair("ollama/tool-call.json", "ollama/tool-call.ndjson") },
  },
  cohere: {
    name: "cohere",
    model: "cohere/command-a-reasoning-08-2025",
    framing: "sse",
    reasoning: "text",
    replies: { text: pair("cohere/text.json", "cohere/text.sse"), tool: pair("cohere/tool-call.json", "cohere/tool-call.sse"), reasoning: pair("matrix/cohere/reasoning-tool.json", "matrix/cohere/reasoning-tool.sse") },
  },
  bedrock: {
    name: "bedrock",
    model: "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    framing: "eventstream",
    reasoning: "signed",
    replies: { text: pair("bedrock/text.json", "bedrock/text.events.jsonl"), tool: pair("bedrock/tool-use.json", "bedrock/tool-use.events.jsonl"), reasoning: pair("matrix/bedrock/reasoning-tool.json", "matrix/bedrock/reasoning-tool.events.jsonl") },
  },
  vertex: { name: "vertex", model: "vertex/gemini-3-flash-preview", framing: "sse", reasoning: "signed", replies: GEMINI_REPLIES },
  "vertex-anthropic": { name: "vertex-anthropic", model: "vertex-anthropic/claude-sonnet-4-5@20250929", framing: "sse", reasoning: "signed", replies: ANTHROPIC_REPLIES },
};

/** Every tool any recording calls, so each history's calls are to declared tools. */
export const TOOLS: ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Current weather for a place",
      parameters: { type: "object", properties: { city: { type: "string" }, location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } } },
    },
  },
  { type: "function", function: { name: "get_temperature", description: "Temperature in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } },
  { type: "function", function: { name: "get_time", description: "Local time", parameters: { type: "object", properties: {} } } },
];

/** Credentials and settings for every provider (the fetch is injected, so no request leaves the process). */
export function providerSettings(baseURLs: Partial<Record<string, string>> = {}): Record<string, Record<string, unknown>> {
  const at = (name: string) => (baseURLs[name] === undefined ? {} : { baseURL: baseURLs[name] });
  const vertex = { project: "acme-ml-prod", location: "us-east5", accessToken: "ya29.matrix-token", ...at("vertex") };
  return {
    openai: { apiKey: "sk-matrix-0001", ...at("openai") },
    anthropic: { apiKey: "sk-ant-matrix-0001", ...at("anthropic") },
    google: { apiKey: "gemini-matrix-0001", ...at("gemini") },
    groq: { apiKey: "gsk-matrix-0001", ...at("groq") },
    mistral: { apiKey: "mistral-matrix-0001", ...at("mistral") },
    deepseek: { apiKey: "sk-deepseek-matrix-0001", ...at("deepseek") },
    xai: { apiKey: "xai-matrix-0001", ...at("xai") },
    ollama: { ...at("ollama") },
    cohere: { apiKey: "cohere-matrix-0001", ...at("cohere") },
    bedrock: { region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }, ...at("bedrock") },
    vertex,
    "vertex-anthropic": { ...vertex, ...at("vertex-anthropic") },
  };
}

const CONTENT_TYPES: Record<Mode | StreamFraming, string> = {
  json: "application/json",
  stream: "text/event-stream",
  sse: "text/event-stream",
  ndjson: "application/x-ndjson",
  eventstream: "application/vnd.amazon.eventstream",
};

/** A fetch that answers every request with `file`, framed as the provider frames it. */
export function recordingFetch(file: string, framing: Mode | StreamFraming): Fetch {
  const text = readFileSync(file, "utf8");
  const body = framing === "eventstream" ? new Uint8Array(encodeRecording(text)) : text;
  return async () => new Response(body, { status: 200, headers: { "content-type": CONTENT_TYPES[framing] } });
}

export function sourceClient(source: Source, kind: ReplyKind, mode: Mode): OpenAI {
  const recording = source.replies[kind];
  return new OpenAI({
    env: {},
    maxRetries: 0,
    providers: providerSettings(),
    fetch: mode === "json" ? recordingFetch(recording.json, "json") : recordingFetch(recording.stream, source.framing),
  });
}

/** The assistant message a caller gets back (and appends as-is), streamed or not. */
export async function reply(source: Source, kind: ReplyKind, mode: Mode, question: Parameters<OpenAI["chat"]["completions"]["create"]>[0]["messages"]): Promise<ChatCompletionMessage> {
  const client = sourceClient(source, kind, mode);
  const body = { model: source.model, messages: question, tools: TOOLS };
  if (mode === "json") return (await client.chat.completions.create(body)).choices[0]!.message;
  const final = await client.chat.completions.stream(body).finalChatCompletion();
  return final.choices[0]!.message;
}
