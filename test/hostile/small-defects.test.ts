// Item 9: comments do not feed the idle timer; usage counts that are not numbers are a malformed
// response (never concatenated); huge part lists (Anthropic, Gemini, Bedrock) do not overflow the
// stack; a `__proto__` tool parameter or provider_options key is a key like any other, never lost.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import { APIConnectionTimeoutError, StreamInterruptedError } from "../../src/errors.js";
import { MalformedResponseError } from "../../src/errors-response.js";
import { readFileSync } from "node:fs";
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from "../../src/types.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { chunkEvent, collect, completion, DONE, hi, MODELS, PATHS, recordingSleep, rejection, routerClient, startScriptedServer, type ScriptedServer } from "../router/harness.js";
import { fixtureText, HOSTILE_MODELS, HOSTILE_PATHS, hostileClient } from "./hostile-kit.js";

let fault: FaultServer;
let scripted: ScriptedServer | undefined;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterEach(async () => {
  fault.reset();
  await scripted?.stop();
  scripted = undefined;
});
afterAll(async () => {
  await fault.stop();
});

describe("SSE comments do not reset the idle timer", () => {
  it("a stream of keep-alive comments after the first chunk ends at the idle timeout", async () => {
    const timers: ReturnType<typeof setInterval>[] = [];
    scripted = await startScriptedServer((response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(chunkEvent("Hi"));
      timers.push(setInterval(() => response.write(": keep-alive\n\n"), 50));
      response.on("close", () => timers.forEach(clearInterval));
    });
    const client = new OpenAI({ env: {}, logger: {}, streamIdleTimeout: 400, providers: { openai: { apiKey: "sk-comments-0001", baseURL: `${scripted.url}/v1` } } });
    const reading = collect(await client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, stream: true }));
    // Before: every comment fed the timer, so the loop never ended (here: still running after 8 s).
    const outcome = await Promise.race([reading, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 8_000))]);
    expect(outcome).not.toBe("still running");
    const { text, error } = outcome as Awaited<typeof reading>;
    expect(text).toBe("Hi");
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(APIConnectionTimeoutError);
    expect(((error as StreamInterruptedError).cause as Error).message).toContain("no data for 400 ms");
    timers.forEach(clearInterval);
  });
});

describe("usage counts must be numbers", () => {
  const stringUsage = { prompt_tokens: "5", completion_tokens: "10", total_tokens: "15" };

  it("an OpenAI-format answer with string counts is a MalformedResponseError naming the field", async () => {
    fault.enqueue(PATHS.openai, { status: 200, body: { ...completion("hi"), usage: stringUsage } });
    const error = await rejection(routerClient(fault).chat.completions.create({ model: MODELS.openai, messages: hi, retries: 0 }));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toContain('usage.prompt_tokens is the string "5", not a token count');
  });

  it("emulated n > 1 never concatenates them (\"5\" + \"10\" was \"510\")", async () => {
    fault.enqueue(PATHS.groq, { status: 200, body: { ...completion("a"), usage: { prompt_tokens: "5", completion_tokens: "10", total_tokens: "15" } } });
    const error = await rejection(routerClient(fault, { sleep: recordingSleep().sleep }).chat.completions.create({ model: MODELS.groq, messages: hi, n: 2, retries: 0 }));
    expect(error).toBeInstanceOf(MalformedResponseError);
  });

  it("a Gemini usageMetadata with string counts too (its sums would concatenate)", async () => {
    const body = JSON.parse(fixtureText("gemini", "text.json")) as { usageMetadata: Record<string, unknown> };
    body.usageMetadata = { promptTokenCount: "4", candidatesTokenCount: "9", totalTokenCount: "13" };
    fault.enqueue(HOSTILE_PATHS.geminiJson, { status: 200, body });
    const error = await rejection(hostileClient(fault).chat.completions.create({ model: HOSTILE_MODELS.google, messages: hi, retries: 0 }));
    expect(error).toBeInstanceOf(MalformedResponseError);
  });

  it("a stream's usage chunk with string counts fails the stream instead of reaching the caller", async () => {
    const usageChunk = `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [], usage: stringUsage })}\n\n`;
    fault.enqueue(PATHS.openai, { kind: "sse", events: [chunkEvent("Hi"), chunkEvent(undefined, "stop"), usageChunk, DONE], then: "end" });
    const { chunks, error } = await collect(
      await routerClient(fault).chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, stream_options: { include_usage: true } }),
    );
    expect(chunks.some((chunk) => chunk.usage != null)).toBe(false);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(MalformedResponseError);
  });
});

