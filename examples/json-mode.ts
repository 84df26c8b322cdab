// JSON mode and JSON Schema. Each provider takes them natively where it can and emulates them where
// it cannot (older Claude models: a forced tool); onellm.warnings says which.
import { OpenAI } from "onellm-sdk";

const client = new OpenAI();
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "openai/gpt-4o-mini";

const anyJson = await client.chat.completions.create({
  model,
  messages: [{ role: "user", content: "Name a famous scientist, as a JSON object with name and born (the year)." }],
  response_format: { type: "json_object" },
});
console.log("json_object:", JSON.parse(anyJson.choices[0]?.message.content ?? "null"), anyJson.onellm?.warnings);

const shaped = await client.chat.completions.create({
  model,
  messages: [{ role: "user", content: "Name a famous scientist." }],
  response_format: {
    type: "json_schema",
    json_schema: {
      name: "scientist",
      strict: true,
      schema: {
        type: "object",
        properties: { name: { type: "string" }, born: { type: "integer" } },
        required: ["name", "born"],
        additionalProperties: false,
      },
    },
  },
});
console.log("json_schema:", JSON.parse(shaped.choices[0]?.message.content ?? "null"), shaped.onellm?.warnings);
