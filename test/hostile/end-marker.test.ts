// Item 2: a stream ends at its end marker ([DONE], message_stop, the last candidate's finishReason)
// even when the server (a proxy, say) keeps the connection open: the loop ends within 200 ms of the
// marker and the body is cancelled (the server sees the connection close).
import http, { type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import { pause, writeAndFlush } from "../helpers/replay-server.js";
import { chunkEvent, collect, DONE, hi, startScriptedServer, type ScriptedServer } from "../router/harness.js";
import { HOSTILE_KEYS, sseEvents } from "./hostile-kit.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

interface Case {
  name: string;
  model: string;
  events: string[];
  /** The provider's settings for a baseURL. */
  providers: (baseURL: string) => NonNullable<ConstructorParameters<typeof OpenAI>[0]>["providers"];
  usage: boolean;
}

const cases: Case[] = [
  {
    name: "OpenAI: data: [DONE]",
    model: "openai/gpt-4o-mini",
    events: [chunkEvent("Hel"), chunkEvent("lo"), chunkEvent(undefined, "stop"), DONE],
    providers: (baseURL) => ({ openai: { apiKey: "sk-end-marker-openai-0001", baseURL } }),
    usage: false,
  },
  {
    name: "Anthropic: message_stop (usage chunk after it)",
    model: "anthropic/claude-sonnet-4-5",
    events: sseEvents("anthropic", "text.sse"),
    providers: (baseURL) => ({ anthropic: { apiKey: HOSTILE_KEYS.anthropic, baseURL } }),
    usage: true,
  },
  {
    name: "Gemini: the candidate's finishReason (usage chunk after it)",
    model: "google/gemini-2.5-flash",
    events: sseEvents("gemini", "text.sse"),
    providers: (baseURL) => ({ google: { apiKey: HOSTILE_KEYS.google, baseURL } }),
    usage: true,
  },
];

describe("streams end at their end marker while the server keeps the connection open", () => {
  it.each(cases)("$name", async ({ model, events, providers, usage }) => {
    let markerAt = 0;
    server = await startScriptedServer((response: ServerResponse) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.flushHeaders();
      void (async () => {
        for (const [index, event] of events.entries()) {
          // The last event carries the end marker.
          if (index === events.length - 1) markerAt = performance.now();
          await writeAndFlush(response, event);
          await pause(0);
        }
        // ...and nothing more: the connection stays open, as a proxy may keep it.
      })();
    });
    const client = new OpenAI({ env: {}, logger: {}, streamIdleTimeout: 10_000, providers: providers(server.url) });
    const stream = await client.chat.completions.create({ model, messages: hi, stream: true, stream_options: { include_usage: usage } });
    const { chunks, error } = await collect(stream);
    const endedAt = performance.now();
    expect(error).toBeUndefined();
    expect(markerAt).toBeGreaterThan(0);
    // Before the fix the loop waited for the idle timeout (here 10 s) and then failed.
    expect(endedAt - markerAt).toBeLessThan(200);
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === "stop")).toBe(true);
    if (usage) expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
    // The body was cancelled: the server sees its connection closed.
    await server.closed(0);
  });
});

describe("a body that ends right behind its marker", () => {
  it("is read to its end (in the background), so the connection is kept for the next request", async () => {
    const sockets = new Set<unknown>();
    const plain = http.createServer((request, response) => {
      sockets.add(request.socket);
      request.resume();
      request.on("end", () => {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.write(`${chunkEvent("Hi")}${chunkEvent(undefined, "stop")}${DONE}`);
        // The body's end comes in a later packet, as it may from a real server.
        setTimeout(() => response.end(), 20);
      });
    });
    await new Promise<void>((resolve) => plain.listen({ host: "127.0.0.1", port: 0 }, resolve));
    try {
      const { port } = plain.address() as AddressInfo;
      const client = new OpenAI({ env: {}, logger: {}, providers: { openai: { apiKey: "sk-keep-alive-0001", baseURL: `http://127.0.0.1:${port}/v1` } } });
      for (let round = 0; round < 3; round++) {
        const { text, error } = await collect(await client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, stream: true }));
        expect(error).toBeUndefined();
        expect(text).toBe("Hi");
        // The drain behind the marker ends within its 250 ms grace; the next request finds the socket free.
        await pause(400);
      }
      // Cancelling the body at the marker would have cost a new connection per stream.
      expect(sockets.size).toBe(1);
    } finally {
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
  });
});
