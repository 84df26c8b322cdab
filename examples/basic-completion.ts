// A question and its answer, from whichever provider `model` names.
import { OpenAI } from "onellm-sdk";

const client = new OpenAI(); // keys from OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, ...
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "anthropic/claude-sonnet-4-5"; // provider/model; a bare name means openai

const completion = await client.chat.completions.create({
  model,
  messages: [{ role: "user", content: "Say hello in French, in one short sentence." }],
});
console.log(completion.choices[0]?.message.content);
console.log(`served by ${completion.onellm?.provider}/${completion.onellm?.model}; ${completion.usage?.total_tokens} tokens`);
