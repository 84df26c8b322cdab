// Hooks: plain callbacks told about every call, retry and fallback (no dependency, any runtime).
import { OpenAI } from "onellm-sdk";

const client = new OpenAI({
  hooks: {
    onRequest: (e) => console.log(`-> #${e.attempt} ${e.provider}/${e.model} ${e.method} ${new URL(e.url).pathname}`),
    onResponse: (e) => console.log(`<- #${e.attempt} ${e.status} (request id ${e.requestId ?? "none"})`),
    onRetry: (e) => console.log(`retry ${e.retry}/${e.maxRetries} of ${e.provider} in ${e.delayMs} ms: ${e.errorType}`),
    onFallback: (e) => console.log(`${e.from.provider}/${e.from.model} -> ${e.to.provider}/${e.to.model}: ${e.errorType}`),
    onComplete: (e) => console.log(`served by ${e.provider}/${e.model}: ${e.usage?.total_tokens} tokens, finish ${e.finishReasons.join(", ")}`),
    onError: (e) => console.error(`failed after ${e.attempts.length} attempts: ${e.errorType}`),
  },
});

await client.chat.completions.create({
  model: process.env["ONELLM_EXAMPLE_MODEL"] ?? "openai/gpt-4o-mini",
  messages: [{ role: "user", content: "Say hello in French, in one short sentence." }],
});
