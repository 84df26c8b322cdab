// What stream tests do with the chunks they get.
import type { ChatCompletionChunk } from "../../src/types.js";

export async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** The first choice's `content` or `reasoning_content` deltas, joined. */
export function joined(chunks: readonly ChatCompletionChunk[], field: "content" | "reasoning_content"): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta[field] ?? "").join("");
}
