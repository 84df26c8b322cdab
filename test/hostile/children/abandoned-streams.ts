// Item 8: 200 streams created (each has its first chunk) and never read, then dropped. The server
// keeps every connection open. Nothing here waits for anything afterwards: the process must exit
// on its own. argv: <baseURL>
import { OpenAI } from "../../../src/index.js";
import { report } from "./child-kit.js";

const client = new OpenAI({ env: {}, logger: {}, providers: { openai: { apiKey: "sk-child-abandoned-0001", baseURL: process.argv[2] } } });
async function createAndDrop(count: number): Promise<void> {
  const streams = await Promise.all(
    Array.from({ length: count }, () => client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream: true })),
  );
  report({ created: streams.length });
}
await createAndDrop(200);
// Nobody can reach the streams any more; a collection (which a busy process would run anyway) finds them.
globalThis.gc?.();
await new Promise((resolve) => setImmediate(resolve));
globalThis.gc?.();
