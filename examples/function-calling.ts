// Function calling, the whole loop: the model asks for a tool, we run it and send the result back,
// until it answers. The history is OpenAI's messages, whichever provider answers.
import { OpenAI } from "onellm-sdk";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "onellm-sdk";

const client = new OpenAI();
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "anthropic/claude-sonnet-4-5";

const tools: ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "The current weather in a city",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
];
function getWeather(city: string) {
  return { city, temperature_c: 18, conditions: "sunny" }; // your own code here
}

const messages: ChatCompletionMessageParam[] = [{ role: "user", content: "What's the weather in Paris?" }];
for (;;) {
  const completion = await client.chat.completions.create({ model, messages, tools });
  const message = completion.choices[0]!.message;
  messages.push(message); // the assistant turn, as returned
  if (!message.tool_calls?.length) {
    console.log(message.content);
    break;
  }
  for (const call of message.tool_calls) {
    if (call.type !== "function") continue;
    console.log(`tool call: ${call.function.name}(${call.function.arguments})`);
    const { city } = JSON.parse(call.function.arguments) as { city: string };
    messages.push({ role: "tool", tool_call_id: call.id, content: JSON.stringify(getWeather(city)) });
  }
}
