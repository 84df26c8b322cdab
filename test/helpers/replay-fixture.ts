// One replay server for a test file (started before its tests, reset before each, stopped after),
// and what stream tests do with the chunks they get.
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { ChatCompletionChunk } from "../../src/types.js";
import { startReplayServer, type ReplayServer } from "./replay-server.js";

/** Registers the hooks; call the returned function inside a test for the running server. */
export function useReplayServer(): () => ReplayServer {
  let server: ReplayServer | undefined;
  beforeAll(async () => {
    server = await startReplayServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(() => server?.reset());
  return () => {
    if (server === undefined) throw new Error("the replay server starts in beforeAll; use it inside a test");
    return server;
  };
}

export async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** The first choice's `content` or `reasoning_content` deltas, joined. */
export function joined(chunks: readonly ChatCompletionChunk[], field: "content" | "reasoning_content"): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta[field] ?? "").join("");
}
