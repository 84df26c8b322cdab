// Streams carry reasoning that must round-trip in pieces (`delta.reasoning_details`, joined by index)
// and Gemini's thought signatures on tool-call pieces (`extra_content`). Assembled — by the SDK's
// own stream helper, and by a caller following the documented contract — they make the message the
// non-streamed call returns for the same answer, signatures and all, for every provider that
// produces them. Each pair of recordings is one answer in the provider's two wire formats.
import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk, ChatCompletionMessage } from "../../src/types.js";
import { assembleMessages } from "../helpers/assemble-chunks.js";
import { sourceClient, SOURCES, TOOLS, type ProviderName } from "./matrix-sources.js";

const QUESTION = [{ role: "user" as const, content: "What's the weather like in Paris today?" }];

/**
 * The fields a caller appends and a provider reads back. A call's arguments are compared as JSON:
 * a stream carries the text the model wrote (`{"city": "Paris"}`), a whole answer an object that is
 * serialised (`{"city":"Paris"}`); both send the provider the same input back.
 */
function replayed(message: ChatCompletionMessage): Record<string, unknown> {
  const { role, content, reasoning_content, reasoning_details, tool_calls } = message;
  const calls = tool_calls?.map((call) => (call.type === "function" ? { ...call, function: { ...call.function, arguments: JSON.parse(call.function.arguments) as unknown } } : call));
  return { role, content, reasoning_content, reasoning_details, tool_calls: calls };
}

const PRODUCERS: { name: ProviderName; format: string; signed: boolean }[] = [
  { name: "anthropic", format: "anthropic-claude-v1", signed: true },
  { name: "gemini", format: "google-gemini-v1", signed: true },
  { name: "bedrock", format: "amazon-bedrock-v1", signed: true },
  { name: "vertex", format: "google-gemini-v1", signed: true },
  { name: "vertex-anthropic", format: "anthropic-claude-v1", signed: true },
  { name: "cohere", format: "cohere-v1", signed: false },
];

describe("a stream's reasoning_details and extra_content assemble into the non-streamed message", () => {
  for (const { name, format, signed } of PRODUCERS) {
    it(name, async () => {
      const source = SOURCES[name];
      const body = { model: source.model, messages: QUESTION, tools: TOOLS };
      const whole = (await sourceClient(source, "reasoning", "json").chat.completions.create(body)).choices[0]!.message;

      const helper = (await sourceClient(source, "reasoning", "stream").chat.completions.stream(body).finalChatCompletion()).choices[0]!.message;
      const chunks: ChatCompletionChunk[] = [];
      for await (const chunk of await sourceClient(source, "reasoning", "stream").chat.completions.create({ ...body, stream: true })) chunks.push(chunk);
      const byContract = assembleMessages(chunks).get(0)!;

      // The answer really holds what must round-trip, in the producer's format.
      expect(whole.reasoning_details?.length).toBeGreaterThan(0);
      for (const detail of whole.reasoning_details ?? []) expect(detail.format).toBe(format);
      if (signed) expect(whole.reasoning_details?.some((detail) => detail.type === "reasoning.encrypted" || (detail.type === "reasoning.text" && detail.signature !== undefined))).toBe(true);
      expect(whole.tool_calls?.length).toBeGreaterThan(0);

      expect(replayed(helper)).toEqual(replayed(whole));
      expect(replayed(byContract)).toEqual(replayed(whole));
    });
  }

  it("the pieces really arrive split (so joining them is what is tested)", async () => {
    for (const name of ["anthropic", "bedrock", "cohere"] as const) {
      const source = SOURCES[name];
      const chunks: ChatCompletionChunk[] = [];
      const stream = await sourceClient(source, "reasoning", "stream").chat.completions.create({ model: source.model, messages: QUESTION, tools: TOOLS, stream: true });
      for await (const chunk of stream) chunks.push(chunk);
      const pieces = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.reasoning_details ?? []));
      expect(pieces.length, name).toBeGreaterThan(1);
      expect(new Set(pieces.map((piece) => piece.index)).size, name).toBeLessThan(pieces.length);
    }
    // Gemini's signature on a tool call arrives on a streamed tool-call piece.
    const gemini = SOURCES.gemini;
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await sourceClient(gemini, "reasoning", "stream").chat.completions.create({ model: gemini.model, messages: QUESTION, tools: TOOLS, stream: true })) chunks.push(chunk);
    const signedPieces = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? [])).filter((piece) => piece.extra_content?.google?.thought_signature !== undefined);
    expect(signedPieces).toHaveLength(1);
  });
});
