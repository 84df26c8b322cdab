// A timeout and an abort. Either cancels the request, any retry wait and later fallbacks, and
// leaves no timer behind.
import { APIConnectionTimeoutError, APIUserAbortError, OpenAI } from "onellm-sdk";

const client = new OpenAI();
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "openai/gpt-4o-mini";

try {
  await client.chat.completions.create(
    { model, messages: [{ role: "user", content: "Write a 2,000-word essay on clocks." }] },
    { timeout: 1_000, maxRetries: 0 }, // ms per attempt; without maxRetries: 0 a timeout is retried
  );
} catch (error) {
  if (!(error instanceof APIConnectionTimeoutError)) throw error;
  console.log(`timed out: ${error.message}`);
}

const controller = new AbortController();
const stream = await client.chat.completions.create(
  { model, messages: [{ role: "user", content: "Tell me a long story." }], stream: true },
  { signal: controller.signal },
);
let text = "";
try {
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    if (text.length >= 40) controller.abort(); // enough: stop, and close the connection
  }
} catch (error) {
  if (!(error instanceof APIUserAbortError)) throw error;
  console.log(`aborted after ${text.length} characters: ${text}`);
}
