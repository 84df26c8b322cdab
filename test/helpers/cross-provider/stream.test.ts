// stream() on every provider over real HTTP: the same answer, recorded in each provider's own
// wire format, gives the same sequence of runner events (and the same payloads) from all five.
import { describe, expect, it } from "vitest";
import type { ChatCompletionStream } from "../../../src/helpers/chat-completion-stream.js";
import { useReplayServer } from "../use-replay-server.js";
import { fixture, PROVIDERS, type ProviderCase } from "./providers.js";

const replay = useReplayServer();

type Recorded = [event: string, payload?: unknown];

/** Every event but the raw `chunk` (how many chunks a provider sends is its own affair). */
function record(stream: ChatCompletionStream<null>): Recorded[] {
  const events: Recorded[] = [];
  stream
    .on("connect", () => events.push(["connect"]))
    .on("content", (delta, snapshot) => events.push(["content", { delta, snapshot }]))
    .on("content.delta", (event) => events.push(["content.delta", event]))
    .on("content.done", (event) => events.push(["content.done", event]))
    .on("refusal.delta", (event) => events.push(["refusal.delta", event]))
    .on("refusal.done", (event) => events.push(["refusal.done", event]))
    .on("tool_calls.function.arguments.delta", (event) => events.push(["tool_calls.function.arguments.delta", event]))
    .on("tool_calls.function.arguments.done", (event) => events.push(["tool_calls.function.arguments.done", event]))
    .on("logprobs.content.delta", (event) => events.push(["logprobs.content.delta", event]))
    .on("logprobs.content.done", (event) => events.push(["logprobs.content.done", event]))
    .on("chatCompletion", (completion) => events.push(["chatCompletion", completion.choices[0]?.message.content]))
    .on("message", (message) => events.push(["message", { role: message.role, content: message.content }]))
    .on("finalChatCompletion", (completion) => events.push(["finalChatCompletion", completion.choices[0]?.finish_reason]))
    .on("finalMessage", (message) => events.push(["finalMessage", { role: message.role, content: message.content }]))
    .on("finalContent", (content) => events.push(["finalContent", content]))
    .on("totalUsage", () => events.push(["totalUsage"]))
    .on("error", (error) => events.push(["error", error.message]))
    .on("end", () => events.push(["end"]));
  return events;
}

async function streamOn(provider: ProviderCase): Promise<{ events: Recorded[]; chunks: number; content: string | null }> {
  replay().route(provider.path(true), { file: fixture(provider, "stream.sse") });
  const stream = provider.client(replay()).chat.completions.stream({
    model: provider.model,
    messages: [{ role: "user", content: "What is the capital of France?" }],
  });
  const events = record(stream);
  let chunks = 0;
  for await (const _chunk of stream) chunks++;
  const content = await stream.finalContent();
  return { events, chunks, content };
}

describe("stream() across providers", () => {
  it("emits the same event sequence whatever the provider", async () => {
    const runs = new Map<string, Recorded[]>();
    for (const provider of PROVIDERS) {
      const { events, chunks, content } = await streamOn(provider);
      expect(content, provider.name).toBe("The capital of France is Paris.");
      expect(chunks, provider.name).toBeGreaterThanOrEqual(3);
      runs.set(provider.name, events);
    }
    const reference = runs.get("openai")!;
    expect(reference.map(([name]) => name)).toEqual([
      "connect",
      "content",
      "content.delta",
      "content",
      "content.delta",
      "content",
      "content.delta",
      "content.done",
      "chatCompletion",
      "message",
      "finalChatCompletion",
      "finalMessage",
      "finalContent",
      "end",
    ]);
    expect(reference[2]).toEqual(["content.delta", { delta: "The capital", snapshot: "The capital", parsed: null }]);
    expect(reference[7]).toEqual(["content.done", { content: "The capital of France is Paris.", parsed: null }]);
    for (const [name, events] of runs) {
      // Usage arrives only from providers that always report it in a stream; everything else is identical.
      expect(events.filter(([event]) => event !== "totalUsage"), name).toEqual(reference);
    }
  });
});

