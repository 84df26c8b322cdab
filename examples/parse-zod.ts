// parse() with a zod schema: message.parsed is typed and checked, on every provider.
import { OpenAI } from "onellm-sdk";
import { zodResponseFormat } from "onellm-sdk/helpers/zod"; // zod 4 is an optional peer dependency
import { z } from "zod";

const client = new OpenAI();
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "anthropic/claude-sonnet-4-5";

const Weather = z.object({ city: z.string(), temperature_c: z.number(), conditions: z.string() });
const completion = await client.chat.completions.parse({
  model,
  messages: [{ role: "user", content: "What's the weather in Paris? Make it up." }],
  response_format: zodResponseFormat(Weather, "weather"),
});
const weather = completion.choices[0]?.message.parsed; // { city: string; temperature_c: number; conditions: string } | null
if (weather) console.log(`${weather.city}: ${weather.temperature_c} °C, ${weather.conditions}`);
