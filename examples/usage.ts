// The README's usage examples, as functions the demo runs (against mocks or the real APIs).
import type { OpenAI } from "onellm-sdk";

export async function plainCompletion(client: OpenAI, model: string): Promise<void> {
  const completion = await client.chat.completions.create({
    model,
    messages: [{ role: "user", content: "Hello" }],
  });
  console.log("content:", completion.choices[0]?.message.content);
  console.log("served by:", `${completion.onellm?.provider}/${completion.onellm?.model}`, "attempts:", completion.onellm?.attempts.length);
}

export async function streamedCompletion(client: OpenAI, model: string): Promise<void> {
  const stream = await client.chat.completions.create({
    model,
    messages: [{ role: "user", content: "Tell me a story" }],
    stream: true,
    stream_options: { include_usage: true },
  });
  process.stdout.write("streamed: ");
  let usage;
  for await (const chunk of stream) {
    process.stdout.write(chunk.choices[0]?.delta.content ?? "");
    usage = chunk.usage ?? usage;
  }
  process.stdout.write("\n");
  console.log("usage:", usage);
}

export async function toolCall(client: OpenAI, model: string): Promise<void> {
  const completion = await client.chat.completions.create({
    model,
    messages: [{ role: "user", content: "Weather in Paris and Tokyo?" }],
    tools: [
      {
        type: "function",
        function: {
          name: "get_weather",
          parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        },
      },
    ],
  });
  for (const call of completion.choices[0]?.message.tool_calls ?? []) {
    if (call.type === "function") console.log("tool call:", call.function.name, JSON.parse(call.function.arguments));
  }
  console.log("finish_reason:", completion.choices[0]?.finish_reason);
}

export async function jsonMode(client: OpenAI, model: string): Promise<void> {
  const completion = await client.chat.completions.create({
    model,
    messages: [{ role: "user", content: "Name a scientist, as JSON with name and born." }],
    response_format: {
      type: "json_schema",
      json_schema: { name: "scientist", schema: { type: "object", properties: { name: { type: "string" }, born: { type: "integer" } } } },
    },
  });
  console.log("parsed JSON:", JSON.parse(completion.choices[0]?.message.content ?? "{}"));
  if (completion.onellm?.warnings.length) console.log("warnings:", completion.onellm.warnings);
}

export async function fallback(client: OpenAI, model: string, fallbackModel: string): Promise<void> {
  const completion = await client.chat.completions.create({
    model,
    messages: [{ role: "user", content: "Hello" }],
    fallback_models: [fallbackModel],
    retries: 1,
  });
  console.log("content:", completion.choices[0]?.message.content);
  console.log(
    "attempts:",
    completion.onellm?.attempts.map((attempt) => `${attempt.provider}/${attempt.model} -> ${attempt.status ?? attempt.error}`).join(", "),
  );
}