describe.each(PROVIDERS)("stream() on $name", (provider) => {
  it("iterates the unified chunks and gives the final completion", async () => {
    replay().route(provider.path(true), { file: fixture(provider, "stream.sse") });
    const stream = provider.client(replay()).chat.completions.stream({
      model: provider.model,
      messages: [{ role: "user", content: "What is the capital of France?" }],
    });
    const deltas: string[] = [];
    for await (const chunk of stream) deltas.push(chunk.choices[0]?.delta.content ?? "");
    expect(deltas.join("")).toBe("The capital of France is Paris.");
    const completion = await stream.finalChatCompletion();
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.message).toMatchObject({ role: "assistant", content: "The capital of France is Paris.", parsed: null });
    expect(completion.onellm?.provider).toBe(provider.name === "gemini" ? "google" : provider.name);
  });
});

/** Consecutive repeats collapsed: providers split tool arguments into different numbers of deltas. */
function collapse(names: string[]): string[] {
  return names.filter((name, index) => name !== names[index - 1]);
}

function routeStreamedRounds(provider: ProviderCase): void {
  const files = ["tools-stream-round1.sse", "tools-stream-round2.sse", "stream.sse"];
  files.forEach((file, round) => {
    replay().route((request) => request.path === provider.path(true) && provider.toolResults(request) === round, { file: fixture(provider, file) });
  });
}

describe("streamed tool calls across providers", () => {
  it("give the same tool-call events (arguments.delta … arguments.done) whatever the provider", async () => {
    const runs = new Map<string, { names: string[]; done: unknown[] }>();
    for (const provider of PROVIDERS) {
      replay().reset();
      replay().route(provider.path(true), { file: fixture(provider, "tools-stream-round1.sse") });
      const stream = provider.client(replay()).chat.completions.stream({
        model: provider.model,
        messages: [{ role: "user", content: "Weather in Paris?" }],
        tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
      });
      const events = record(stream);
      const completion = await stream.finalChatCompletion();
      expect(completion.choices[0]?.finish_reason, provider.name).toBe("tool_calls");
      const names = collapse(events.map(([name]) => name).filter((name) => name !== "totalUsage"));
      const done = events.filter(([name]) => name === "tool_calls.function.arguments.done").map(([, payload]) => payload);
      runs.set(provider.name, { names, done });
    }
    const reference = runs.get("openai")!;
    expect(reference.names).toEqual([
      "connect",
      "tool_calls.function.arguments.delta",
      "tool_calls.function.arguments.done",
      "chatCompletion",
      "message",
      "finalChatCompletion",
      "finalMessage",
      "end",
    ]);
    for (const [name, run] of runs) {
      expect(run.names, name).toEqual(reference.names);
      const [done] = run.done as { name: string; index: number; arguments: string }[];
      expect({ ...done, arguments: JSON.parse(done!.arguments) }, name).toEqual({ name: "get_weather", index: 0, arguments: { city: "Paris" }, parsed_arguments: null });
    }
  });
});

describe.each(PROVIDERS)("runTools({ stream: true }) on $name", (provider) => {
  it("streams every round of a two-round tool loop", async () => {
    routeStreamedRounds(provider);
    const runner = provider.client(replay()).chat.completions.runTools({
      model: provider.model,
      stream: true,
      messages: [{ role: "user", content: "Weather and time in Paris?" }],
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Current weather in a city",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
            parse: JSON.parse,
            function: ({ city }: { city: string }) => ({ city, temperature_c: 18 }),
          },
        },
        {
          type: "function",
          function: {
            name: "get_time",
            description: "Local time in a time zone",
            parameters: { type: "object", properties: { timezone: { type: "string" } }, required: ["timezone"] },
            parse: JSON.parse,
            function: () => "14:05",
          },
        },
      ],
    });
    const argumentsDone: string[] = [];
    const results: string[] = [];
    runner.on("tool_calls.function.arguments.done", (event) => argumentsDone.push(event.name));
    runner.on("functionToolCallResult", (result) => results.push(result));
    expect(await runner.finalContent()).toBe("The capital of France is Paris.");
    expect(argumentsDone).toEqual(["get_weather", "get_time"]);
    expect(results).toEqual(['{"city":"Paris","temperature_c":18}', "14:05"]);
    expect(replay().requests.map((request) => provider.toolResults(request))).toEqual([0, 1, 2]);
    expect(runner.messages.map((message) => message.role)).toEqual(["user", "assistant", "tool", "assistant", "tool", "assistant"]);
  });
});
