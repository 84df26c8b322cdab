// runTools(): your functions are called until the model answers (a round's calls concurrently
// unless parallel_tool_calls is false), with arguments checked by zod.
import { OpenAI } from "onellm-sdk";
import { zodFunction } from "onellm-sdk/helpers/zod";
import { z } from "zod";

const client = new OpenAI();
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "google/gemini-2.5-flash";

const runner = client.chat.completions.runTools({
  model,
  messages: [{ role: "user", content: "What's the weather in Paris?" }],
  tools: [
    zodFunction({
      name: "get_weather",
      description: "The current weather in a city",
      parameters: z.object({ city: z.string() }),
      function: ({ city }) => ({ city, temperature_c: 18, conditions: "sunny" }),
    }),
  ],
});
runner.on("functionToolCall", (call) => console.log(`tool call: ${call.name}(${call.arguments})`));
console.log(await runner.finalContent());