describe("huge part lists", () => {
  const parts = (count: number): ChatCompletionContentPart[] => Array.from({ length: count }, (_, index) => ({ type: "text" as const, text: `p${index}` }));

  it.each([
    ["anthropic", HOSTILE_MODELS.anthropic, HOSTILE_PATHS.anthropic, () => JSON.parse(fixtureText("anthropic", "text.json")) as object],
    ["gemini", HOSTILE_MODELS.google, HOSTILE_PATHS.geminiJson, () => JSON.parse(fixtureText("gemini", "text.json")) as object],
  ])("%s: 200,000 parts merged into the previous user turn are sent, not a stack overflow", async (_name, model, path, answer) => {
    fault.enqueue(path, { status: 200, body: answer() });
    const result = await hostileClient(fault).chat.completions.create({
      model,
      messages: [
        { role: "user", content: "First" },
        { role: "user", content: parts(200_000) },
      ],
    });
    expect(result.choices[0]?.message.content).toBeTruthy();
    const sent = fault.requests(path)[0]?.rawBody ?? "";
    expect(sent).toContain('"p199999"');
  });

  // Bedrock's request builder merged same-role turns and collected system parts with push(...list).
  const bedrockPath = "/bedrock/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse";
  const bedrockClient = () => hostileClient(fault, { providers: { bedrock: { apiKey: "bedrock-hostile-key-0001", region: "us-east-1", baseURL: `${fault.url}/bedrock` } } });
  const bedrockAnswer = () => JSON.parse(readFileSync(new URL("../fixtures/bedrock/text.json", import.meta.url), "utf8")) as object;

  it.each([
    ["merged into the previous user turn", (many: ChatCompletionContentPart[]): ChatCompletionMessageParam[] => [{ role: "user", content: "First" }, { role: "user", content: many }]],
    ["as system parts", (many: ChatCompletionContentPart[]): ChatCompletionMessageParam[] => [{ role: "system", content: many as { type: "text"; text: string }[] }, { role: "user", content: "Hi" }]],
  ])("bedrock: 200,000 parts %s are sent, not a stack overflow", async (_case, messages) => {
    fault.enqueue(bedrockPath, { status: 200, body: bedrockAnswer() });
    const result = await bedrockClient().chat.completions.create({ model: "bedrock/us.anthropic.claude-3-7-sonnet-20250219-v1:0", messages: messages(parts(200_000)) });
    expect(result.choices[0]?.message.content).toBe("Paris is the capital of France.");
    const sent = JSON.parse(fault.requests(bedrockPath)[0]?.rawBody ?? "{}") as { system?: unknown[]; messages: { content: unknown[] }[] };
    const blocks = sent.system ?? sent.messages[0]!.content;
    expect(blocks.length).toBeGreaterThanOrEqual(200_000);
    expect(blocks[blocks.length - 1]).toEqual({ text: "p199999" });
  });

  it("bedrock: 200,000 tool calls in one assistant message are sent, not a stack overflow", async () => {
    fault.enqueue(bedrockPath, { status: 200, body: bedrockAnswer() });
    const calls = Array.from({ length: 200_000 }, (_, index) => ({ id: `call_${index}`, type: "function" as const, function: { name: "f", arguments: "{}" } }));
    const messages: ChatCompletionMessageParam[] = [
      { role: "user", content: "Go" },
      { role: "assistant", content: null, tool_calls: calls },
      { role: "tool", tool_call_id: "call_0", content: "done" },
    ];
    await bedrockClient().chat.completions.create({ model: "bedrock/us.anthropic.claude-3-7-sonnet-20250219-v1:0", messages, tools: [{ type: "function", function: { name: "f" } }] });
    const sent = JSON.parse(fault.requests(bedrockPath)[0]?.rawBody ?? "{}") as { messages: { content: unknown[] }[] };
    expect(sent.messages[1]!.content).toHaveLength(200_000);
  });
});

describe("__proto__ is a key like any other", () => {
  it.each([
    ["gemini-2.5-flash", "parametersJsonSchema"],
    ["gemini-2.0-flash", "parameters"],
  ] as const)("a tool parameter named __proto__ reaches %s's %s (and stays required)", async (model, field) => {
    const path = `/gemini/v1beta/models/${model}:generateContent`;
    fault.enqueue(path, { status: 200, body: JSON.parse(fixtureText("gemini", "text.json")) as object });
    const parameters = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"},"name":{"type":"string"}},"required":["__proto__","name"]}') as Record<string, unknown>;
    await hostileClient(fault).chat.completions.create({ model: `google/${model}`, messages: hi, tools: [{ type: "function", function: { name: "lookup", parameters } }] });
    const sent = JSON.parse(fault.requests(path)[0]!.rawBody) as { tools: { functionDeclarations: Record<string, { properties: object; required: string[] }>[] }[] };
    const schema = sent.tools[0]!.functionDeclarations[0]![field]!;
    // Before: the converter assigned properties["__proto__"], which set the prototype instead.
    expect(Object.keys(schema.properties)).toEqual(["__proto__", "name"]);
    expect(schema.required).toEqual(["__proto__", "name"]);
  });

  it("provider_options.google.__proto__ is forwarded as a key (Gemini decides), never swallowed, nothing polluted", async () => {
    fault.enqueue(HOSTILE_PATHS.geminiJson, { status: 200, body: JSON.parse(fixtureText("gemini", "text.json")) as object });
    const providerOptions = JSON.parse('{"google":{"__proto__":{"polluted":true},"generationConfig":{"topK":3}}}') as Record<string, Record<string, unknown>>;
    await hostileClient(fault).chat.completions.create({ model: HOSTILE_MODELS.google, messages: hi, provider_options: providerOptions });
    const sent = fault.requests(HOSTILE_PATHS.geminiJson)[0]!.rawBody;
    expect(sent).toContain('"__proto__":{"polluted":true}');
    expect(sent).toContain('"topK":3');
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
