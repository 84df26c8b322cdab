// Two mock providers on their own loopback ports, answering from the recorded fixtures with CORS, as
// a page on a third origin needs: an OpenAI-format server (`/v1/chat/completions`, Bearer key) and
// an Anthropic-format one (`/v1/messages`, x-api-key + anthropic-version, and — as Anthropic does for
// cross-origin calls — the `anthropic-dangerous-direct-browser-access` header). A request without
// its key, or a browser request Anthropic would refuse, gets the provider's own error shape.
import { readFileSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures");

export const MOCK_KEYS = { openai: "sk-mock-openai-browser-0123456789", anthropic: "sk-ant-mock-browser-0123456789" } as const;

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

export interface MockProviders {
  openaiURL: string;
  anthropicURL: string;
  /** Each request as seen: origin, path and the headers that matter. */
  requests: { server: "openai" | "anthropic"; method: string; path: string; origin: string | undefined; headers: IncomingMessage["headers"] }[];
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

async function listen(name: "openai" | "anthropic", handler: Handler, requests: MockProviders["requests"]): Promise<http.Server & { url: string }> {
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
  return {
    // The base URLs as each provider's own SDK takes them.
    openaiURL: `${openai.url}/v1`,
    anthropicURL: anthropic.url,
    requests,
    stop: async () => {
      await Promise.all([close(openai), close(anthropic)]);
    },
  };
}
