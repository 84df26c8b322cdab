import { describe, expect, it } from "vitest";
import { APIError, IncompleteStreamError, StreamInterruptedError } from "../../src/errors.js";
import { OpenAIDialectSSETranslator, OpenAIDialectStreamTranslator } from "../../src/providers/openai-compatible/openai-compatible-stream.js";
import { ChunkSource } from "../../src/router/chunk-source.js";
import { createTranslateContext } from "../../src/router/translate-context.js";
import type { ChatCompletionChunk } from "../../src/types.js";

const encoder = new TextEncoder();
const frame = (content: string) =>
  `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;

function source(reads: string[]) {
  let closed = false;
  async function* bytes(): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      for (const read of reads) yield encoder.encode(read);
    } finally {
      closed = true;
    }
  }
  const context = createTranslateContext("openai", "m", "error", undefined);
  const native = new OpenAIDialectStreamTranslator(context, { normalize: false, includeUsage: false });
  const translator = new OpenAIDialectSSETranslator(native, "openai", "m");
  const chunks = new ChunkSource(bytes(), translator, { provider: "openai", metadata: () => ({ provider: "openai", model: "m", attempts: [], warnings: [] }) });
  return { chunks, closed: () => closed };
}

async function drain(chunks: ChunkSource): Promise<{ texts: string[]; error: unknown }> {
  const texts: string[] = [];
  try {
    for (;;) {
      const result = await chunks.next();
      if (result.done) return { texts, error: undefined };
      texts.push((result.value as ChatCompletionChunk).choices[0]?.delta.content ?? "");
    }
  } catch (error) {
    return { texts, error };
  }
}

describe("ChunkSource", () => {
  it("hands out every chunk of a read, in order, and ends on [DONE]", async () => {
    const { chunks, closed } = source([frame("a") + frame("b"), frame("c") + "data: [DONE]\n\n"]);
    expect(await drain(chunks)).toEqual({ texts: ["a", "b", "c"], error: undefined });
    expect(closed()).toBe(true);
  });

  it("delivers the chunks that precede an in-band error in the same read, then raises the interruption", async () => {
    const { chunks, closed } = source([frame("a") + frame("b") + 'data: {"error":{"message":"boom","type":"server_error"}}\n\n']);
    const { texts, error } = await drain(chunks);
    expect(texts).toEqual(["a", "b"]);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe("ab");
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(APIError);
    expect(closed()).toBe(true);
  });

  it("raises a failure before any chunk as is (the router may still retry it)", async () => {
    const { chunks } = source(['data: {"error":{"message":"boom","type":"server_error"}}\n\n']);
    const { texts, error } = await drain(chunks);
    expect(texts).toEqual([]);
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(StreamInterruptedError);
  });

  it("raises IncompleteStreamError after the last chunk when the end marker never came", async () => {
    const { chunks } = source([frame("a"), frame("b")]);
    const { texts, error } = await drain(chunks);
    expect(texts).toEqual(["a", "b"]);
    expect(error).toBeInstanceOf(IncompleteStreamError);
  });

  it("puts onellm metadata on the first chunk only (and on finish chunks)", async () => {
    const { chunks } = source([frame("a") + frame("b") + "data: [DONE]\n\n"]);
    const first = await chunks.next();
    const second = await chunks.next();
    expect((first.value as ChatCompletionChunk).onellm?.provider).toBe("openai");
    expect((second.value as ChatCompletionChunk).onellm).toBeUndefined();
  });

  it("closes the byte source when returned early", async () => {
    const { chunks, closed } = source([frame("a"), frame("b"), "data: [DONE]\n\n"]);
    await chunks.next();
    await chunks.return();
    expect(closed()).toBe(true);
    expect(await chunks.next()).toEqual({ done: true, value: undefined });
  });
});
