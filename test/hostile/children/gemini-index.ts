// Item 1: one ~150-byte Gemini stream event whose candidates[].index is huge. Under a memory cap, an
// array sized by that index would kill this process with a fatal V8 error no catch can stop.
// argv: <index>
import { OpenAI } from "../../../src/index.js";
import { described, report, serve } from "./child-kit.js";

const index = Number(process.argv[2]);
const event = JSON.stringify({ candidates: [{ content: { parts: [{ text: "Hi" }], role: "model" }, index }], modelVersion: "gemini-2.5-flash" });
const server = await serve((_request, response) => {
  response.writeHead(200, { "content-type": "text/event-stream" });
  response.end(`data: ${event}\r\n\r\n`);
});
const client = new OpenAI({ env: {}, logger: {}, maxRetries: 0, providers: { google: { apiKey: "AIza-child-index-000000001", baseURL: server.url } } });
try {
  const stream = await client.chat.completions.create({ model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }], stream: true });
  for await (const _chunk of stream) void _chunk;
  report({ outcome: "no error", eventBytes: event.length + 10 });
} catch (error) {
  report({ outcome: "error", eventBytes: event.length + 10, requests: server.requests(), ...described(error) });
}
await server.close();
