import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import { IncompleteStreamError, StreamInterruptedError } from "../../../src/errors.js";
import type { ChatCompletionChunk } from "../../../src/types.js";
import { startReplayServer, type ReplayServer } from "../../helpers/replay-server.js";

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => server.reset());

function client() {
  return new OpenAI({ apiKey: "sk-test-stream-0001", baseURL: `${server.url}/v1`, env: {}, maxRetries: 0 });
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** The fixture's own chunks, as OpenAI sent them (the expected output of a pass-through). */
function fixtureChunks(name: string): ChatCompletionChunk[] {
  return readFileSync(`test/fixtures/openai/${name}`, "utf8")
    .split("\n\n")
    .map((frame) => frame.replace(/^data: /, ""))
    .filter((data) => data.length > 0 && data !== "[DONE]")
    .map((data) => JSON.parse(data) as ChatCompletionChunk);
}

const strip = (chunks: ChatCompletionChunk[]) => chunks.map(({ onellm: _metadata, ...chunk }) => chunk);

describe("openai streaming over HTTP", () => {
  for (const chunking of ["events", "every-byte"] as const) {
    it(`yields OpenAI's chunks unchanged, usage chunk included (${chunking})`, async () => {
      server.route("/v1/chat/completions", { file: "test/fixtures/openai/text-usage.sse", chunking });
      const stream = await client().chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "hi" }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks = await collect(stream);
      expect(strip(chunks)).toEqual(fixtureChunks("text-usage.sse"));
      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Hello! How can I help you today?");
      expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 9, total_tokens: 18 });
      expect(chunks[0]?.onellm).toMatchObject({ provider: "openai", model: "gpt-4o-mini" });
      expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    });
  }

  it("streams tool-call deltas with their indexes, ids and argument fragments", async () => {
    server.route("/v1/chat/completions", { file: "test/fixtures/openai/tool-calls.sse", chunking: "every-byte" });
    const chunks = await collect(
      await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "weather" }], stream: true }),
    );
    const calls = new Map<number, { id?: string; name?: string; arguments: string }>();
    for (const chunk of chunks) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        const entry = calls.get(call.index) ?? { arguments: "" };
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name = call.function.name;
        entry.arguments += call.function?.arguments ?? "";
        calls.set(call.index, entry);
      }
    }
    expect([...calls.entries()]).toEqual([
      [0, { id: "call_8fJ2kLm3Nq4Rs5Tu6Vw7Xy9Z", name: "get_weather", arguments: '{"city": "Paris"}' }],
      [1, { id: "call_1aB2cD3eF4gH5iJ6kL7mN8oP", name: "get_weather", arguments: '{"city": "Tokyo"}' }],
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("ends a stream that closes without [DONE] with IncompleteStreamError carrying the partial text", async () => {
    server.route("/v1/chat/completions", { file: "test/fixtures/openai/truncated.sse" });
    const stream = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? "");
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError).partialText).toBe("Hello! How can");
    expect(seen.join("")).toBe("Hello! How can");
  });

  it("turns an in-band error event after output into StreamInterruptedError wrapping the typed error", async () => {
    server.route("/v1/chat/completions", { file: "test/fixtures/openai/error-mid-stream.sse" });
    const stream = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true });
    const error = await collect(stream).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).cause).toMatchObject({ name: "APIError", type: "server_error" });
  });

  it("closes the connection when the caller breaks out of the loop", async () => {
    server.route("/v1/chat/completions", { file: "test/fixtures/openai/text-usage.sse", delayMs: 20 });
    const stream = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true });
    let count = 0;
    for await (const _chunk of stream) {
      if (++count === 2) break;
    }
    expect(count).toBe(2);
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it("converts to a ReadableStream of JSON lines and back", async () => {
    server.route("/v1/chat/completions", { file: "test/fixtures/openai/text-usage.sse" });
    const stream = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true });
    const { Stream } = await import("../../../src/core/stream.js");
    const roundTripped = await collect(Stream.fromReadableStream<ChatCompletionChunk>(stream.toReadableStream()));
    expect(strip(roundTripped)).toEqual(fixtureChunks("text-usage.sse"));
  });
});

describe("asResponse() on a stream", () => {
  it("gives an OpenAI-format SSE response that the SDK's own decoder reads back chunk for chunk", async () => {
    server.route("/v1/chat/completions", { file: "test/fixtures/openai/text-usage.sse" });
    const response = await client()
      .chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true, stream_options: { include_usage: true } })
      .asResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await response.text();
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    const { SSEDecoder } = await import("../../../src/core/sse.js");
    const decoder = new SSEDecoder();
    const events = [...decoder.push(text), ...decoder.flush()];
    const chunks = events.filter((event) => event.data !== "[DONE]").map((event) => JSON.parse(event.data) as ChatCompletionChunk);
    expect(strip(chunks)).toEqual(fixtureChunks("text-usage.sse"));
  });
});
