// One program written for `openai`'s helpers — parse with zodResponseFormat, runTools with
// zodFunction and runnable tools, the stream runner's events and final methods, the helper types —
// compiled twice by the TypeScript compiler: against `openai`, and against onellm with only the two
// import lines swapped. Both must compile without a single error.
import { describe, expect, it } from "vitest";
import { probe } from "../editor/language-service.js";

const PROGRAM = `
const client = new OpenAI();
const CalendarEvent = z.object({ name: z.string(), date: z.string(), participants: z.array(z.string()) });

export async function structured(): Promise<string | undefined> {
  const completion = await client.chat.completions.parse({
    model: "gpt-4o-2024-08-06",
    messages: [
      { role: "system", content: "Extract the event information." },
      { role: "user", content: "Alice and Bob are going to a science fair on Friday." },
    ],
    response_format: zodResponseFormat(CalendarEvent, "event"),
  });
  const message = completion.choices[0]?.message;
  if (message?.refusal) return message.refusal;
  const event = message?.parsed;
  const names: string[] | undefined = event?.participants;
  const date: string | undefined = completion.choices[0]?.message.parsed?.date;
  // @ts-expect-error parsed is typed from the schema (participants is a string[]), not any
  const wrong: number | undefined = completion.choices[0]?.message.parsed?.participants;
  void date, wrong;
  return names?.join(", ");
}

export async function tools(): Promise<string | null> {
  const runner = client.chat.completions
    .runTools({
      model: "gpt-4o",
      messages: [{ role: "user", content: "How is the weather this week?" }],
      tools: [
        zodFunction({
          name: "getWeather",
          parameters: z.object({ city: z.string() }),
          // @ts-expect-error the arguments are typed from the zod schema (city is a string)
          function: async ({ city }) => ({ city, temperature: city.toFixed(1) }),
          description: "Get the weather for a city",
        }),
      ],
    })
    .on("message", (message) => console.log(message.role))
    .on("functionToolCall", (call) => console.log(call.name, call.arguments))
    .on("functionToolCallResult", (result: string) => console.log(result))
    .on("content", (content: string) => console.log(content));
  const usage = await runner.totalUsage();
  console.log(usage.total_tokens, runner.messages.length, (await runner.finalMessage()).content);
  return runner.finalContent();
}

export async function runnable(): Promise<void> {
  const runner = client.chat.completions.runTools({
    model: "gpt-4o",
    stream: true,
    messages: [{ role: "user", content: "How many properties in {a: 1, b: 2}?" }],
    tools: [
      {
        type: "function",
        function: {
          function: (args: { a: number }) => String(Object.keys(args).length),
          parse: (raw: string) => JSON.parse(raw) as { a: number },
          parameters: { type: "object", properties: { a: { type: "number" } } },
          description: "Counts properties",
        },
      },
    ],
  });
  runner.on("content", (delta, snapshot) => console.log(delta, snapshot));
  for await (const chunk of runner) console.log(chunk.choices[0]?.delta.content);
  await runner.done();
}

export async function streaming(): Promise<void> {
  const stream = client.chat.completions
    .stream({
      model: "gpt-4o-2024-08-06",
      messages: [{ role: "user", content: "Extract the event" }],
      response_format: zodResponseFormat(CalendarEvent, "event"),
    })
    .on("content.delta", ({ delta, snapshot, parsed }) => console.log(delta, snapshot, parsed))
    .on("content.done", ({ content, parsed }) => console.log(content, parsed?.participants))
    .on("refusal.delta", ({ delta }) => console.log(delta))
    .on("refusal.done", ({ refusal }) => console.log(refusal))
    .on("tool_calls.function.arguments.delta", ({ name, index, arguments_delta }) => console.log(name, index, arguments_delta))
    .on("tool_calls.function.arguments.done", ({ name, parsed_arguments }) => console.log(name, parsed_arguments))
    .on("logprobs.content.delta", ({ content, snapshot }) => console.log(content.length, snapshot.length))
    .on("logprobs.content.done", ({ content }) => console.log(content.length))
    .on("chunk", (chunk, snapshot) => console.log(chunk.id, snapshot.choices.length))
    .on("error", (error) => console.error(error.message))
    .on("abort", (error) => console.error(error.message))
    .on("end", () => console.log("end"));
  for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? "");
  const final = await stream.finalChatCompletion();
  console.log(final.choices[0]?.message.parsed?.name, await stream.finalContent());
  const body: ReadableStream = stream.toReadableStream();
  void body;
  stream.abort();
  if (stream.aborted || stream.ended || stream.errored) console.log("done");
  const message = await stream.emitted("finalMessage");
  void message;
}
`;

describe("code written for openai's helpers", () => {
  it("compiles against openai itself (the program is valid)", () => {
    const source = `import OpenAI from "openai";\nimport { zodFunction, zodResponseFormat } from "openai/helpers/zod";\nimport { z } from "zod";\n${PROGRAM}`;
    expect(probe(source, "__openai_helpers__.ts").diagnostics()).toEqual([]);
  }, 60_000);

  it("compiles unchanged against onellm (only the imports swapped)", () => {
    const source = `import OpenAI from "../../src/index.js";\nimport { zodFunction, zodResponseFormat } from "../../src/helpers/zod.js";\nimport { z } from "zod";\n${PROGRAM}`;
    expect(probe(source, "__onellm_helpers__.ts").diagnostics()).toEqual([]);
  }, 60_000);
});
