// Item 3: a provider that answers with far more than any chat answer: a 300 MiB JSON body, or an
// SSE line of 100 MiB that never ends. Reports the error, the requests made, and how far this
// process's peak RSS rose above where it stood before the call (MiB).
// argv: json | sse-line
import type { ServerResponse } from "node:http";
import { OpenAI } from "../../../src/index.js";
import { described, peakRssMiB, report, serve } from "./child-kit.js";

const MiB = 1024 * 1024;
const mode = process.argv[2];
const filler = Buffer.alloc(MiB, "a");

/** Writes `head`, then `mebibytes` MiB of filler, with backpressure (the server itself must stay small). */
async function send(response: ServerResponse, head: string, mebibytes: number, tail: string): Promise<void> {
  response.write(head);
  for (let written = 0; written < mebibytes; written++) {
    if (response.destroyed) return;
    if (!response.write(filler)) await drained(response);
  }
  response.end(tail);
}

function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });
}

const server = await serve((_request, response) => {
  if (mode === "json") {
    response.writeHead(200, { "content-type": "application/json" });
    void send(response, '{"id":"chatcmpl-huge","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"', 300, '"}}]}');
  } else {
    response.writeHead(200, { "content-type": "text/event-stream" });
    void send(response, "data: ", 100, "");
  }
});
const client = new OpenAI({ env: {}, logger: {}, providers: { openai: { apiKey: "sk-child-huge-answer-0001", baseURL: server.url } } });
const body = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "Hi" }] };
globalThis.gc?.();
const before = process.memoryUsage().rss / MiB;
const peakBefore = peakRssMiB();
try {
  if (mode === "json") await client.chat.completions.create(body);
  else for await (const _chunk of await client.chat.completions.create({ ...body, stream: true })) void _chunk;
  report({ outcome: "no error" });
} catch (error) {
  report({ outcome: "error", requests: server.requests(), rssGrowthMiB: Math.round(peakRssMiB() - Math.max(before, 0)), peakBefore: Math.round(peakBefore), ...described(error) });
}
await server.close();
