// Anthropic over real HTTP (the replay server on 127.0.0.1), with recordings written from
// Anthropic's documented wire format: native structured outputs, extended thinking with a tool call
// and its second turn, web search citations, prompt-cache usage, and a corrupt stream.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { OpenAI } from "../../../src/client.js";
import { StreamInterruptedError } from "../../../src/errors.js";
import type { ChatCompletionChunk, ChatCompletionMessage, ChatCompletionMessageParam } from "../../../src/types.js";
import { assembleMessages } from "../../helpers/assemble-chunks.js";
import { startReplayServer, type ReplayServer } from "../../helpers/replay-server.js";

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => server.reset());

function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/anthropic/${name}`, import.meta.url));
}

function client(maxRetries = 0): OpenAI {
  return new OpenAI({ providers: { anthropic: { apiKey: "test-key", baseURL: server.url } }, maxRetries, sleep: () => Promise.resolve(), env: {} });
}

/** Answers a streamed request with the .sse fixture and a plain one with the .json twin. */
function serve(name: string): void {
  // The replay server tries the routes added last first.
  server.route("/v1/messages", { file: fixture(`${name}.json`) });
  server.route((request) => (request.body as { stream?: boolean } | undefined)?.stream === true, { file: fixture(`${name}.sse`) });
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe("native structured outputs", () => {
  it("sends output_config.format and the answer parses as the requested schema", async () => {
    server.route("/v1/messages", { file: fixture("structured-output.json") });
    const schema = {
      type: "object",
      properties: { name: { type: "string" }, price_eur: { type: "number" }, in_stock: { type: "boolean" }, tags: { type: "array", items: { type: "string" } } },
      required: ["name", "price_eur", "in_stock", "tags"],
      additionalProperties: false,
    };
    const completion = await client().chat.completions.create({
      model: "anthropic/claude-sonnet-4-5",
      messages: [{ role: "user", content: "Extract the product: Aeropress Go, 39.90 EUR, in stock, coffee/travel." }],
      response_format: { type: "json_schema", json_schema: { name: "product", schema, strict: true } },
    });
    const sent = server.requests[0]?.body as Record<string, unknown>;
    expect(sent["output_config"]).toEqual({ format: { type: "json_schema", schema } });
    expect(sent["tools"]).toBeUndefined();
    expect(completion.onellm?.warnings).toEqual([]);
    const parsed = JSON.parse(completion.choices[0]?.message.content ?? "") as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual([...schema.required].sort());
    expect(typeof parsed["name"]).toBe("string");
    expect(typeof parsed["price_eur"]).toBe("number");
    expect(typeof parsed["in_stock"]).toBe("boolean");
    expect(Array.isArray(parsed["tags"]) && parsed["tags"].every((tag) => typeof tag === "string")).toBe(true);
    expect(completion.choices[0]?.finish_reason).toBe("stop");
  });
});

describe("extended thinking with a tool call", () => {
  const tools = [{ type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }];
  const ask: ChatCompletionMessageParam[] = [{ role: "user", content: "Weather in Paris?" }];

  it("streams reasoning_details that assemble into the non-streamed message, and the second turn carries the signed block unchanged", async () => {
    serve("thinking-tool-use");
    const completion = await client().chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: ask, tools, reasoning_effort: "low" });
    const chunks = await collect(await client().chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: ask, tools, reasoning_effort: "low", stream: true }));
    expect(server.requests[0]?.body).toMatchObject({ thinking: { type: "enabled", budget_tokens: 2048 }, max_tokens: 6144 });

    const message = completion.choices[0]?.message;
    expect(message?.reasoning_details).toEqual([
      {
        type: "reasoning.text",
        text: "The user wants the weather in Paris. I should call get_weather with city Paris.",
        signature: expect.stringMatching(/^EuYBCkQYAiJA/),
        format: "anthropic-claude-v1",
        index: 0,
      },
    ]);
    const streamed = assembleMessages(chunks).get(0);
    expect(streamed?.reasoning_details).toEqual(message?.reasoning_details);
    expect(streamed?.reasoning_content).toBe(message?.reasoning_content);
    // Anthropic streams the input as the model wrote it (with spaces) and sends it parsed otherwise: same call, same object.
    const parsedCalls = (calls: ChatCompletionMessage["tool_calls"]) =>
      (calls ?? []).map((call) => (call.type === "function" ? { id: call.id, name: call.function.name, input: JSON.parse(call.function.arguments) as unknown } : call));
    expect(parsedCalls(streamed?.tool_calls)).toEqual(parsedCalls(message?.tool_calls));

    // Second turn: the streamed message appended as-is, then the tool result.
    server.reset();
    server.route("/v1/messages", { file: fixture("text.json") });
    await client().chat.completions.create({
      model: "anthropic/claude-sonnet-4-5",
      messages: [...ask, streamed as ChatCompletionMessageParam, { role: "tool", tool_call_id: "toolu_01D7FLrfh4GYq7yT1ULFeyMV", content: "18°C, sunny" }],
      tools,
      reasoning_effort: "low",
    });
    const sent = server.requests[0]?.body as { messages: { role: string; content: unknown[] }[] };
    const signature = message?.reasoning_details?.[0]?.type === "reasoning.text" ? message.reasoning_details[0].signature : undefined;
    expect(sent.messages[1]).toEqual({
      role: "assistant",
      content: [
        { type: "thinking", thinking: "The user wants the weather in Paris. I should call get_weather with city Paris.", signature },
        { type: "tool_use", id: "toolu_01D7FLrfh4GYq7yT1ULFeyMV", name: "get_weather", input: { city: "Paris", unit: "celsius" } },
      ],
    });
    expect(sent.messages[2]).toEqual({ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01D7FLrfh4GYq7yT1ULFeyMV", content: "18°C, sunny" }] });
  });
});

describe("web search", () => {
  it("sends the web search tool and returns citations as url_citation annotations, streamed as non-streamed", async () => {
    serve("web-search");
    const body = { model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user" as const, content: "Who won Euro 2024?" }], web_search_options: {} };
    const completion = await client().chat.completions.create(body);
    const chunks = await collect(await client().chat.completions.create({ ...body, stream: true }));
    expect((server.requests[0]?.body as { tools?: unknown }).tools).toEqual([{ type: "web_search_20250305", name: "web_search" }]);
    const message = completion.choices[0]?.message;
    expect(message?.content).toBe("I'll search for that.Spain won Euro 2024, beating England 2-1 in the final.");
    expect(message?.annotations).toEqual([
      { type: "url_citation", url_citation: { url: "https://www.uefa.com/euro2024/news/final-report/", title: "Spain crowned European champions", start_index: 21, end_index: 40 } },
    ]);
    expect(message?.content?.slice(21, 40)).toBe("Spain won Euro 2024");
    const streamed = assembleMessages(chunks).get(0);
    expect(streamed?.content).toBe(message?.content);
    expect(streamed?.annotations).toEqual(message?.annotations);
    expect(chunks.some((chunk) => (chunk.choices[0]?.delta.content ?? "").includes("Euro 2024 winner"))).toBe(false);
  });
});

describe("prompt caching", () => {
  it("passes cache_control with the 1-hour TTL and reports cache reads and writes in prompt_tokens_details", async () => {
    server.route("/v1/messages", { file: fixture("prompt-cache.json") });
    const completion = await client().chat.completions.create({
      model: "anthropic/claude-sonnet-4-5",
      messages: [
        { role: "system", content: [{ type: "text", text: "The whole contract text...", cache_control: { type: "ephemeral", ttl: "1h" } }] },
        { role: "user", content: "What does section 4 cover?" },
      ],
    });
    expect((server.requests[0]?.body as { system: unknown }).system).toEqual([{ type: "text", text: "The whole contract text...", cache_control: { type: "ephemeral", ttl: "1h" } }]);
    expect(completion.usage).toEqual({
      prompt_tokens: 21 + 4096 + 1530,
      completion_tokens: 12,
      total_tokens: 21 + 4096 + 1530 + 12,
      prompt_tokens_details: { cached_tokens: 4096, cache_write_tokens: 1530 },
    });
  });
});

describe("a corrupt stream", () => {
  it("fails on a second message_start instead of splicing two messages", async () => {
    const start = (id: string) =>
      `event: message_start\ndata: {"type":"message_start","message":{"id":"${id}","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":9,"output_tokens":1}}}\n\n`;
    const text = 'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}\n\n';
    server.route("/v1/messages", { body: start("msg_a") + text + start("msg_b") + text });
    const stream = await client().chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }], stream: true });
    const chunks: ChatCompletionChunk[] = [];
    const error = await (async () => {
      try {
        for await (const chunk of stream) chunks.push(chunk);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(String((error as Error).message)).toMatch(/second message_start/);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Hello");
  });
});
