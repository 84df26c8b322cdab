// What the example tour's mock providers know about each wire format: where its chat endpoint is,
// how a request authenticates, which model and whether it streams, and which step of a
// conversation a request is (the recording that answers it). Written from each provider's API
// reference: OpenAI chat completions, Anthropic Messages, Gemini generateContent.
import type { IncomingHttpHeaders } from "node:http";

export type MockFormat = "openai" | "anthropic" | "gemini";
export const MOCK_FORMATS: readonly MockFormat[] = ["openai", "anthropic", "gemini"];

/** The failures a mock answers with, each from `recordings/<format>/<failure>.json`. */
export type MockFailure = "overloaded" | "not-found" | "unauthorized";

/**
 * The step of a conversation a request is at, which picks `<scenario>.<variant>` over `<scenario>`:
 * `after-tool` (a tool result is in the history), `forced-tool` (Anthropic: a tool is forced, as
 * onellm's JSON emulation does), `followup` (an assistant turn is in the history).
 */
export type Variant = "after-tool" | "forced-tool" | "followup";

export interface FormatRules {
  /** Whether `path` (below the session's format prefix) is this format's chat endpoint. */
  isChat(path: string): boolean;
  authorized(headers: IncomingHttpHeaders): boolean;
  model(path: string, body: Record<string, unknown>): string;
  stream(path: string, body: Record<string, unknown>): boolean;
  variant(body: Record<string, unknown>): Variant | undefined;
  /** The HTTP status each failure comes with. */
  status: Readonly<Record<MockFailure, number>>;
  /** The response header carrying the provider's request id, where it sends one. */
  requestIdHeader?: string;
}

type Json = Record<string, unknown>;

/** The keys the tour hands out (`mock-key-<provider>`); any other key is refused, as a provider would. */
export function isMockKey(value: string | string[] | undefined): boolean {
  return typeof value === "string" && value.startsWith("mock-key-");
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((item) => typeof item === "object" && item !== null) as Json[]) : [];
}

function blocks(message: Json, field: string): Json[] {
  return list(message[field]);
}

const openai: FormatRules = {
  // Every OpenAI dialect appends /chat/completions to its own base path.
  isChat: (path) => path.endsWith("/chat/completions"),
  // Azure OpenAI sends its key as `api-key`; every other dialect as a bearer token.
  authorized: (headers) => isMockKey(/^Bearer (\S+)$/.exec(headers.authorization ?? "")?.[1]) || isMockKey(headers["api-key"]),
  model: (_path, body) => String(body["model"]),
  stream: (_path, body) => body["stream"] === true,
  variant(body) {
    const messages = list(body["messages"]);
    if (messages.some((message) => message["role"] === "tool")) return "after-tool";
    if (messages.some((message) => message["role"] === "assistant")) return "followup";
    return undefined;
  },
  status: { overloaded: 503, "not-found": 404, unauthorized: 401 },
  requestIdHeader: "x-request-id",
};

const anthropic: FormatRules = {
  isChat: (path) => path === "/v1/messages",
  authorized: (headers) => isMockKey(headers["x-api-key"]) && typeof headers["anthropic-version"] === "string",
  model: (_path, body) => String(body["model"]),
  stream: (_path, body) => body["stream"] === true,
  variant(body) {
    const messages = list(body["messages"]);
    if (messages.some((message) => blocks(message, "content").some((block) => block["type"] === "tool_result"))) return "after-tool";
    const choice = body["tool_choice"];
    if (typeof choice === "object" && choice !== null && (choice as Json)["type"] === "tool") return "forced-tool";
    if (messages.some((message) => message["role"] === "assistant")) return "followup";
    return undefined;
  },
  status: { overloaded: 529, "not-found": 404, unauthorized: 401 },
  requestIdHeader: "request-id",
};

const GEMINI_PATH = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

const gemini: FormatRules = {
  isChat: (path) => GEMINI_PATH.test(path),
  authorized: (headers) => isMockKey(headers["x-goog-api-key"]),
  model: (path) => GEMINI_PATH.exec(path)?.[1] ?? "",
  stream: (path) => GEMINI_PATH.exec(path)?.[2] === "streamGenerateContent",
  variant(body) {
    const contents = list(body["contents"]);
    if (contents.some((content) => blocks(content, "parts").some((part) => "functionResponse" in part))) return "after-tool";
    if (contents.some((content) => content["role"] === "model")) return "followup";
    return undefined;
  },
  // Gemini answers a bad key with 400 API_KEY_INVALID.
  status: { overloaded: 503, "not-found": 404, unauthorized: 400 },
};

export const FORMAT_RULES: Readonly<Record<MockFormat, FormatRules>> = { openai, anthropic, gemini };

/** Models each mock says no longer exist (all three retired by their providers). */
export const RETIRED_MODELS: Readonly<Record<MockFormat, readonly string[]>> = {
  openai: ["gpt-4-32k"],
  anthropic: ["claude-3-opus-20240229"],
  gemini: ["gemini-1.0-pro"],
};
