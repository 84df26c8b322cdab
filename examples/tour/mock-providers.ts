// The example tour's mock providers: one node:http server on 127.0.0.1 that answers in the OpenAI,
// Anthropic and Gemini wire formats from recordings (recordings/<format>/<scenario>[.<variant>]
// .json or .sse, exactly as the provider sends them), so every example runs with no key and no
// network. Each example run gets a session of its own (`/s/<id>/<format>/...` base URLs), so runs
// can go concurrently and a scenario's state (how many requests failed so far) stays its own.
// Bytes go out through the replay server's writer (test/helpers/replay-server.ts): the examples
// are not shipped in the package, and one writer serves tests and tour alike.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http, { type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LOOPBACK } from "../../test/helpers/free-port.js";
import { readRequest, serve, type RecordedRequest } from "../../test/helpers/replay-server.js";
import { FORMAT_RULES, MOCK_FORMATS, RETIRED_MODELS, type MockFailure, type MockFormat, type Variant } from "./mock-formats.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const RECORDINGS = path.join(HERE, "recordings");
export const ASSETS = path.join(HERE, "..", "assets");

/** What a scenario does beyond answering from its recordings. */
export interface ScenarioBehaviour {
  /** Answer from another scenario's recordings. */
  recordings?: string;
  /** The first N chat requests of a session get the format's `overloaded` error. */
  failFirst?: number;
  /** A non-streamed answer never comes (the connection stays open until the client gives up). */
  holdNonStreamed?: boolean;
  /** Pause between stream events, ms. */
  eventDelayMs?: number;
}

export const SCENARIOS: Readonly<Record<string, ScenarioBehaviour>> = {
  streaming: { eventDelayMs: 25 },
  "run-tools": { recordings: "function-calling" },
  retries: { failFirst: 3 },
  "timeout-abort": { holdNonStreamed: true, eventDelayMs: 150 },
};

/** One chat request as a mock provider saw it. */
export interface MockRequest {
  format: MockFormat;
  model: string;
  stream: boolean;
  variant: Variant | undefined;
  /** The recording (or failure) it was answered with. */
  answer: string;
  request: RecordedRequest;
}

export interface MockSession {
  readonly id: string;
  readonly scenario: string;
  /** Base URL of one format's mock in this session (no trailing slash). */
  baseURL(format: MockFormat): string;
  /** Where providers without a mock are sent: every request there is a 404 naming the provider. */
  unmockedURL(provider: string): string;
  /** A picture the mocks serve (for the image example's URL). */
  readonly imageURL: string;
  readonly requests: MockRequest[];
}

export interface MockProviders {
  readonly url: string;
  session(scenario: string): MockSession;
  stop(): Promise<void>;
}

interface SessionState {
  session: MockSession;
  chatRequests: number;
  rotation: Map<string, number>;
}

const MEDIA_TYPES: Readonly<Record<string, string>> = { ".png": "image/png", ".wav": "audio/wav" };

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

/** The recording file for a request, most specific first; a numbered set (`.1`, `.2`, ...) is served in turn. */
function findRecording(format: MockFormat, scenario: string, variant: Variant | undefined, stream: boolean, state: SessionState): string | undefined {
  const extension = stream ? ".sse" : ".json";
  const names = variant === undefined ? [scenario] : [`${scenario}.${variant}`, scenario];
  for (const name of names) {
    const single = path.join(RECORDINGS, format, `${name}${extension}`);
    if (existsSync(single)) return single;
    const numbered: string[] = [];
    for (let index = 1; existsSync(path.join(RECORDINGS, format, `${name}.${index}${extension}`)); index++) {
      numbered.push(path.join(RECORDINGS, format, `${name}.${index}${extension}`));
    }
    if (numbered.length > 0) {
      const turn = state.rotation.get(name) ?? 0;
      state.rotation.set(name, turn + 1);
      return numbered[turn % numbered.length];
    }
  }
  return undefined;
}

/** The provider's request-id header, where it sends one (`req_mock_<session>_<n>`). */
function requestId(format: MockFormat, state: SessionState): Record<string, string> {
  const header = FORMAT_RULES[format].requestIdHeader;
  return header === undefined ? {} : { [header]: `req_mock_${state.session.id}_${state.chatRequests}` };
}

async function failure(response: ServerResponse, format: MockFormat, kind: MockFailure, model: string, state: SessionState): Promise<void> {
  const body = (await readFile(path.join(RECORDINGS, format, `${kind}.json`), "utf8")).replaceAll("{model}", model);
  await serve(response, { body, status: FORMAT_RULES[format].status[kind], headers: { "content-type": "application/json", ...requestId(format, state) } });
}

