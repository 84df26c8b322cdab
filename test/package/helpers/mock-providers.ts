// Mock providers, each on its own loopback port, answering from the recorded fixtures with CORS, as a
// page on another origin needs: an OpenAI-format server (`/v1/chat/completions`, Bearer key), an
// Anthropic-format one (`/v1/messages`, x-api-key + anthropic-version, and — as Anthropic does for
// cross-origin calls — the `anthropic-dangerous-direct-browser-access` header), and a Gemini-format
// one (`:generateContent`, x-goog-api-key) that also serves an image by URL: Gemini takes images only
// inline, so the client must download it (with whichever downloader its runtime has) and send the
// exact bytes. A request without its key, or one a provider would refuse, gets that provider's error.
import { readFileSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures");

export const MOCK_KEYS = {
  openai: "sk-mock-openai-browser-0123456789",
  anthropic: "sk-ant-mock-browser-0123456789",
  google: "AIza-mock-google-browser-0123456789",
} as const;

/** A real 1x1 PNG, served at `${googleURL}/media/pixel.png`. */
export const PIXEL_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

/** What the Gemini mock answers when the image arrived inline, byte for byte. */
export const IMAGE_ANSWER = `Saw image/png, ${PIXEL_PNG.length} bytes.`;

function fixture(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), "utf8");
}

