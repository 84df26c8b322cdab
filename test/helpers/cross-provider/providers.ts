// The five providers the helper tests run on, each behind the replay server with its own recorded
// native answers (test/fixtures/helpers/<provider>/), and how to read its native request.
import { OpenAI } from "../../../src/client.js";
import type { RecordedRequest, ReplayServer } from "../../helpers/replay-server.js";

export interface ProviderCase {
  name: "openai" | "anthropic" | "gemini" | "groq" | "mistral";
  model: string;
  client(server: ReplayServer): OpenAI;
  /** The request path of a (streamed) completion. */
  path(stream: boolean): string;
  /** How many tool results the native request carries (0, 1, 2: which round this is). */
  toolResults(request: RecordedRequest): number;
}

type Body = Record<string, unknown> & { messages?: { role: string; content?: unknown }[]; contents?: { parts: Record<string, unknown>[] }[] };

const openAIStyleToolResults = (request: RecordedRequest) =>
  ((request.body as Body).messages ?? []).filter((message) => message.role === "tool").length;

const base = { env: {}, maxRetries: 0 } as const;

export const PROVIDERS: readonly ProviderCase[] = [
  {
    name: "openai",
    model: "gpt-4o",
    client: (server) => new OpenAI({ ...base, apiKey: "sk-helpers-openai-0001", baseURL: `${server.url}/v1` }),
    path: () => "/v1/chat/completions",
    toolResults: openAIStyleToolResults,
  },
  {
    name: "anthropic",
    model: "anthropic/claude-sonnet-4-5",
    client: (server) => new OpenAI({ ...base, providers: { anthropic: { apiKey: "sk-ant-helpers-0001", baseURL: server.url } } }),
    path: () => "/v1/messages",
    toolResults: (request) =>
      ((request.body as Body).messages ?? [])
        .flatMap((message) => (Array.isArray(message.content) ? (message.content as { type?: string }[]) : []))
        .filter((block) => block.type === "tool_result").length,
  },
  {
    name: "gemini",
    model: "google/gemini-2.5-flash",
    client: (server) => new OpenAI({ ...base, providers: { google: { apiKey: "gemini-helpers-0001", baseURL: server.url } } }),
    path: (stream) => `/v1beta/models/gemini-2.5-flash:${stream ? "streamGenerateContent" : "generateContent"}`,
    toolResults: (request) =>
      ((request.body as Body).contents ?? []).flatMap((content) => content.parts).filter((part) => "functionResponse" in part).length,
  },
  {
    name: "groq",
    model: "groq/llama-3.3-70b-versatile",
    client: (server) => new OpenAI({ ...base, providers: { groq: { apiKey: "gsk-helpers-0001", baseURL: `${server.url}/openai/v1` } } }),
    path: () => "/openai/v1/chat/completions",
    toolResults: openAIStyleToolResults,
  },
  {
    name: "mistral",
    model: "mistral/mistral-small-latest",
    client: (server) => new OpenAI({ ...base, providers: { mistral: { apiKey: "mistral-helpers-0001", baseURL: `${server.url}/v1` } } }),
    path: () => "/v1/chat/completions",
    toolResults: openAIStyleToolResults,
  },
];

export function fixture(provider: ProviderCase, name: string): string {
  return `test/fixtures/helpers/${provider.name}/${name}`;
}
