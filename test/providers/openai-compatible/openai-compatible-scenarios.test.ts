// What the issue measured against real traffic, replayed over HTTP from recordings in each
// provider's wire format: Mistral text, tool calls (no `type`, ids kept) and a reasoning model's
// typed-chunk content; Groq's `reasoning` and x_groq.usage; DeepSeek's reasoning_content and usage on
// the finish chunk.
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import { collect, joined } from "../../helpers/stream-chunks.js";
import { useReplayServer } from "../../helpers/use-replay-server.js";

const replay = useReplayServer();

function client(): OpenAI {
  return new OpenAI({
    env: {
      MISTRAL_API_KEY: "mistral-key-0001",
      MISTRAL_BASE_URL: replay().url,
      GROQ_API_KEY: "gsk_groq-key-0002",
      GROQ_BASE_URL: `${replay().url}/openai/v1`,
      DEEPSEEK_API_KEY: "sk-deepseek-0003",
      DEEPSEEK_BASE_URL: replay().url,
    },
    maxRetries: 0,
  });
}


const hi = [{ role: "user" as const, content: "hi" }];

describe("Mistral", () => {
  it("text: the answer, cached tokens as OpenAI reports them", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/mistral/text.json" });
    const completion = await client().chat.completions.create({ model: "mistral/mistral-small-latest", messages: hi });
    expect(replay().requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions", body: { model: "mistral-small-latest", messages: hi } });
    expect(replay().requests[0]!.headers["authorization"]).toBe("Bearer mistral-key-0001");
    expect(completion.choices[0]!.message).toEqual({ role: "assistant", content: "Paris is the capital of France.", refusal: null });
    expect(completion.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 8, prompt_tokens_details: { cached_tokens: 4 } });
  });

  it("text, streamed: stream_options is not sent, and the usage Mistral always sends comes when asked", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/mistral/text.sse" });
    const chunks = await collect(
      await client().chat.completions.create({ model: "mistral/mistral-small-latest", messages: hi, stream: true, stream_options: { include_usage: true } }),
    );
    expect(replay().requests[0]!.body).toEqual({ model: "mistral-small-latest", messages: hi, stream: true });
    expect(joined(chunks, "content")).toBe("Paris is the capital of France.");
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.at(-2)).not.toHaveProperty("usage");
    expect(chunks.at(-1)).toMatchObject({ id: "cf79f7daaee244b1a0ae5c7b1444424a", choices: [], usage: { prompt_tokens: 10, completion_tokens: 8, total_tokens: 18 } });
  });

  it("tool calls: `type` filled, ids kept, arguments as JSON text, no stream-only index", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/mistral/tool-call.json" });
    const completion = await client().chat.completions.create({
      model: "mistral/mistral-large-latest",
      messages: hi,
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
      tool_choice: "required",
    });
    expect((replay().requests[0]!.body as Record<string, unknown>)["tool_choice"]).toBe("any");
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls");
    expect(completion.choices[0]!.message.tool_calls).toEqual([
      { id: "D681PevKs", type: "function", function: { name: "get_weather", arguments: '{"city": "Paris"}' } },
      { id: "u8Kq2LxZ1", type: "function", function: { name: "get_weather", arguments: '{"city": "Tokyo"}' } },
    ]);
    expect(completion.choices[0]!.message).not.toHaveProperty("prefix");
  });

  it("tool calls, streamed: each call's first fragment has its id, type and index", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/mistral/tool-call.sse", chunking: "every-byte" });
    const chunks = await collect(await client().chat.completions.create({ model: "mistral/mistral-large-latest", messages: hi, stream: true }));
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls).toEqual([
      { index: 0, id: "D681PevKs", type: "function", function: { name: "get_weather", arguments: '{"city": "Paris"}' } },
      { index: 1, id: "u8Kq2LxZ1", type: "function", function: { name: "get_weather", arguments: '{"city": "Tokyo"}' } },
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("a reasoning model's typed-chunk content becomes content + reasoning_content", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/mistral/magistral.json" });
    const completion = await client().chat.completions.create({ model: "mistral/magistral-medium-2509", messages: hi });
    expect(completion.choices[0]!.message).toEqual({
      role: "assistant",
      content: "17 × 23 = **391**.",
      reasoning_content: "The user asks for 17 * 23. 17 * 20 = 340, 17 * 3 = 51, so 391.",
      refusal: null,
    });
  });

  it("a reasoning model's typed-chunk content, streamed: thinking deltas as reasoning_content, text as content", async () => {
    replay().route("/v1/chat/completions", { file: "test/fixtures/mistral/magistral.sse" });
    const chunks = await collect(await client().chat.completions.create({ model: "mistral/magistral-medium-2509", messages: hi, stream: true }));
    expect(joined(chunks, "reasoning_content")).toBe("The user asks for 17 * 23. 17 * 20 = 340, 17 * 3 = 51, so 391.");
    expect(joined(chunks, "content")).toBe("17 × 23 = **391**.");
    for (const chunk of chunks) expect(typeof (chunk.choices[0]?.delta.content ?? "")).toBe("string");
  });
});

