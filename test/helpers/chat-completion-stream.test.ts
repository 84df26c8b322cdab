// The stream runner's events, final methods, iteration and abort, modelled on `openai`'s own
// tests of ChatCompletionStream, over a scripted client.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ChatCompletionStream } from "../../src/helpers/chat-completion-stream.js";
import { zodResponseFormat } from "../../src/helpers/zod.js";
import { APIUserAbortError, OneLLMError } from "../../src/errors.js";
import { LengthFinishReasonError } from "../../src/errors-parse.js";
import { chunks, mockClient } from "./mock-client.js";

const messages = [{ role: "user" as const, content: "hi" }];

function names(stream: ChatCompletionStream<unknown>): string[] {
  const seen: string[] = [];
  for (const event of [
    "connect", "chunk", "content", "content.delta", "content.done", "refusal.delta", "refusal.done",
    "tool_calls.function.arguments.delta", "tool_calls.function.arguments.done", "logprobs.content.delta",
    "logprobs.content.done", "chatCompletion", "message", "finalChatCompletion", "finalMessage", "finalContent",
    "finalFunctionToolCall", "totalUsage", "error", "abort", "end",
  ] as const) {
    stream.on(event, () => seen.push(event));
  }
  return seen;
}

describe("ChatCompletionStream", () => {
  it("emits content events with snapshots, then the final values, then end", async () => {
    const { client, calls } = mockClient([chunks([{ role: "assistant", content: "" }, { content: "Hel" }, { content: "lo" }, {}])]);
    const stream = ChatCompletionStream.createChatCompletion(client, { model: "gpt-4o", messages });
    const seen = names(stream);
    const deltas: [string, string][] = [];
    stream.on("content", (delta, snapshot) => deltas.push([delta, snapshot]));
    expect(await stream.finalContent()).toBe("Hello");
    expect(deltas).toEqual([["Hel", "Hel"], ["lo", "Hello"]]);
    expect(seen.filter((event) => event !== "chunk")).toEqual([
      "connect", "content", "content.delta", "content", "content.delta", "content.done",
      "chatCompletion", "message", "finalChatCompletion", "finalMessage", "finalContent", "end",
    ]);
    expect(seen.filter((event) => event === "chunk")).toHaveLength(4);
    expect(calls[0]?.body.stream).toBe(true);
    const completion = await stream.finalChatCompletion();
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.message).toEqual({ role: "assistant", content: "Hello", refusal: null, parsed: null });
  });

  it("emits refusal and logprobs events", async () => {
    const logprob = (token: string) => ({ token, logprob: -0.1, bytes: null, top_logprobs: [] });
    const { client } = mockClient([
      chunks([{ role: "assistant", refusal: "I can't" }, { refusal: " help." }, {}], "stop", [
        { logprobs: { content: null, refusal: [logprob("I")] } },
        { logprobs: { content: null, refusal: [logprob(" help")] } },
      ]),
    ]);
    const stream = ChatCompletionStream.createChatCompletion(client, { model: "gpt-4o", messages, logprobs: true });
    const refusals: unknown[] = [];
    stream.on("refusal.delta", (event) => refusals.push(event)).on("refusal.done", (event) => refusals.push(event));
    const logprobs: unknown[] = [];
    stream.on("logprobs.refusal.done", (event) => logprobs.push(event.refusal.map((entry) => entry.token)));
    const message = await stream.finalMessage();
    expect(message.refusal).toBe("I can't help.");
    expect(refusals).toEqual([
      { delta: "I can't", snapshot: "I can't" },
      { delta: " help.", snapshot: "I can't help." },
      { refusal: "I can't help." },
    ]);
    expect(logprobs).toEqual([["I", " help"]]);
  });

  it("closes each tool call's arguments when the next one starts, and at the finish", async () => {
    const { client } = mockClient([
      chunks(
        [
          { role: "assistant", tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "a", arguments: "" } }] },
          { tool_calls: [{ index: 0, function: { arguments: '{"x":' } }] },
          { tool_calls: [{ index: 0, function: { arguments: "1}" } }] },
          { tool_calls: [{ index: 1, id: "call_2", type: "function", function: { name: "b", arguments: '{"y":2}' } }] },
          {},
        ],
        "tool_calls",
      ),
    ]);
    const stream = ChatCompletionStream.createChatCompletion(client, { model: "gpt-4o", messages });
    const events: string[] = [];
    stream.on("tool_calls.function.arguments.delta", (event) => events.push(`delta ${event.name} ${event.arguments_delta}`));
    stream.on("tool_calls.function.arguments.done", (event) => events.push(`done ${event.name} ${event.arguments}`));
    const completion = await stream.finalChatCompletion();
    expect(events).toEqual(["delta a ", 'delta a {"x":', "delta a 1}", 'done a {"x":1}', 'delta b {"y":2}', 'done b {"y":2}']);
    expect(completion.choices[0]?.message.tool_calls?.map((call) => call.function.arguments)).toEqual(['{"x":1}', '{"y":2}']);
    expect(await stream.finalFunctionToolCall()).toEqual({ name: "b", arguments: '{"y":2}' });
  });

  it("previews a zod format as it streams and gives the parsed value at the end", async () => {
    const { client } = mockClient([chunks([{ role: "assistant", content: '{"city": "Par' }, { content: 'is", "units": "c"}' }, {}])]);
    const stream = ChatCompletionStream.createChatCompletion(client, {
      model: "gpt-4o",
      messages,
      response_format: zodResponseFormat(z.object({ city: z.string(), units: z.enum(["c", "f"]) }), "location"),
    });
    const previews: unknown[] = [];
    stream.on("content.delta", (event) => previews.push(event.parsed));
    const done: unknown[] = [];
    stream.on("content.done", (event) => done.push(event.parsed));
    const completion = await stream.finalChatCompletion();
    expect(previews).toEqual([{ city: "Par" }, { city: "Paris", units: "c" }]);
    expect(done).toEqual([{ city: "Paris", units: "c" }]);
    expect(completion.choices[0]?.message.parsed).toEqual({ city: "Paris", units: "c" });
  });

  it("fails with LengthFinishReasonError when a parseable answer is cut off", async () => {
    const { client } = mockClient([chunks([{ role: "assistant", content: '{"city": "Par' }], "length")]);
    const stream = ChatCompletionStream.createChatCompletion(client, {
      model: "gpt-4o",
      messages,
      response_format: zodResponseFormat(z.object({ city: z.string() }), "location"),
    });
    const errors: unknown[] = [];
    stream.on("error", (error) => errors.push(error));
    await expect(stream.finalChatCompletion()).rejects.toBeInstanceOf(LengthFinishReasonError);
    expect(errors).toHaveLength(1);
    expect(stream.errored).toBe(true);
  });

  it("abort() ends the run with an abort event, and every final method rejects", async () => {
    const { client } = mockClient([chunks([{ role: "assistant", content: "a" }, { content: "b" }, { content: "c" }, {}])]);
    const stream = ChatCompletionStream.createChatCompletion(client, { model: "gpt-4o", messages });
    const seen = names(stream);
    stream.on("content", () => stream.abort());
    await expect(stream.done()).rejects.toBeInstanceOf(APIUserAbortError);
    await expect(stream.finalContent()).rejects.toBeInstanceOf(APIUserAbortError);
    expect(stream.aborted).toBe(true);
    expect(seen.at(-2)).toBe("abort");
    expect(seen.at(-1)).toBe("end");
    expect(seen).not.toContain("finalContent");
  });

  it("a caller's signal aborts the stream too", async () => {
    const controller = new AbortController();
    const { client } = mockClient([chunks([{ role: "assistant", content: "a" }, { content: "b" }, {}])]);
    const stream = ChatCompletionStream.createChatCompletion(client, { model: "gpt-4o", messages }, { signal: controller.signal });
    stream.on("content", () => controller.abort());
    await expect(stream.done()).rejects.toBeInstanceOf(APIUserAbortError);
  });

  it("iterates the chunks; break aborts the request", async () => {
    const { client } = mockClient([chunks([{ role: "assistant", content: "a" }, { content: "b" }, { content: "c" }, {}])]);
    const stream = ChatCompletionStream.createChatCompletion(client, { model: "gpt-4o", messages });
    stream.on("abort", () => undefined);
    const seen: string[] = [];
    for await (const chunk of stream) {
      seen.push(chunk.choices[0]?.delta.content ?? "");
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(["a", "b"]);
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it("an iterating caller learns of a failure even when no read was waiting", async () => {
    const { client } = mockClient([chunks([{ role: "user", content: "x" }])]);
    const stream = ChatCompletionStream.createChatCompletion(client, { model: "gpt-4o", messages });
    const iterator = stream[Symbol.asyncIterator]();
    await stream.done().catch(() => undefined);
    await expect(iterator.next()).resolves.toMatchObject({ done: false });
    await expect(iterator.next()).rejects.toThrow("stream ended without producing a ChatCompletionMessage with role=assistant");
  });

  it("rejects a stream that never finished a choice", async () => {
    const { client } = mockClient([chunks([{ role: "assistant", content: "a" }], null)]);
    const stream = ChatCompletionStream.createChatCompletion(client, { model: "gpt-4o", messages });
    await expect(stream.finalChatCompletion()).rejects.toThrow("missing finish_reason for choice 0");
  });

  it("round-trips through toReadableStream() and fromReadableStream()", async () => {
    const { client } = mockClient([chunks([{ role: "assistant", content: "Hel" }, { content: "lo" }, {}])]);
    const source = ChatCompletionStream.createChatCompletion(client, { model: "gpt-4o", messages });
    const copy = ChatCompletionStream.fromReadableStream(source.toReadableStream());
    expect(await copy.finalContent()).toBe("Hello");
    expect(await source.finalContent()).toBe("Hello");
  });

  it("fromReadableStream() refuses a chunk whose choice index would size its arrays (1e9)", async () => {
    const chunk = { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 1e9, delta: { content: "x" }, finish_reason: null }] };
    const readable = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`${JSON.stringify(chunk)}\n`));
        controller.close();
      },
    });
    const started = performance.now();
    const error = await ChatCompletionStream.fromReadableStream(readable).finalChatCompletion().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OneLLMError);
    expect((error as Error).message).toBe("stream chunk with a choice with index 1000000000 (an index must be an integer from 0 to 127): not a chat completion chunk");
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("emitted() resolves with the next event's value", async () => {
    const { client } = mockClient([chunks([{ role: "assistant", content: "Hi" }, {}])]);
    const stream = ChatCompletionStream.createChatCompletion(client, { model: "gpt-4o", messages });
    await expect(stream.emitted("finalContent")).resolves.toBe("Hi");
  });

  it("refuses n > 1 before sending", async () => {
    const { client, calls } = mockClient([]);
    const stream = ChatCompletionStream.createChatCompletion(client, { model: "gpt-4o", messages, n: 2 });
    await expect(stream.done()).rejects.toThrow(/only support n=1/);
    expect(calls).toHaveLength(0);
    expect(OneLLMError).toBeDefined();
  });
});
