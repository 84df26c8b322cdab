import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { splitChunks, splitEvents, startReplayServer, type ReplayServer } from "./replay-server.js";

// A realistic chat.completions stream, with multi-byte UTF-8 so that byte-wise splitting cuts characters.
const SSE = [
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}',
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Grüße "},"finish_reason":null}]}',
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"🌍"},"finish_reason":null}]}',
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
  "data: [DONE]",
]
  .map((line) => `${line}\n\n`)
  .join("");
const SSE_BYTES = Buffer.from(SSE, "utf8");

interface BodyRead {
  status: number;
  contentType: string | null;
  bytes: Buffer;
  reads: number;
  error: unknown;
}

async function readAll(url: string, init: RequestInit = {}): Promise<BodyRead> {
  const response = await fetch(url, init);
  const reader = response.body!.getReader();
  const parts: Uint8Array[] = [];
  let error: unknown;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (err) {
    error = err;
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    bytes: Buffer.concat(parts),
    reads: parts.length,
    error,
  };
}

let dir: string;
let fixture: string;
let jsonFixture: string;
let server: ReplayServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "onellm-replay-"));
  fixture = path.join(dir, "stream.sse");
  jsonFixture = path.join(dir, "completion.json");
  await writeFile(fixture, SSE_BYTES);
  await writeFile(jsonFixture, JSON.stringify({ id: "chatcmpl-2", object: "chat.completion", choices: [] }));
  server = await startReplayServer();
});

afterEach(() => server.reset());

afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("splitting", () => {
  it("splits SSE after each blank line, keeping every byte", () => {
    const events = splitEvents(SSE_BYTES);
    expect(events).toHaveLength(5);
    expect(events.every((e) => e.toString("utf8").endsWith("\n\n"))).toBe(true);
    expect(Buffer.concat(events).equals(SSE_BYTES)).toBe(true);
  });

  it("handles CRLF blank lines and files with one event per line", () => {
    const crlf = Buffer.from("event: a\r\ndata: 1\r\n\r\nevent: b\r\ndata: 2\r\n\r\n");
    expect(splitEvents(crlf).map(String)).toEqual(["event: a\r\ndata: 1\r\n\r\n", "event: b\r\ndata: 2\r\n\r\n"]);
    const lines = Buffer.from('data: {"a":1}\ndata: {"a":2}\n');
    expect(splitEvents(lines).map(String)).toEqual(['data: {"a":1}\n', 'data: {"a":2}\n']);
  });

  it("splits into fixed-size and single-byte chunks", () => {
    expect(splitChunks(Buffer.from("abcdefg"), { bytes: 3 }).map(String)).toEqual(["abc", "def", "g"]);
    expect(splitChunks(SSE_BYTES, "every-byte")).toHaveLength(SSE_BYTES.length);
    expect(splitChunks(SSE_BYTES, "whole")).toHaveLength(1);
  });
});

describe("startReplayServer", () => {
  it("binds 127.0.0.1 on an OS-assigned port", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it("serves an .sse fixture split at every byte, byte-identical, as text/event-stream", async () => {
    server.route("/v1/chat/completions", { file: fixture, chunking: "every-byte" });
    const got = await readAll(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer sk-test" },
      body: JSON.stringify({ model: "gpt-4o-mini", stream: true }),
    });
    expect(got.error).toBeUndefined();
    expect(got.status).toBe(200);
    expect(got.contentType).toBe("text/event-stream");
    expect(got.bytes.equals(SSE_BYTES)).toBe(true);
    // Each byte is its own HTTP chunk, so the client sees the body in many pieces.
    expect(got.reads).toBeGreaterThan(1);
  });

  it("serves SSE event by event by default", async () => {
    server.route("/", { file: fixture });
    const got = await readAll(`${server.url}/stream`);
    expect(got.bytes.equals(SSE_BYTES)).toBe(true);
    expect(got.error).toBeUndefined();
  });

  it("records method, url, headers and the parsed JSON body", async () => {
    server.route("/v1/messages", { file: fixture });
    await readAll(`${server.url}/v1/messages?beta=true`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "sk-ant-test" },
      body: JSON.stringify({ model: "claude", max_tokens: 5 }),
    });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({
      method: "POST",
      url: "/v1/messages?beta=true",
      path: "/v1/messages",
      body: { model: "claude", max_tokens: 5 },
    });
    expect(request?.headers["x-api-key"]).toBe("sk-ant-test");
  });

  it("drops the connection after cutAfterBytes: the client read fails after a prefix", async () => {
    server.route("/", { file: fixture, chunking: { bytes: 7 }, cutAfterBytes: 100 });
    const got = await readAll(`${server.url}/cut`);
    expect(got.status).toBe(200);
    expect(got.error).toBeInstanceOf(Error);
    expect(got.bytes.length).toBeLessThanOrEqual(100);
    expect(SSE_BYTES.subarray(0, got.bytes.length).equals(got.bytes)).toBe(true);
  });

  it("drops the connection after the last byte when cutAfterBytes covers the whole body", async () => {
    server.route("/", { file: fixture, cutAfterBytes: SSE_BYTES.length });
    const got = await readAll(`${server.url}/cut`);
    expect(got.error).toBeInstanceOf(Error);
  });

  it("ends the response cleanly after endAfterBytes: a truncated stream without error", async () => {
    server.route("/", { file: fixture, chunking: "events", endAfterBytes: 250 });
    const got = await readAll(`${server.url}/truncated`);
    expect(got.error).toBeUndefined();
    expect(got.bytes.equals(SSE_BYTES.subarray(0, 250))).toBe(true);
  });

  it("serves .json fixtures as application/json with a status and extra headers", async () => {
    server.route("/", { file: jsonFixture, status: 201, headers: { "x-request-id": "req_1" } });
    const response = await fetch(`${server.url}/v1/chat/completions`, { method: "POST", body: "{}" });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-request-id")).toBe("req_1");
    expect(await response.json()).toEqual({ id: "chatcmpl-2", object: "chat.completion", choices: [] });
  });

  it("serves inline bodies and lets the latest matching route win", async () => {
    server.route("/v1", { body: '{"which":"first"}' });
    server.route(/models\/[^/]+:streamGenerateContent/, { body: 'data: {"which":"regex"}\n\n' });
    server.route((request) => request.headers["x-pick"] === "fn", { body: '{"which":"fn"}' });
    expect(await (await fetch(`${server.url}/v1/chat`)).json()).toEqual({ which: "first" });
    const sse = await fetch(`${server.url}/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse`);
    expect(sse.headers.get("content-type")).toBe("text/event-stream");
    expect(await sse.text()).toBe('data: {"which":"regex"}\n\n');
    expect(await (await fetch(`${server.url}/v1/chat`, { headers: { "x-pick": "fn" } })).json()).toEqual({ which: "fn" });
  });

  it("answers 404 when no route matches and 500 when the fixture is missing", async () => {
    const none = await fetch(`${server.url}/nothing`);
    expect(none.status).toBe(404);
    expect(await none.text()).toContain("no route for GET /nothing");
    server.route("/", { file: path.join(dir, "missing.sse") });
    const missing = await fetch(`${server.url}/x`);
    expect(missing.status).toBe(500);
    expect(await missing.text()).toContain("missing.sse");
  });

  it("stop() closes the server so that connecting is refused", async () => {
    const other = await startReplayServer();
    other.route("/", { body: "{}" });
    expect((await fetch(other.url)).status).toBe(200);
    await other.stop();
    await expect(fetch(other.url)).rejects.toThrow();
  });
});