async function answerChat(state: SessionState, format: MockFormat, rest: string, recorded: RecordedRequest, response: ServerResponse): Promise<void> {
  const rules = FORMAT_RULES[format];
  const body = (typeof recorded.body === "object" && recorded.body !== null ? recorded.body : {}) as Record<string, unknown>;
  const model = rules.model(rest, body);
  const stream = rules.stream(rest, body);
  const variant = rules.variant(body);
  const { session } = state;
  const note = (answer: string): void => {
    session.requests.push({ format, model, stream, variant, answer, request: recorded });
  };
  const behaviour = SCENARIOS[session.scenario] ?? {};
  state.chatRequests += 1;

  if (!rules.authorized(recorded.headers)) {
    note("unauthorized");
    return failure(response, format, "unauthorized", model, state);
  }
  if (RETIRED_MODELS[format].includes(model)) {
    note("not-found");
    return failure(response, format, "not-found", model, state);
  }
  if (behaviour.failFirst !== undefined && state.chatRequests <= behaviour.failFirst) {
    note("overloaded");
    return failure(response, format, "overloaded", model, state);
  }
  if (behaviour.holdNonStreamed === true && !stream) {
    note("held");
    // No answer: the client's timeout (or abort) ends it; stop() closes it otherwise.
    response.on("close", () => response.destroy());
    return;
  }
  const file = findRecording(format, behaviour.recordings ?? session.scenario, variant, stream, state);
  if (file === undefined) {
    note("missing");
    return sendJson(response, 500, { error: { message: `mock ${format}: no ${stream ? "streamed " : ""}recording for scenario ${session.scenario}${variant ? ` (${variant})` : ""}` } });
  }
  note(path.relative(RECORDINGS, file));
  return serve(response, { file, headers: requestId(format, state), ...(stream && behaviour.eventDelayMs !== undefined ? { delayMs: behaviour.eventDelayMs } : {}) });
}

async function serveMedia(name: string, response: ServerResponse): Promise<void> {
  const type = MEDIA_TYPES[path.extname(name)];
  if (type === undefined || name.includes("/") || name.startsWith(".")) return sendJson(response, 404, { error: `no media ${name}` });
  const bytes = await readFile(path.join(ASSETS, name));
  response.writeHead(200, { "content-type": type, "content-length": bytes.length });
  response.end(bytes);
}

const SESSION_PATH = /^\/s\/([^/]+)\/([^/]+)(\/.*)?$/;

export async function startMockProviders(): Promise<MockProviders> {
  const sessions = new Map<string, SessionState>();
  let url = "";

  const server = http.createServer((request, response) => {
    response.on("error", () => {}); // a client that hangs up is not a server failure
    void (async () => {
      const recorded = await readRequest(request);
      if (recorded.method === "GET" && recorded.path.startsWith("/media/")) return serveMedia(recorded.path.slice("/media/".length), response);
      const match = SESSION_PATH.exec(recorded.path);
      const state = match === null ? undefined : sessions.get(match[1] ?? "");
      if (match === null || state === undefined) return sendJson(response, 404, { error: { message: `mock: no session for ${recorded.path}` } });
      const where = match[2] ?? "";
      const rest = match[3] ?? "/";
      if (where === "unmocked") {
        const provider = rest.split("/")[1] ?? "?";
        return sendJson(response, 404, { error: { message: `The example tour has no mock for ${provider}; run the example with --live to reach it.` } });
      }
      const format = MOCK_FORMATS.find((candidate) => candidate === where);
      if (format === undefined || recorded.method !== "POST" || !FORMAT_RULES[format].isChat(rest)) {
        return sendJson(response, 404, { error: { message: `mock: no route ${recorded.method} ${recorded.path}` } });
      }
      return answerChat(state, format, rest, recorded, response);
    })().catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: { message: `mock: ${(error as Error).message}` } });
      else response.destroy();
    });
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: LOOPBACK, port: 0 }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  url = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`;

  let stopping: Promise<void> | undefined;
  return {
    url,
    session(scenario) {
      const id = `${sessions.size + 1}`;
      const session: MockSession = {
        id,
        scenario,
        baseURL: (format) => `${url}/s/${id}/${format}`,
        unmockedURL: (provider) => `${url}/s/${id}/unmocked/${provider}`,
        imageURL: `${url}/media/ant.png`,
        requests: [],
      };
      sessions.set(id, { session, chatRequests: 0, rotation: new Map() });
      return session;
    },
    stop() {
      stopping ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