/** The texts a correct client shows for each call, read from the same fixtures the mocks serve. */
export function expectedTexts(): { openaiPlain: string; openaiStream: string; anthropicPlain: string; anthropicStream: string } {
  const openai = JSON.parse(fixture("openai/text.json")) as { choices: { message: { content: string } }[] };
  const anthropic = JSON.parse(fixture("anthropic/text.json")) as { content: { text: string }[] };
  return {
    openaiPlain: openai.choices[0]!.message.content,
    openaiStream: sseData(fixture("openai/text-usage.sse"))
      .map((data) => (data === "[DONE]" ? "" : ((JSON.parse(data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? "")))
      .join(""),
    anthropicPlain: anthropic.content[0]!.text,
    anthropicStream: sseData(fixture("anthropic/text.sse"))
      .map((data) => JSON.parse(data) as { type: string; delta?: { text?: string } })
      .filter((event) => event.type === "content_block_delta")
      .map((event) => event.delta?.text ?? "")
      .join(""),
  };
}

function sseData(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => line.slice("data: ".length));
}

type ServerName = "openai" | "anthropic" | "google";

export interface MockProviders {
  openaiURL: string;
  anthropicURL: string;
  googleURL: string;
  /** The image Gemini is asked about (served by the Gemini mock, so on yet another origin than the page). */
  imageURL: string;
  /** Each request as seen: origin, path and the headers that matter. */
  requests: { server: ServerName; method: string; path: string; origin: string | undefined; headers: IncomingMessage["headers"] }[];
  stop(): Promise<void>;
}

function cors(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader("access-control-allow-origin", request.headers.origin ?? "*");
  response.setHeader("access-control-allow-methods", "POST, OPTIONS");
  const asked = request.headers["access-control-request-headers"];
  if (asked) response.setHeader("access-control-allow-headers", asked);
  response.setHeader("access-control-expose-headers", "x-request-id, request-id");
  response.setHeader("access-control-max-age", "600");
  response.setHeader("vary", "Origin");
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
}

function send(response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": contentType, ...headers });
  response.end(body);
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: Record<string, unknown>) => void;

const openaiHandler: Handler = (request, response, body) => {
  if (request.url !== "/v1/chat/completions") return send(response, 404, "application/json", JSON.stringify({ error: { message: `no route ${request.url}`, type: "invalid_request_error" } }));
  if (request.headers.authorization !== `Bearer ${MOCK_KEYS.openai}`) {
    return send(response, 401, "application/json", JSON.stringify({ error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key", param: null } }));
  }
  if (body["stream"] === true) return send(response, 200, "text/event-stream", fixture("openai/text-usage.sse"), { "x-request-id": "req_mock_openai_stream" });
  return send(response, 200, "application/json", fixture("openai/text.json"), { "x-request-id": "req_mock_openai" });
};

const anthropicHandler: Handler = (request, response, body) => {
  const error = (status: number, type: string, message: string) => send(response, status, "application/json", JSON.stringify({ type: "error", error: { type, message } }));
  if (request.url !== "/v1/messages") return error(404, "not_found_error", `no route ${request.url}`);
  if (request.headers["x-api-key"] !== MOCK_KEYS.anthropic) return error(401, "authentication_error", "invalid x-api-key");
  if (!request.headers["anthropic-version"]) return error(400, "invalid_request_error", "anthropic-version: header is required");
  if (request.headers.origin !== undefined && request.headers["anthropic-dangerous-direct-browser-access"] !== "true") {
    return error(401, "authentication_error", "CORS requests must set 'anthropic-dangerous-direct-browser-access' request header");
  }
  if (body["stream"] === true) return send(response, 200, "text/event-stream", fixture("anthropic/text.sse"), { "request-id": "req_mock_anthropic_stream" });
  return send(response, 200, "application/json", fixture("anthropic/text.json"), { "request-id": "req_mock_anthropic" });
};

const googleHandler: Handler = (request, response, body) => {
  const error = (status: number, message: string) =>
    send(response, status, "application/json", JSON.stringify({ error: { code: status, message, status: status === 400 ? "INVALID_ARGUMENT" : "UNAUTHENTICATED" } }));
  if (request.method === "GET" && request.url === "/media/pixel.png") {
    response.writeHead(200, { "content-type": "image/png", "content-length": PIXEL_PNG.length });
    response.end(PIXEL_PNG);
    return;
  }
  if (request.url !== "/v1beta/models/gemini-2.5-flash:generateContent") return error(404, `no route ${request.url}`);
  if (request.headers["x-goog-api-key"] !== MOCK_KEYS.google) return error(401, "API key not valid. Please pass a valid API key.");
  const parts = ((body["contents"] as { parts?: { inlineData?: { mimeType?: string; data?: string } }[] }[] | undefined) ?? []).flatMap((content) => content.parts ?? []);
  const inline = parts.find((part) => part.inlineData !== undefined)?.inlineData;
  if (inline?.mimeType !== "image/png" || inline.data !== PIXEL_PNG.toString("base64")) {
    return error(400, `expected the pixel inline as image/png, got ${JSON.stringify(inline)?.slice(0, 120)}`);
  }
  const answer = JSON.parse(fixture("gemini/text.json")) as { candidates: { content: { parts: { text: string }[] } }[] };
  answer.candidates[0]!.content.parts[0]!.text = IMAGE_ANSWER;
  return send(response, 200, "application/json", JSON.stringify(answer));
};

/** The image downloads the mocks saw, newest last: who fetched them tells which downloader ran. */
export function imageDownloads(mocks: MockProviders): MockProviders["requests"] {
  return mocks.requests.filter((request) => request.method === "GET" && request.path === "/media/pixel.png");
}

async function listen(name: ServerName, handler: Handler, requests: MockProviders["requests"]): Promise<http.Server & { url: string }> {
  const server = http.createServer((request, response) => {
    cors(request, response);
    requests.push({ server: name, method: request.method ?? "", path: request.url ?? "", origin: request.headers.origin, headers: request.headers });
    if (request.method === "OPTIONS") {
      response.writeHead(204);
      response.end();
      return;
    }
    readJson(request).then(
      (body) => handler(request, response, body),
      () => send(response, 400, "application/json", JSON.stringify({ error: { message: "body is not JSON" } })),
    );
  });
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0 }, resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(server, { url: `http://127.0.0.1:${port}` });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

export async function startMockProviders(): Promise<MockProviders> {
  const requests: MockProviders["requests"] = [];
  const openai = await listen("openai", openaiHandler, requests);
  const anthropic = await listen("anthropic", anthropicHandler, requests);
  const google = await listen("google", googleHandler, requests);
  return {
    // The base URLs as each provider's own SDK takes them.
    openaiURL: `${openai.url}/v1`,
    anthropicURL: anthropic.url,
    googleURL: google.url,
    imageURL: `${google.url}/media/pixel.png`,
    requests,
    stop: async () => {
      await Promise.all([close(openai), close(anthropic), close(google)]);
    },
  };
}

/** The configuration the app and the consumers take: where each mock is, and its key. */
export function mockConfig(mocks: MockProviders): Record<string, string> {
  return {
    openaiURL: mocks.openaiURL,
    anthropicURL: mocks.anthropicURL,
    googleURL: mocks.googleURL,
    imageURL: mocks.imageURL,
    openaiKey: MOCK_KEYS.openai,
    anthropicKey: MOCK_KEYS.anthropic,
    googleKey: MOCK_KEYS.google,
  };
}

/** The Node.js downloader's User-Agent; the fetch downloader sends the runtime's own. */
export const NODE_DOWNLOADER_AGENT = "onellm-media-downloader";
