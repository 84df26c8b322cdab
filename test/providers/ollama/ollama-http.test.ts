// Ollama's native /api/chat over real HTTP, from recordings in its wire format: JSON answers, NDJSON
// streams (content, thinking, tool calls), an error line mid-stream and a stream cut before its
// `"done": true` line.
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import { APIError, IncompleteStreamError, NotFoundError, StreamInterruptedError } from "../../../src/errors.js";
import { collect, joined } from "../../helpers/stream-chunks.js";
import { useReplayServer } from "../../helpers/use-replay-server.js";

const replay = useReplayServer();

const hi = [{ role: "user" as const, content: "Why is the sky blue?" }];

function client(env: Record<string, string> = {}): OpenAI {
  return new OpenAI({ env: { OLLAMA_BASE_URL: replay().url, ...env }, maxRetries: 0 });
}



describe("ollama/ over HTTP", () => {
  it("non-streamed: POST /api/chat without a key, stream: false, answered as a ChatCompletion", async () => {
    replay().route("/api/chat", { file: "test/fixtures/ollama/text.json" });
    const completion = await client().chat.completions.create({ model: "ollama/llama3.2", messages: hi, temperature: 0.2 });
    const request = replay().requests[0]!;
    expect(request.path).toBe("/api/chat");
    expect(request.headers["authorization"]).toBeUndefined();
    expect(request.body).toEqual({ model: "llama3.2", messages: hi, stream: false, options: { temperature: 0.2 } });
    expect(completion).toMatchObject({
      object: "chat.completion",
      model: "llama3.2",
      created: Math.floor(Date.parse("2025-11-14T08:00:00.512Z") / 1000),
      choices: [{ index: 0, message: { role: "assistant", content: "The sky is blue because of Rayleigh scattering.", refusal: null }, finish_reason: "stop", logprobs: null }],
      usage: { prompt_tokens: 31, completion_tokens: 11, total_tokens: 42 },
    });
    expect(completion.id).toMatch(/^chatcmpl-[0-9a-f]{24}$/);
    expect(completion.onellm?.native_finish_reasons).toEqual(["stop"]);
  });

  it("takes a base URL written for Ollama's OpenAI-compatible endpoint (…/v1) as the same server", async () => {
    replay().route("/api/chat", { file: "test/fixtures/ollama/text.json" });
    await new OpenAI({ env: { OLLAMA_BASE_URL: `${replay().url}/v1` }, maxRetries: 0 }).chat.completions.create({ model: "ollama/llama3.2", messages: hi });
    expect(replay().requests[0]!.path).toBe("/api/chat");
  });

  it("sends OLLAMA_API_KEY (ollama.com's hosted API) as a bearer token", async () => {
    replay().route("/api/chat", { file: "test/fixtures/ollama/text.json" });
    await client({ OLLAMA_API_KEY: "ollama-cloud-key-0001" }).chat.completions.create({ model: "ollama/llama3.2", messages: hi });
    expect(replay().requests[0]!.headers["authorization"]).toBe("Bearer ollama-cloud-key-0001");
  });

  it("a tool call: ids made by onellm, arguments as JSON text, thinking as reasoning_content", async () => {
    replay().route("/api/chat", { file: "test/fixtures/ollama/tool-call.json" });
    const completion = await client().chat.completions.create({ model: "ollama/qwen3", messages: hi });
    const message = completion.choices[0]!.message;
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls");
    expect(message.content).toBeNull();
    expect(message.reasoning_content).toBe("I should look up the temperature.");
    expect(message.tool_calls).toEqual([{ id: expect.stringMatching(/^call_[0-9a-f]{24}$/), type: "function", function: { name: "get_temperature", arguments: '{"city":"New York"}' } }]);
  });

  for (const chunking of ["events", "every-byte"] as const) {
    it(`streamed NDJSON (${chunking}): accept application/x-ndjson, the text, then usage when asked`, async () => {
      replay().route("/api/chat", { file: "test/fixtures/ollama/text.ndjson", chunking });
      const chunks = await collect(
        await client().chat.completions.create({ model: "ollama/llama3.2", messages: hi, stream: true, stream_options: { include_usage: true } }),
      );
      expect(replay().requests[0]!.headers["accept"]).toBe("application/x-ndjson");
      expect(replay().requests[0]!.body).toEqual({ model: "llama3.2", messages: hi, stream: true });
      expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
      expect(joined(chunks, "content")).toBe("The sky is blue because of Rayleigh scattering.");
      expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
      expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
      expect(chunks.at(-1)).toMatchObject({ object: "chat.completion.chunk", choices: [], usage: { prompt_tokens: 31, completion_tokens: 11, total_tokens: 42 } });
    });
  }

  it("streamed without include_usage: no usage chunk", async () => {
    replay().route("/api/chat", { file: "test/fixtures/ollama/text.ndjson" });
    const chunks = await collect(await client().chat.completions.create({ model: "ollama/llama3.2", messages: hi, stream: true }));
    expect(chunks.some((chunk) => chunk.choices.length === 0 || "usage" in chunk)).toBe(false);
  });

  it("streamed thinking: reasoning_content first, then the answer", async () => {
    replay().route("/api/chat", { file: "test/fixtures/ollama/thinking.ndjson" });
    const chunks = await collect(await client().chat.completions.create({ model: "ollama/qwen3", messages: hi, stream: true, reasoning_effort: "high" }));
    expect((replay().requests[0]!.body as Record<string, unknown>)["think"]).toBe("high");
    expect(joined(chunks, "reasoning_content")).toBe("Count the r's in strawberry: s-t-r-a-w-b-e-r-r-y has three.");
    expect(joined(chunks, "content")).toBe("There are three r's.");
  });

  it("streamed tool calls: each call whole, with its index and id, and finish_reason tool_calls", async () => {
    replay().route("/api/chat", { file: "test/fixtures/ollama/tool-call.ndjson" });
    const chunks = await collect(await client().chat.completions.create({ model: "ollama/qwen3", messages: hi, stream: true }));
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls).toEqual([
      { index: 0, id: expect.stringMatching(/^call_/), type: "function", function: { name: "get_temperature", arguments: '{"city":"New York"}' } },
      { index: 1, id: expect.stringMatching(/^call_/), type: "function", function: { name: "get_temperature", arguments: '{"city":"London"}' } },
    ]);
    expect(calls[0]!.id).not.toBe(calls[1]!.id);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("an error line after output is a StreamInterruptedError carrying what arrived", async () => {
    replay().route("/api/chat", { file: "test/fixtures/ollama/error-mid-stream.ndjson" });
    const stream = await client().chat.completions.create({ model: "ollama/llama3.2", messages: hi, stream: true });
    const error = await collect(stream).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe(" Yes.");
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(APIError);
    expect(((error as StreamInterruptedError).cause as APIError).message).toContain("an error was encountered while running the model");
  });

  it("a stream that ends before its done line is an IncompleteStreamError", async () => {
    replay().route("/api/chat", { file: "test/fixtures/ollama/truncated.ndjson" });
    const stream = await client().chat.completions.create({ model: "ollama/llama3.2", messages: hi, stream: true });
    const error = await collect(stream).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError).partialText).toBe("The sky is");
  });

  it("a line that is not JSON is a typed error, not a crash", async () => {
    replay().route("/api/chat", { body: '{"model":"llama3.2","message":{"role":"assistant","content":"Hi"},"done":false}\n<html>502</html>\n', headers: { "content-type": "application/x-ndjson" } });
    const stream = await client().chat.completions.create({ model: "ollama/llama3.2", messages: hi, stream: true });
    const error = await collect(stream).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(String(((error as StreamInterruptedError).cause as Error).message)).toContain("a stream line is not JSON: <html>502</html>");
  });

  it("an unknown model's 404 is a NotFoundError with Ollama's message", async () => {
    replay().route("/api/chat", { file: "test/fixtures/ollama/error-404.json", status: 404 });
    const error = await client().chat.completions.create({ model: "ollama/llama9", messages: hi }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain("model 'llama9' not found");
  });
});
