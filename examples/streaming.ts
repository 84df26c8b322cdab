// Streaming: the text as it arrives, then the token usage. `break` (or stream.controller.abort())
// stops it and closes the connection.
import { OpenAI } from "onellm-sdk";

const client = new OpenAI();
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "google/gemini-2.5-flash";

const stream = await client.chat.completions.create({
  model,
  messages: [{ role: "user", content: "Tell me a two-sentence story about a lighthouse." }],
  stream: true,
  stream_options: { include_usage: true }, // a last chunk with the usage, whichever provider streams
});
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta.content ?? "");
  if (chunk.usage) console.log(`\n[${chunk.usage.prompt_tokens} prompt + ${chunk.usage.completion_tokens} completion tokens]`);
}
