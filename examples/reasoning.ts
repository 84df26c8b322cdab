// Reasoning: `reasoning_effort` becomes each provider's own control (Anthropic extended thinking,
// Gemini thinking budgets and levels, OpenAI's reasoning models). Reasoning text, where a provider
// shows it, arrives in message.reasoning_content, never in content.
import { OpenAI } from "onellm-sdk";

const client = new OpenAI();
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "anthropic/claude-sonnet-4-5";

const completion = await client.chat.completions.create({
  model,
  reasoning_effort: "low",
  messages: [{ role: "user", content: "What is 17 × 24? Answer with the number." }],
});
const message = completion.choices[0]?.message;
if (message?.reasoning_content) console.log(`reasoning: ${message.reasoning_content.trim()}`);
console.log(`answer: ${message?.content}`);
console.log(`reasoning tokens: ${completion.usage?.completion_tokens_details?.reasoning_tokens ?? "not reported"}`);
