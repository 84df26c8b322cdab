// The Anthropic provider through the real client, over real HTTP: the replay server serves the
// fixture transcripts on 127.0.0.1, split and cut in the ways a network splits and cuts them.
import { fileURLToPath } from "node:url";
import { ChatCompletionStream } from "openai/lib/ChatCompletionStream";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { OpenAI } from "../../../src/client.js";
import {
  APIConnectionError,
  IncompleteStreamError,
  InternalServerError,
  StreamInterruptedError,
} from "../../../src/errors.js";
import type { ChatCompletionChunk } from "../../../src/types.js";
import { startReplayServer, type ReplayScenario, type ReplayServer } from "../../helpers/replay-server.js";

const MODEL = "anthropic/claude-sonnet-4-5";
const OVERLOADED_EVENT = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';

let server: ReplayServer;

function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/anthropic/${name}`, import.meta.url));
}

function client(maxRetries = 2): OpenAI {
  return new OpenAI({
    providers: { anthropic: { apiKey: "test-key", baseURL: server.url } },
    maxRetries,
    sleep: () => Promise.resolve(),
    env: {},
  });
}

/** Serves `scenarios` to successive requests, the last one repeating. */
function serveInTurn(...scenarios: ReplayScenario[]): void {
  // The server records a request before it picks a route, so `requests.length` is its ordinal.
  const last = scenarios.length - 1;
  scenarios.forEach((scenario, index) => {
    server.route(() => server.requests.length === index + 1 || (index === last && server.requests.length > last), scenario);
  });
}

async function streamText(openai: OpenAI, extra: { stream_options?: { include_usage: boolean } } = {}) {
  return openai.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Tell me about Paris" }], stream: true, ...extra });
}

function openaiStream(openai: OpenAI, extra: { stream_options?: { include_usage: boolean } } = {}) {
  return openai.chat.completions.create({
    model: MODEL,
    messages: [{ role: "user", content: "Refresh the issues" }],
    tools: [{ type: "function", function: { name: "refresh_issues" } }],
    stream: true,
    ...extra,
  });
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<{ chunks: ChatCompletionChunk[]; error: unknown }> {
  const chunks: ChatCompletionChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
  } catch (error) {
    return { chunks, error };
  }
  return { chunks, error: undefined };
}

/** Chunks without onellm metadata (attempt timings differ from run to run). */
function withoutMetadata(chunks: ChatCompletionChunk[]): ChatCompletionChunk[] {
  return chunks.map(({ onellm: _metadata, ...chunk }) => chunk);
}

beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2025-06-01T12:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
  server.reset();
});

describe("Anthropic streaming over HTTP", () => {
  it("gives the same chunks whether the stream arrives whole, per event or one byte at a time", async () => {
    const runs: ChatCompletionChunk[][] = [];
    for (const chunking of ["whole", "events", "every-byte"] as const) {
      server.reset();
      server.route("/v1/messages", { file: fixture("text.sse"), chunking });
      const { chunks, error } = await collect(await streamText(client()));
      expect(error).toBeUndefined();
      runs.push(withoutMetadata(chunks));
    }
    expect(runs[0]).toHaveLength(5);
    expect(runs[0]!.map((chunk) => chunk.choices[0]?.delta.content ?? null).join("")).toBe(
      "Bonjour ! Paris is the capital of France — the café on the corner ☕ is open.",
    );
    expect(runs[0]!.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);

    const sent = server.requests[0]!;
    expect(sent.path).toBe("/v1/messages");
    expect(sent.headers["x-api-key"]).toBe("test-key");
    expect(sent.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent.body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 4096,
      messages: [{ role: "user", content: [{ type: "text", text: "Tell me about Paris" }] }],
      stream: true,
    });
  });

  it("puts onellm metadata on the first chunk and the finish chunk, and usage last when asked", async () => {
    server.route("/v1/messages", { file: fixture("text.sse") });
    const { chunks } = await collect(await streamText(client(), { stream_options: { include_usage: true } }));
    expect(chunks[0]?.onellm).toMatchObject({ provider: "anthropic", model: "claude-sonnet-4-5" });
    expect(chunks[4]?.onellm?.native_finish_reasons).toEqual(["end_turn"]);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 1557, completion_tokens: 19, total_tokens: 1576, prompt_tokens_details: { cached_tokens: 1536 } },
    });
  });

  it("rebuilds two parallel tool calls from their fragments, by index", async () => {
    server.route("/v1/messages", { file: fixture("tool-use.sse"), chunking: { bytes: 7 } });
    const { chunks, error } = await collect(await streamText(client()));
    expect(error).toBeUndefined();
    const calls: { index: number; id?: string; name?: string; arguments: string }[] = [];
    for (const chunk of chunks) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        const entry = (calls[call.index] ??= { index: call.index, arguments: "" });
        if (call.id !== undefined) entry.id = call.id;
        if (call.function?.name !== undefined) entry.name = call.function.name;
        entry.arguments += call.function?.arguments ?? "";
      }
    }
    expect(calls).toEqual([
      { index: 0, id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather", arguments: '{"location": "San Francisco, CA", "unit": "celsius"}' },
      { index: 1, id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather", arguments: '{"location": "Paris, France", "unit": "celsius"}' },
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("a tool call without arguments reaches openai's own stream accumulator as parseable \"{}\"", async () => {
    server.route("/v1/messages", { file: fixture("tool-no-args.sse"), chunking: "events" });
    const stream = await openaiStream(client(), { stream_options: { include_usage: true } });
    const final = await ChatCompletionStream.fromReadableStream(stream.toReadableStream()).finalChatCompletion();
    const message = final.choices[0]?.message;
    expect(message?.content).toBe("I'll refresh the issue list.");
    expect(message?.tool_calls?.map((call) => call.type === "function" && [call.id, call.function.name, JSON.parse(call.function.arguments)])).toEqual([
      ["toolu_01QE1WLsSVp5hy5Q3GmGTmjP", "refresh_issues", {}],
    ]);
    expect(final.choices[0]?.finish_reason).toBe("tool_calls");
    expect(final.usage).toMatchObject({ prompt_tokens: 565, completion_tokens: 48 });
  });

  it("a stream that ends cleanly before message_stop fails with IncompleteStreamError after the first chunks", async () => {
    server.route("/v1/messages", { file: fixture("truncated.sse") });
    const { chunks, error } = await collect(await streamText(client()));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content)).toEqual(["", "Here is the first half", " of the answer"]);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError).partialText).toBe("Here is the first half of the answer");
    expect(server.requests).toHaveLength(1);
  });

  it("a stream cut cleanly mid-event (endAfterBytes) is incomplete too, never retried once output was seen", async () => {
    server.route("/v1/messages", { file: fixture("text.sse"), endAfterBytes: 1200 });
    const { chunks, error } = await collect(await streamText(client()));
    expect(chunks.length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(server.requests).toHaveLength(1);
  });

  it("a connection reset mid-stream becomes StreamInterruptedError wrapping the connection error", async () => {
    server.route("/v1/messages", { file: fixture("text.sse"), cutAfterBytes: 1200 });
    const { chunks, error } = await collect(await streamText(client()));
    expect(chunks.length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(APIConnectionError);
  });

  it("an in-band error after output is StreamInterruptedError wrapping the typed overloaded error", async () => {
    server.route("/v1/messages", { file: fixture("error-mid-stream.sse") });
    const { chunks, error } = await collect(await streamText(client()));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content)).toEqual(["", "The three primary colors", " of light are"]);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    const interrupted = error as StreamInterruptedError;
    expect(interrupted.partialText).toBe("The three primary colors of light are");
    expect(interrupted.cause).toBeInstanceOf(InternalServerError);
    expect((interrupted.cause as InternalServerError).type).toBe("overloaded_error");
    expect(server.requests).toHaveLength(1);
  });

  it("an in-band overloaded error before any chunk is retried invisibly", async () => {
    serveInTurn({ body: OVERLOADED_EVENT, headers: { "content-type": "text/event-stream" } }, { file: fixture("text.sse") });
    const { chunks, error } = await collect(await streamText(client()));
    expect(error).toBeUndefined();
    expect(server.requests).toHaveLength(2);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks[0]?.onellm?.attempts.map((attempt) => attempt.error ?? "ok")).toEqual(["InternalServerError", "ok"]);
  });

  it("without retries left, an in-band error before any chunk is thrown as the typed error", async () => {
    server.route("/v1/messages", { body: OVERLOADED_EVENT, headers: { "content-type": "text/event-stream" } });
    const error = await streamText(client(0)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(529);
    expect((error as InternalServerError).type).toBe("overloaded_error");
  });
});

describe("n > 1 through the client", () => {
  it("sends n requests and merges them into n choices with summed usage", async () => {
    server.route("/v1/messages", { file: fixture("text.json") });
    const completion = await client().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Hi" }], n: 2 });
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) expect(request.body).not.toHaveProperty("n");
    expect(completion.choices.map((choice) => [choice.index, choice.finish_reason])).toEqual([
      [0, "stop"],
      [1, "stop"],
    ]);
    expect(completion.choices[1]?.message.content).toBe(completion.choices[0]?.message.content);
    expect(completion.usage).toEqual({
      prompt_tokens: 2 * 1745,
      completion_tokens: 2 * 29,
      total_tokens: 2 * 1774,
      prompt_tokens_details: { cached_tokens: 2 * 1536, cache_write_tokens: 2 * 188 },
    });
    expect(completion.onellm?.native_finish_reasons).toEqual(["end_turn", "end_turn"]);
    expect(completion.onellm?.warnings).toContain("n is emulated for anthropic: 2 parallel requests merged into choices, usage summed");
  });
});
