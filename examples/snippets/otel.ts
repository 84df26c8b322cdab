// OpenTelemetry: one span per call and one per HTTP attempt, with the GenAI semantic conventions.
import { OpenAI } from "onellm-sdk";
import { openTelemetryHooks } from "onellm-sdk/otel"; // @opentelemetry/api is an optional peer dependency

// The global tracer provider, or pass { tracer } / { tracerProvider }.
const client = new OpenAI({ hooks: openTelemetryHooks() });

const completion = await client.chat.completions.create({
  model: process.env["ONELLM_EXAMPLE_MODEL"] ?? "openai/gpt-4o-mini",
  messages: [{ role: "user", content: "Say hello in French, in one short sentence." }],
});
console.log(completion.choices[0]?.message.content);
