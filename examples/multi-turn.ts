// Multi-turn: append the returned message as it is and ask again — here of another provider. Any
// provider's reply is valid history for every other.
import { OpenAI } from "onellm-sdk";
import type { ChatCompletionMessageParam } from "onellm-sdk";

const client = new OpenAI();
const first = process.env["ONELLM_EXAMPLE_MODEL"] ?? "openai/gpt-4o-mini";
const second = process.env["ONELLM_EXAMPLE_SECOND_MODEL"] ?? "anthropic/claude-sonnet-4-5";

const messages: ChatCompletionMessageParam[] = [
  { role: "user", content: "My name is Ada and I collect teapots. Suggest a name for my cat, in one line." },
];
const one = await client.chat.completions.create({ model: first, messages });
messages.push(one.choices[0]!.message);
console.log(`${first}: ${one.choices[0]?.message.content}`);

messages.push({ role: "user", content: "Why that name?" });
const two = await client.chat.completions.create({ model: second, messages });
console.log(`${second}: ${two.choices[0]?.message.content}`);
