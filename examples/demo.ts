// `npm run demo`: runs README's examples through the SDK. With no keys in the environment (or with
// --mock) it starts mock providers on 127.0.0.1 — Prism on our OpenAI spec, and a replay server for
// recorded provider answers and streams — and stops every server it started, by handle.
import { startPrism, type PrismServer } from "../test/helpers/prism.js";
import { startReplayServer, type ReplayServer, type RecordedRequest } from "../test/helpers/replay-server.js";
import { OpenAI } from "onellm-sdk";
import { fallback, jsonMode, plainCompletion, streamedCompletion, toolCall } from "./usage.js";

const useMocks = process.argv.includes("--mock") || process.env["ONELLM_DEMO_MOCK"] === "1" || !process.env["OPENAI_API_KEY"];

function section(title: string): void {
  console.log(`\n=== ${title} ===`);
}

function wants(key: string) {
  return (request: RecordedRequest) => typeof request.body === "object" && request.body !== null && key in request.body;
}

async function runMocked(): Promise<void> {
  let prism: PrismServer | undefined;
  let replay: ReplayServer | undefined;
  try {
    [prism, replay] = await Promise.all([startPrism("spec/providers/openai.yaml"), startReplayServer()]);
    console.log(`mock providers: Prism ${prism.url} (pid ${prism.pid}), replay ${replay.url}`);
    replay.route("/v1/chat/completions", { file: "test/fixtures/openai/text.json" });
    replay.route(wants("stream"), { file: "test/fixtures/openai/text-usage.sse", delayMs: 15 });
    replay.route(wants("tools"), { file: "test/fixtures/openai/tool-calls.json" });
    replay.route(wants("response_format"), { file: "test/fixtures/openai/json-mode.json" });
    replay.route("/failing/v1/chat/completions", { status: 503, body: '{"error":{"message":"overloaded","type":"server_error","param":null,"code":null}}' });
    replay.route("/anthropic/v1/messages", { file: "test/fixtures/anthropic/text.json" });
    replay.route((request) => request.path.startsWith("/anthropic/") && wants("tools")(request), { file: "test/fixtures/anthropic/tool-use.json" });
    replay.route("/anthropic-overloaded/v1/messages", {
      status: 529,
      body: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    });
    replay.route(/\/google\/v1beta\/models\/[^/]+:streamGenerateContent/, { file: "test/fixtures/gemini/text.sse", delayMs: 15 });
    replay.route(/\/google\/v1beta\/models\/[^/]+:generateContent/, { file: "test/fixtures/gemini/text.json" });

    const onPrism = new OpenAI({ apiKey: "sk-demo-prism", baseURL: prism.url, env: {} });
    const onReplay = new OpenAI({
      env: {},
      sleep: async () => undefined, // the demo skips backoff waits
      providers: {
        openai: { apiKey: "sk-demo-replay", baseURL: `${replay.url}/v1` },
        groq: { apiKey: "gsk-demo-replay", baseURL: `${replay.url}/failing/v1` },
        anthropic: { apiKey: "sk-ant-demo-replay", baseURL: `${replay.url}/anthropic` },
        google: { apiKey: "gemini-demo-replay", baseURL: `${replay.url}/google` },
      },
    });
    const overloadedAnthropic = new OpenAI({
      env: {},
      sleep: async () => undefined,
      providers: {
        anthropic: { apiKey: "sk-ant-demo-replay", baseURL: `${replay.url}/anthropic-overloaded` },
        google: { apiKey: "gemini-demo-replay", baseURL: `${replay.url}/google` },
      },
    });

    section("plain completion (Prism, answering from spec/providers/openai.yaml)");
    await plainCompletion(onPrism, "gpt-4o-mini");
    section("plain completion (recorded OpenAI answer)");
    await plainCompletion(onReplay, "gpt-4o-mini");
    section("streamed completion");
    await streamedCompletion(onReplay, "gpt-4o-mini");
    section("tool call");
    await toolCall(onReplay, "gpt-4o-mini");
    section("JSON mode");
    await jsonMode(onReplay, "gpt-4o-mini");
    section("fallback: groq answers 503 twice, openai serves");
    await fallback(onReplay, "groq/llama-3.3-70b-versatile", "openai/gpt-4o-mini");
    section("the same code on Anthropic (recorded Messages API answer, translated)");
    await plainCompletion(onReplay, "anthropic/claude-sonnet-4-5");
    section("tool call on Anthropic");
    await toolCall(onReplay, "anthropic/claude-sonnet-4-5");
    section("streamed completion on Gemini (recorded streamGenerateContent?alt=sse)");
    await streamedCompletion(onReplay, "google/gemini-2.5-flash");
    section("fallback: Anthropic overloaded (529), Gemini serves");
    await fallback(overloadedAnthropic, "anthropic/claude-sonnet-4-5", "google/gemini-2.5-flash");
  } finally {
    await Promise.all([prism?.stop(), replay?.stop()]);
    console.log("\nmock providers stopped");
  }
}

async function runReal(): Promise<void> {
  const model = process.env["ONELLM_DEMO_MODEL"] ?? "gpt-4o-mini";
  const client = new OpenAI();
  section(`plain completion (${model})`);
  await plainCompletion(client, model);
  section("streamed completion");
  await streamedCompletion(client, model);
  section("tool call");
  await toolCall(client, model);
  section("JSON mode");
  await jsonMode(client, model);
}

console.log(useMocks ? "onellm demo on built-in mock providers (set OPENAI_API_KEY to use the real API)" : "onellm demo against the real APIs");
await (useMocks ? runMocked() : runReal());
