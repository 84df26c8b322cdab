// Item 8: a stream nobody can reach any more is released (its request cancelled, its socket
// closed), and its idle timer never holds the process: a process that drops 200 streams exits.
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import { chunkEvent, DONE, hi, startScriptedServer, type ScriptedServer } from "../router/harness.js";
import { runChild } from "./run-child.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Sends the first chunk of an answer, then holds the connection open without a word. */
function firstChunkThenSilence(response: ServerResponse): void {
  response.writeHead(200, { "content-type": "text/event-stream" });
  response.write(chunkEvent("Hi"));
}

describe("dropped streams", () => {
  it("a process that created 200 streams and dropped them exits, and every connection is closed", { timeout: 60_000 }, async () => {
    server = await startScriptedServer(firstChunkThenSilence);
    const run = await runChild("abandoned-streams.ts", { args: [`${server.url}/v1`], nodeFlags: ["--expose-gc"], limitMs: 30_000 });
    // Before: 200 open sockets and 200 five-minute timers kept it alive (killed here after 30 s).
    expect(run.killed).toBe(false);
    expect(run.code).toBe(0);
    expect(run.result).toEqual({ created: 200 });
    expect(server.requests()).toBe(200);
    await Promise.all(Array.from({ length: 200 }, (_, index) => server!.closed(index)));
  });

  it("a stream still being read through its iterator is not released when the Stream object itself is gone", async () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const more: (() => void)[] = [];
    server = await startScriptedServer((response) => {
      firstChunkThenSilence(response);
      more.push(() => response.end(`${chunkEvent(" there")}${chunkEvent(undefined, "stop")}${DONE}`));
    });
    const client = new OpenAI({ env: {}, logger: {}, providers: { openai: { apiKey: "sk-iterator-kept-0001", baseURL: `${server.url}/v1` } } });
    // Only the iterator is kept, as `for await` keeps it.
    const iterator = (await client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, stream: true }))[Symbol.asyncIterator]();
    const texts = [(await iterator.next()).value?.choices[0]?.delta.content];
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    more.shift()?.();
    for (let result = await iterator.next(); !result.done; result = await iterator.next()) texts.push(result.value.choices[0]?.delta.content);
    expect(texts.join("")).toBe("Hi there");
  });
});
