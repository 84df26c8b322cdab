// Item 6: the wall clock jumps while a call is under way (NTP, a resumed laptop, a VM migration).
// Date.now is faked here, in this process only, the way such a jump shows to JavaScript: timers and
// performance.now() keep running, Date.now() leaps. argv: forward | backward
import { OpenAI } from "../../../src/index.js";
import { described, report, serve } from "./child-kit.js";

const HOUR = 3_600_000;
const realNow = Date.now.bind(Date);
let offset = 0;
Date.now = () => realNow() + offset;

const direction = process.argv[2];
const seen: string[] = [];
const server = await serve((request, response, index) => {
  seen.push(request.url ?? "");
  if (index === 0) offset = direction === "forward" ? HOUR : -HOUR;
  if (direction === "backward") return; // never answers: only the deadline can end the call
  if ((request.url ?? "").startsWith("/openai")) {
    response.writeHead(503, { "content-type": "application/json" }).end('{"error":{"message":"overloaded","type":"server_error"}}');
    return;
  }
  response.writeHead(200, { "content-type": "application/json" }).end(
    JSON.stringify({ id: "c1", object: "chat.completion", created: 1, model: "llama", choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "from groq" } }] }),
  );
});
const client = new OpenAI({
  env: {},
  logger: {},
  providers: {
    openai: { apiKey: "sk-child-clock-openai-0001", baseURL: `${server.url}/openai/v1` },
    groq: { apiKey: "gsk-child-clock-groq-00001", baseURL: `${server.url}/groq` },
  },
  ...(direction === "forward" ? { totalTimeout: 60_000 } : { totalTimeout: 1_000, timeout: 4_000 }),
});
const started = performance.now();
try {
  const result = await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], retries: 1, fallback_models: ["groq/llama-3.3-70b-versatile"] });
  report({ outcome: "ok", content: result.choices[0]?.message.content, requests: seen, elapsedMs: Math.round(performance.now() - started) });
} catch (error) {
  report({ outcome: "error", requests: seen, elapsedMs: Math.round(performance.now() - started), ...described(error) });
}
await server.close();
