// A system prompt: each provider gets it where it takes one (Anthropic's `system`, Gemini's
// `systemInstruction`, a system message elsewhere).
import { OpenAI } from "onellm-sdk";

const client = new OpenAI();
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "anthropic/claude-sonnet-4-5";

const completion = await client.chat.completions.create({
  model,
  messages: [
    { role: "system", content: "You are a pirate. Answer in one sentence." },
    { role: "user", content: "What is the capital of France?" },
  ],
});
console.log(completion.choices[0]?.message.content);
