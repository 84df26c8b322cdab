// runTools() on every provider over real HTTP: a loop that needs two tool rounds (weather, then
// time) completes, each round's tool results travel in the provider's own format with the
// provider's own call ids, and the runner reports what happened with openai's events.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zodFunction } from "../../../src/helpers/zod.js";
import type { ChatCompletionMessageParam } from "../../../src/types.js";
import { useReplayServer } from "../use-replay-server.js";
import { fixture, PROVIDERS, type ProviderCase } from "./providers.js";

const replay = useReplayServer();

const FINAL = "It is 18°C and partly cloudy in Paris, and the local time is 14:05.";

/** Round n (0, 1, 2) is told apart by how many tool results the native request carries. */
function routeRounds(provider: ProviderCase): void {
  for (const round of [0, 1, 2]) {
    replay().route((request) => request.path === provider.path(false) && provider.toolResults(request) === round, {
      file: fixture(provider, `tools-round${round + 1}.json`),
    });
  }
}

/** The tool result for `toolCallId` as the provider received it (its own format). */
function nativeToolResult(provider: ProviderCase, body: Record<string, any>, name: string): unknown {
  switch (provider.name) {
    case "openai":
    case "groq":
    case "mistral":
      return body["messages"].filter((message: { role: string }) => message.role === "tool");
    case "anthropic":
      return body["messages"].flatMap((message: { content: unknown }) => (Array.isArray(message.content) ? message.content : [])).filter(
        (block: { type: string }) => block.type === "tool_result",
      );
    case "gemini":
      return body["contents"]
        .flatMap((content: { parts: Record<string, any>[] }) => content.parts)
        .filter((part: Record<string, any>) => part["functionResponse"]?.name === name || (name === "*" && part["functionResponse"]));
    default: {
      const exhaustive: never = provider.name;
      throw new Error(`unknown provider ${String(exhaustive)}`);
    }
  }
}

describe.each(PROVIDERS)("runTools() on $name", (provider) => {
  it("completes a loop that needs two tool rounds", async () => {
    routeRounds(provider);
    const weatherCalls: unknown[] = [];
    const timeCalls: unknown[] = [];
    const runner = provider.client(replay()).chat.completions.runTools({
      model: provider.model,
      messages: [{ role: "user", content: "What's the weather and the local time in Paris?" }],
      tools: [
        zodFunction({
          name: "get_weather",
          description: "Current weather in a city",
          parameters: z.object({ city: z.string() }),
          function: async (args) => {
            weatherCalls.push(args);
            return { city: args.city, temperature_c: 18, conditions: "partly cloudy" };
          },
        }),
        {
          type: "function",
          function: {
            name: "get_time",
            description: "Local time in an IANA time zone",
            parameters: { type: "object", properties: { timezone: { type: "string" } }, required: ["timezone"] },
            parse: (raw: string) => JSON.parse(raw) as { timezone: string },
            function: (args: { timezone: string }) => {
              timeCalls.push(args);
              return "14:05";
            },
          },
        },
      ],
    });
    const events: string[] = [];
    const calls: string[] = [];
    const results: string[] = [];
    const messages: ChatCompletionMessageParam[] = [];
    runner
      .on("connect", () => events.push("connect"))
      .on("functionToolCall", (call) => calls.push(`${call.name}(${call.arguments})`))
      .on("functionToolCallResult", (result) => results.push(result))
      .on("message", (message) => messages.push(message))
      .on("finalContent", () => events.push("finalContent"))
      .on("end", () => events.push("end"));

    expect(await runner.finalContent()).toBe(FINAL);
    expect(weatherCalls).toEqual([{ city: "Paris" }]);
    expect(timeCalls).toEqual([{ timezone: "Europe/Paris" }]);
    expect(calls.map((call) => call.replace(/\s/g, ""))).toEqual(['get_weather({"city":"Paris"})', 'get_time({"timezone":"Europe/Paris"})']);
    expect(results).toEqual([JSON.stringify({ city: "Paris", temperature_c: 18, conditions: "partly cloudy" }), "14:05"]);
    expect(messages.map((message) => message.role)).toEqual(["assistant", "tool", "assistant", "tool", "assistant"]);
    expect(events).toEqual(["connect", "connect", "connect", "finalContent", "end"]);
    expect(runner.allChatCompletions()).toHaveLength(3);
    expect((await runner.totalUsage()).total_tokens).toBeGreaterThan(0);

    // Three requests; the second carries the first result, the third both, in the provider's format
    // and under the provider's own call ids.
    expect(replay().requests.map((request) => provider.toolResults(request))).toEqual([0, 1, 2]);
    const [, second, third] = replay().requests.map((request) => request.body as Record<string, any>);
    const firstCall = messages[0] as { tool_calls: { id: string }[] };
    const secondCall = messages[2] as { tool_calls: { id: string }[] };
    const thirdResults = nativeToolResult(provider, third!, "*") as Record<string, any>[];
    expect(thirdResults).toHaveLength(2);
    switch (provider.name) {
      case "openai":
      case "groq":
      case "mistral":
        expect(thirdResults.map((message) => message["tool_call_id"])).toEqual([firstCall.tool_calls[0]!.id, secondCall.tool_calls[0]!.id]);
        expect(thirdResults[1]!["content"]).toBe("14:05");
        break;
      case "anthropic":
        expect(thirdResults.map((block) => block["tool_use_id"])).toEqual(["toolu_01Bx5Fz8Jl2No6Rs0Uv4Yw7A", "toolu_01Dz7Hb0Ln4Pq8Tu2Wx6Ay9C"]);
        break;
      case "gemini":
        // Gemini 2.5 gives calls no id: the result is matched by function name, recovered from the call.
        expect(thirdResults.map((part) => part["functionResponse"].name)).toEqual(["get_weather", "get_time"]);
        expect(nativeToolResult(provider, second!, "get_weather")).toHaveLength(1);
        break;
      default: {
        const exhaustive: never = provider.name;
        throw new Error(`unknown provider ${String(exhaustive)}`);
      }
    }
  });
});
