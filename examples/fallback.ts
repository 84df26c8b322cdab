// Fallback models: when a target fails, the next one answers. Here the first model has been retired
// (its API answers 404), so the call is served by the fallback; onellm.attempts shows both.
import { OpenAI } from "onellm-sdk";

const client = new OpenAI();
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "google/gemini-2.5-flash";

const completion = await client.chat.completions.create({
  model: "anthropic/claude-3-opus-20240229", // retired by Anthropic in 2026
  fallback_models: [model],
  messages: [{ role: "user", content: "Name the largest planet, in one word." }],
});
console.log(completion.choices[0]?.message.content);
for (const attempt of completion.onellm?.attempts ?? []) {
  console.log(`  ${attempt.provider}/${attempt.model}: ${attempt.error ?? "ok"} (HTTP ${attempt.status})`);
}
