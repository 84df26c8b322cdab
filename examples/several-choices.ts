// Several answers to one question (n: 3). A provider without `n` (Anthropic) gets three requests in
// parallel, said in onellm.warnings.
import { OpenAI } from "onellm-sdk";

const client = new OpenAI();
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "anthropic/claude-sonnet-4-5";

const completion = await client.chat.completions.create({
  model,
  messages: [{ role: "user", content: "Suggest a name for a cat. One word." }],
  n: 3,
});
for (const choice of completion.choices) console.log(`${choice.index}: ${choice.message.content}`);
console.log(completion.onellm?.warnings);
