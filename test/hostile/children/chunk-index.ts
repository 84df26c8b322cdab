// One small OpenAI-format stream chunk whose choice (or tool-call) index is huge, through an OpenAI
// dialect (groq: the dialect translator keeps per-choice finish reasons) or OpenAI itself, read by
// create() or by the stream() helper. Under a memory cap, anything sized by that index would kill
// this process with a fatal V8 error no catch can stop.
// argv: <provider: groq|openai> <where: choice|tool_call> <reader: create|helper> <index>
import { OpenAI } from "../../../src/index.js";
import { described, report, serve } from "./child-kit.js";

const [provider = "groq", where = "choice", reader = "create", raw = "1e9"] = process.argv.slice(2);
const index = Number(raw);
const delta =
  where === "tool_call"
    ? { role: "assistant", tool_calls: [{ index, id: "call_1", type: "function", function: { name: "f", arguments: "{}" } }] }
    : { role: "assistant", content: "Hi" };
const chunk = JSON.stringify({
  id: "c",
  object: "chat.completion.chunk",
  created: 1,
  model: "m",
  choices: [{ index: where === "choice" ? index : 0, delta, finish_reason: "stop" }],
});
const server = await serve((_request, response) => {
  response.writeHead(200, { "content-type": "text/event-stream" });
  response.end(`data: ${chunk}\n\ndata: [DONE]\n\n`);
});
const client = new OpenAI({ env: {}, logger: {}, maxRetries: 0, providers: { [provider]: { apiKey: "gsk-child-index-000000001", baseURL: server.url } } });
const body = { model: `${provider}/m`, messages: [{ role: "user" as const, content: "Hi" }] };
try {
  if (reader === "helper") {
    await client.chat.completions.stream(body).finalChatCompletion();
  } else {
    const stream = await client.chat.completions.create({ ...body, stream: true });
    for await (const _chunk of stream) void _chunk;
  }
  report({ outcome: "no error", eventBytes: chunk.length + 8 });
} catch (error) {
  report({ outcome: "error", eventBytes: chunk.length + 8, requests: server.requests(), ...described(error) });
}
await server.close();