describe("Groq", () => {
  it("reasoning -> reasoning_content", async () => {
    replay().route("/openai/v1/chat/completions", { file: "test/fixtures/groq/reasoning.json" });
    const completion = await client().chat.completions.create({ model: "groq/openai/gpt-oss-20b", messages: hi });
    // GROQ_BASE_URL written as for the openai SDK (…/openai/v1) reaches the same path.
    expect(replay().requests[0]).toMatchObject({ method: "POST", path: "/openai/v1/chat/completions", body: { model: "openai/gpt-oss-20b", messages: hi } });
    expect(replay().requests[0]!.headers["authorization"]).toBe("Bearer gsk_groq-key-0002");
    expect(completion.choices[0]!.message).toEqual({
      role: "assistant",
      content: "17 × 23 = 391.",
      reasoning_content: "We need 17*23. 17*20=340, plus 17*3=51, total 391.",
      refusal: null,
    });
  });

  it("reasoning, streamed: reasoning deltas, and x_groq.usage delivered on a final choices: [] chunk", async () => {
    replay().route("/openai/v1/chat/completions", { file: "test/fixtures/groq/reasoning.sse" });
    const chunks = await collect(
      await client().chat.completions.create({ model: "groq/openai/gpt-oss-20b", messages: hi, stream: true, stream_options: { include_usage: true } }),
    );
    expect(replay().requests[0]!.body).not.toHaveProperty("stream_options");
    expect(joined(chunks, "reasoning_content")).toBe("We need 17*23. 17*20=340, plus 17*3=51, total 391.");
    expect(joined(chunks, "content")).toBe("17 × 23 = 391.");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 79, completion_tokens: 58, total_tokens: 137, completion_tokens_details: { reasoning_tokens: 41 } } });
  });
});

describe("Groq's x_groq.usage", () => {
  it("is not delivered unasked, nor twice: only as OpenAI's usage chunk when include_usage is set; x_groq's id stays", async () => {
    replay().route("/openai/v1/chat/completions", { file: "test/fixtures/groq/reasoning.sse" });
    const unasked = await collect(await client().chat.completions.create({ model: "groq/openai/gpt-oss-20b", messages: hi, stream: true }));
    expect(JSON.stringify(unasked)).not.toContain("prompt_tokens");
    expect(unasked.some((chunk) => (chunk as unknown as { x_groq?: { id?: string } }).x_groq?.id === "req_01kaf6zq3ee8bv0wpc2m1r7t9x")).toBe(true);
    const asked = await collect(
      await client().chat.completions.create({ model: "groq/openai/gpt-oss-20b", messages: hi, stream: true, stream_options: { include_usage: true } }),
    );
    expect(asked.filter((chunk) => JSON.stringify(chunk).includes("prompt_tokens"))).toEqual([asked.at(-1)]);
  });
});

describe("DeepSeek", () => {
  it("reasoning_content as sent; cache hits as prompt_tokens_details.cached_tokens", async () => {
    replay().route("/chat/completions", { file: "test/fixtures/deepseek/reasoner.json" });
    const completion = await client().chat.completions.create({ model: "deepseek/deepseek-reasoner", messages: hi, max_completion_tokens: 500 });
    expect(replay().requests[0]).toMatchObject({ method: "POST", path: "/chat/completions", body: { model: "deepseek-reasoner", messages: hi, max_tokens: 500 } });
    expect(replay().requests[0]!.body).not.toHaveProperty("max_completion_tokens");
    expect(replay().requests[0]!.headers["authorization"]).toBe("Bearer sk-deepseek-0003");
    expect(completion.choices[0]!.message.reasoning_content).toBe("Compare 9.11 and 9.8: the tenths digit 1 < 8, so 9.11 < 9.8.");
    expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
  });

  it("streamed: reasoning then content, and the usage DeepSeek puts on the finish chunk moved to a final chunk", async () => {
    replay().route("/chat/completions", { file: "test/fixtures/deepseek/reasoner.sse", chunking: { bytes: 7 } });
    const chunks = await collect(
      await client().chat.completions.create({ model: "deepseek/deepseek-reasoner", messages: hi, stream: true, stream_options: { include_usage: true } }),
    );
    expect((replay().requests[0]!.body as Record<string, unknown>)["stream_options"]).toEqual({ include_usage: true });
    expect(joined(chunks, "reasoning_content")).toBe("Compare 9.11 and 9.8: the tenths digit 1 < 8, so 9.11 < 9.8.");
    expect(joined(chunks, "content")).toBe("9.11 is smaller than 9.8.");
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason === "stop");
    expect(finish).not.toHaveProperty("usage");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: 82, completion_tokens_details: { reasoning_tokens: 52 } } });
  });
});
