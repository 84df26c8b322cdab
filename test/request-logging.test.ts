// Debug logging as `openai` does it, over real HTTP: each request (method, URL, headers with
// credentials masked, body) and response (status, headers, request id, elapsed) as a message plus
// one structured argument; info logs each response, retries and fallbacks; no key ever appears.
import { describe, expect, it } from "vitest";
import { OpenAI } from "../src/client.js";
import { useReplayServer } from "./helpers/use-replay-server.js";

const replay = useReplayServer();

type Line = { level: string; message: string; details: Record<string, any> | undefined };

function capture() {
  const lines: Line[] = [];
  const at = (level: string) => (message: string, ...rest: unknown[]) => lines.push({ level, message, details: rest[0] as Record<string, any> | undefined });
  return { lines, logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } };
}

const hi = [{ role: "user" as const, content: "hi" }];
const OPENAI_KEY = "sk-logging-canary-key-000000000000000001";
const ANTHROPIC_KEY = "sk-ant-logging-canary-000000000000000002";

describe("request and response logging", () => {
  it("at logLevel debug, logs the request and the response with structured details, keys masked", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/openai/text.json", headers: { "x-request-id": "req_log_123" } });
    const { lines, logger } = capture();
    const client = new OpenAI({ apiKey: OPENAI_KEY, baseURL: `${replay().url}/v1`, env: {}, logger, logLevel: "debug" });
    await client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, temperature: 0.2 });

    const sending = lines.find((line) => line.message.endsWith("sending request"));
    expect(sending?.level).toBe("debug");
    expect(sending?.message).toMatch(/^\[log_[0-9a-f]{6}\] sending request$/);
    expect(sending?.details).toMatchObject({
      provider: "openai",
      model: "gpt-4o-mini",
      method: "POST",
      url: `${replay().url}/v1/chat/completions`,
      body: { model: "gpt-4o-mini", messages: hi, temperature: 0.2 },
    });
    expect(sending?.details?.["headers"]["authorization"]).toBe("***");
    expect(sending?.details?.["headers"]["content-type"]).toBe("application/json");

    const started = lines.find((line) => line.message.endsWith("response start"));
    expect(started?.details).toMatchObject({ status: 200, requestId: "req_log_123", url: `${replay().url}/v1/chat/completions` });
    expect(typeof started?.details?.["durationMs"]).toBe("number");
    expect(started?.details?.["headers"]["x-request-id"]).toBe("req_log_123");
    // The same log id ties the two together.
    expect(started?.message.slice(0, 12)).toBe(sending?.message.slice(0, 12));

    const summary = lines.find((line) => line.level === "info");
    expect(summary?.message).toMatch(/request id: "req_log_123"\] POST .*\/v1\/chat\/completions succeeded with status 200 in \d+ms$/);
    expect(JSON.stringify(lines)).not.toContain(OPENAI_KEY);
  });

  it("masks Anthropic's x-api-key and any key echoed in a body", async () => {
    replay().route("/v1/messages", { file: "test/fixtures/anthropic/text.json" });
    const { lines, logger } = capture();
    const client = new OpenAI({ env: {}, logger, logLevel: "debug", providers: { anthropic: { apiKey: ANTHROPIC_KEY, baseURL: replay().url } } });
    await client.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: `my key is ${ANTHROPIC_KEY}` }] });
    const sending = lines.find((line) => line.message.endsWith("sending request"));
    expect(sending?.details?.["headers"]["x-api-key"]).toBe("***");
    expect(sending?.details?.["headers"]["anthropic-version"]).toBe("2023-06-01");
    expect(JSON.stringify(sending?.details?.["body"])).toContain("my key is [REDACTED]");
    expect(JSON.stringify(lines)).not.toContain(ANTHROPIC_KEY);
  });

  it("turns on with OPENAI_LOG=debug, and logs nothing at the default level", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/openai/text.json" });
    const on = capture();
    await new OpenAI({ apiKey: OPENAI_KEY, baseURL: `${replay().url}/v1`, env: { OPENAI_LOG: "debug" }, logger: on.logger }).chat.completions.create({ model: "gpt-4o-mini", messages: hi });
    expect(on.lines.filter((line) => line.level === "debug").length).toBeGreaterThanOrEqual(2);
    const off = capture();
    await new OpenAI({ apiKey: OPENAI_KEY, baseURL: `${replay().url}/v1`, env: {}, logger: off.logger }).chat.completions.create({ model: "gpt-4o-mini", messages: hi });
    expect(off.lines).toEqual([]);
  });

  it("at info, logs each response, the retry and the fallback, but no request details", async () => {
    replay().route("/v1/chat/completions", { body: '{"error":{"message":"overloaded","type":"server_error"}}', status: 503 });
    replay().route("/openai/v1/chat/completions", { file: "test/fixtures/openai/text.json" });
    const { lines, logger } = capture();
    const client = new OpenAI({
      apiKey: OPENAI_KEY,
      baseURL: `${replay().url}/v1`,
      env: {},
      logger,
      logLevel: "info",
      maxRetries: 1,
      sleep: async () => undefined,
      providers: { groq: { apiKey: "gsk_logging_0001", baseURL: `${replay().url}/openai/v1` } },
    });
    const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, fallback_models: ["groq/llama-3.3-70b-versatile"] });
    expect(completion.onellm?.provider).toBe("groq");
    expect(lines.every((line) => line.level === "info")).toBe(true);
    const messages = lines.map((line) => line.message.replace(/log_[0-9a-f]{6}/g, "log_x").replace(/in \d+ms/, "in Nms"));
    expect(messages.filter((message) => message.includes("failed with status 503"))).toHaveLength(2);
    expect(messages).toContainEqual(expect.stringMatching(/^onellm: retrying openai\/gpt-4o-mini in \d+ ms \(InternalServerError, retry 1\/1\)$/));
    expect(messages).toContainEqual(expect.stringMatching(/^onellm: openai\/gpt-4o-mini failed \(InternalServerError: .*overloaded.*\); falling back to groq\/llama-3.3-70b-versatile$/));
    expect(lines.find((line) => line.message.startsWith("onellm: retrying"))?.details).toMatchObject({ provider: "openai", error: "InternalServerError", retry: 1, maxRetries: 1 });
    // The retry's lines name the first try's log id.
    expect(messages.filter((message) => message.includes("succeeded with status 200"))).toHaveLength(1);
  });

  it("names the first try in a retry's debug lines (retryOf)", async () => {
    replay().route("/v1/chat/completions", { body: '{"error":{"message":"busy"}}', status: 500 });
    const { lines, logger } = capture();
    const client = new OpenAI({ apiKey: OPENAI_KEY, baseURL: `${replay().url}/v1`, env: {}, logger, logLevel: "debug", maxRetries: 1, sleep: async () => undefined });
    await client.chat.completions.create({ model: "gpt-4o-mini", messages: hi }).catch(() => undefined);
    const sends = lines.filter((line) => line.message.endsWith("sending request"));
    expect(sends).toHaveLength(2);
    expect(sends[0]?.details).not.toHaveProperty("retryOf");
    expect(sends[1]?.details?.["retryOf"]).toBe(/\[(log_[0-9a-f]{6})\]/.exec(sends[0]!.message)?.[1]);
  });
});
