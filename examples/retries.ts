// Retries before fallback: a retryable failure (429, 5xx, overloaded, a timeout) is retried on the
// same model `retries` times with backoff; only then does the next model in fallback_models run.
import { OpenAI } from "onellm-sdk";

const client = new OpenAI({
  hooks: {
    onRetry: (event) => console.log(`retry ${event.retry}/${event.maxRetries} of ${event.provider} in ${event.delayMs} ms (${event.errorType})`),
    onFallback: (event) => console.log(`fallback: ${event.from.provider} -> ${event.to.provider} (${event.errorType})`),
  },
});
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "anthropic/claude-sonnet-4-5";
const fallback = process.env["ONELLM_EXAMPLE_SECOND_MODEL"] ?? "google/gemini-2.5-flash";

const completion = await client.chat.completions.create({
  model,
  fallback_models: [fallback],
  retries: 2, // per model; the client's maxRetries (default 2) otherwise
  messages: [{ role: "user", content: "Say hello." }],
});
console.log(completion.choices[0]?.message.content);
console.log(`${completion.onellm?.attempts.length} attempts; served by ${completion.onellm?.provider}`);
