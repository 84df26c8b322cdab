// runTools()'s loop and runner, modelled on `openai`'s ChatCompletionRunFunctions tests, over a
// scripted client: tool results in call order, concurrency, bad calls answered, abort, bounds.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ChatCompletionRunner } from "../../src/helpers/chat-completion-runner.js";
import { ChatCompletionStreamingRunner } from "../../src/helpers/chat-completion-streaming-runner.js";
import { zodFunction, zodResponseFormat } from "../../src/helpers/zod.js";
import { APIUserAbortError, InvalidRequestError } from "../../src/errors.js";
import { chunks, completion, mockClient, toolCall } from "./mock-client.js";

const messages = [{ role: "user" as const, content: "go" }];

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

const tool = (name: string, fn: (args: { n: number }) => unknown) => ({
  type: "function" as const,
  function: { name, description: name, parameters: { type: "object", properties: { n: { type: "number" } } }, parse: JSON.parse, function: fn },
});

describe("runTools()", () => {
  it("runs a round's calls concurrently and appends results in call order", async () => {
    const first = deferred<string>();
    const started: string[] = [];
    const { client, calls } = mockClient([
      completion({ tool_calls: [toolCall("c1", "slow", { n: 1 }), toolCall("c2", "fast", { n: 2 })] }, "tool_calls"),
      completion({ content: "done" }),
    ]);
    const runner = ChatCompletionRunner.runTools(client, {
      model: "gpt-4o",
      messages,
      tools: [
        tool("slow", () => {
          started.push("slow");
          return first.promise;
        }),
        tool("fast", () => {
          started.push("fast");
          // The slow call is still pending when this one runs: they overlap.
          first.resolve("slow result");
          return "fast result";
        }),
      ],
    });
    expect(await runner.finalContent()).toBe("done");
    expect(started).toEqual(["slow", "fast"]);
    const sent = calls[1]!.body.messages.filter((message) => message.role === "tool");
    expect(sent).toEqual([
      { role: "tool", tool_call_id: "c1", content: "slow result" },
      { role: "tool", tool_call_id: "c2", content: "fast result" },
    ]);
  });

  it("runs calls one at a time with parallel_tool_calls: false", async () => {
    const order: string[] = [];
    const { client, calls } = mockClient([
      completion({ tool_calls: [toolCall("c1", "a", { n: 1 }), toolCall("c2", "b", { n: 2 })] }, "tool_calls"),
      completion({ content: "done" }),
    ]);
    const runner = ChatCompletionRunner.runTools(client, {
      model: "gpt-4o",
      messages,
      parallel_tool_calls: false,
      tools: [
        tool("a", async () => {
          order.push("a start");
          await new Promise((resolve) => setTimeout(resolve, 5));
          order.push("a end");
          return 1;
        }),
        tool("b", () => {
          order.push("b");
          return 2;
        }),
      ],
    });
    await runner.done();
    expect(order).toEqual(["a start", "a end", "b"]);
    expect(calls[0]?.body.parallel_tool_calls).toBe(false);
  });

  it("answers an unknown tool and unparseable arguments to the model instead of failing", async () => {
    const { client, calls } = mockClient([
      completion({ tool_calls: [toolCall("c1", "nope", {}), toolCall("c2", "get", "{not json")] }, "tool_calls"),
      completion({ content: "sorry" }),
    ]);
    const runner = ChatCompletionRunner.runTools(client, { model: "gpt-4o", messages, tools: [tool("get", () => "x")] });
    expect(await runner.finalContent()).toBe("sorry");
    const [unknown, unparseable] = calls[1]!.body.messages.filter((message) => message.role === "tool") as { content: string }[];
    expect(unknown!.content).toBe('Invalid tool_call: "nope". Available options are: "get". Please try again');
    expect(unparseable!.content).toMatch(/JSON/);
  });

  it("validates zodFunction arguments and passes them typed", async () => {
    const received: unknown[] = [];
    const { client, calls } = mockClient([
      completion({ tool_calls: [toolCall("c1", "add", { a: 1, b: "two" }), toolCall("c2", "add", { a: 1, b: 2 })] }, "tool_calls"),
      completion({ content: "3" }),
    ]);
    const runner = ChatCompletionRunner.runTools(client, {
      model: "gpt-4o",
      messages,
      tools: [zodFunction({ name: "add", parameters: z.object({ a: z.number(), b: z.number() }), function: ({ a, b }) => (received.push([a, b]), a + b) })],
    });
    await runner.done();
    expect(received).toEqual([[1, 2]]);
    const results = calls[1]!.body.messages.filter((message) => message.role === "tool") as { content: string }[];
    expect(results[0]!.content).toContain("b");
    expect(results[1]!.content).toBe("3");
    // What the model was sent: the strict schema, without the function or its parser.
    expect(calls[0]!.body.tools).toEqual([
      { type: "function", function: { name: "add", parameters: expect.objectContaining({ type: "object", required: ["a", "b"], additionalProperties: false }), strict: true } },
    ]);
  });

  it("stops after the required function ran once (tool_choice names it)", async () => {
    const { client, calls } = mockClient([completion({ tool_calls: [toolCall("c1", "get", { n: 1 })] }, "tool_calls")]);
    const runner = ChatCompletionRunner.runTools(client, {
      model: "gpt-4o",
      messages,
      tool_choice: { type: "function", function: { name: "get" } },
      tools: [tool("get", () => "42")],
    });
    expect(await runner.finalFunctionToolCallResult()).toBe("42");
    expect(calls).toHaveLength(1);
  });

  it("asks at most maxChatCompletions times", async () => {
    const again = () => completion({ tool_calls: [toolCall("c", "get", { n: 1 })] }, "tool_calls");
    const { client, calls } = mockClient([again(), again(), again()]);
    const runner = ChatCompletionRunner.runTools(client, { model: "gpt-4o", messages, tools: [tool("get", () => "x")] }, { maxChatCompletions: 2 });
    await runner.done();
    expect(calls).toHaveLength(2);
    expect(calls[0]?.options).not.toHaveProperty("maxChatCompletions");
  });

  it("abort() during a tool run ends with abort and sends nothing more", async () => {
    const { client, calls } = mockClient([completion({ tool_calls: [toolCall("c1", "get", { n: 1 })] }, "tool_calls"), completion({ content: "never" })]);
    const runner: ChatCompletionRunner<null> = ChatCompletionRunner.runTools(client, {
      model: "gpt-4o",
      messages,
      tools: [tool("get", (): string => (runner.abort(), "x"))],
    });
    const events: string[] = [];
    runner.on("abort", () => events.push("abort")).on("end", () => events.push("end"));
    await expect(runner.done()).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(1);
    expect(events).toEqual(["abort", "end"]);
    expect(runner.aborted).toBe(true);
  });

  it("a tool that throws ends the run with its error", async () => {
    const { client } = mockClient([completion({ tool_calls: [toolCall("c1", "get", { n: 1 })] }, "tool_calls")]);
    const runner = ChatCompletionRunner.runTools(client, { model: "gpt-4o", messages, tools: [tool("get", () => { throw new Error("disk on fire"); })] });
    runner.on("error", () => undefined);
    await expect(runner.finalContent()).rejects.toThrow("disk on fire");
    expect(runner.errored).toBe(true);
  });

  it("refuses a function tool without code, before sending", async () => {
    const { client, calls } = mockClient([]);
    const runner = ChatCompletionRunner.runTools(client, {
      model: "gpt-4o",
      messages,
      tools: [{ type: "function", function: { name: "x", parameters: {} } } as never],
    });
    await expect(runner.done()).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });

  it("emits openai's runner events and sums usage", async () => {
    const { client } = mockClient([completion({ tool_calls: [toolCall("c1", "get", { n: 1 })] }, "tool_calls"), completion({ content: "fine" })]);
    const runner = ChatCompletionRunner.runTools(client, { model: "gpt-4o", messages, tools: [tool("get", () => ({ ok: true }))] });
    const events: string[] = [];
    for (const name of ["connect", "message", "chatCompletion", "functionToolCall", "functionToolCallResult", "content", "finalContent", "finalMessage", "finalChatCompletion", "finalFunctionToolCall", "finalFunctionToolCallResult", "totalUsage", "end"] as const) {
      runner.on(name, () => events.push(name));
    }
    expect(await runner.totalUsage()).toEqual({ prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 });
    expect(events).toEqual([
      "connect", "chatCompletion", "message", "functionToolCall", "message", "functionToolCallResult",
      "connect", "chatCompletion", "message", "content",
      "finalChatCompletion", "finalMessage", "finalContent", "finalFunctionToolCall", "finalFunctionToolCallResult", "totalUsage", "end",
    ]);
    expect(runner.messages.map((message) => message.role)).toEqual(["user", "assistant", "tool", "assistant"]);
  });

  it("sends earlier answers back without the helpers' parsed fields", async () => {
    const { client, calls } = mockClient([
      completion({ tool_calls: [toolCall("c1", "get", { n: 1 })] }, "tool_calls"),
      completion({ content: '{"ok":true}' }),
    ]);
    const runner = ChatCompletionRunner.runTools(client, {
      model: "gpt-4o",
      messages,
      response_format: zodResponseFormat(z.object({ ok: z.boolean() }), "result"),
      tools: [zodFunction({ name: "get", parameters: z.object({ n: z.number() }), function: () => "x" })],
    });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.message.parsed).toEqual({ ok: true });
    const assistant = calls[1]!.body.messages[1] as Record<string, any>;
    expect(assistant).not.toHaveProperty("parsed");
    expect(assistant["tool_calls"][0].function).toEqual({ name: "get", arguments: '{"n":1}' });
    // ...while the runner's own record keeps them, as openai's does.
    expect((runner.messages[1] as Record<string, any>)["tool_calls"][0].function.parsed_arguments).toEqual({ n: 1 });
  });
});

describe("runTools({ stream: true })", () => {
  it("streams each round and loops on its tool calls", async () => {
    const { client, calls } = mockClient([
      chunks([{ role: "assistant", tool_calls: [{ index: 0, id: "c1", type: "function", function: { name: "get", arguments: '{"n":' } }] }, { tool_calls: [{ index: 0, function: { arguments: "1}" } }] }, {}], "tool_calls"),
      chunks([{ role: "assistant", content: "All " }, { content: "done" }, {}]),
    ]);
    const runner = ChatCompletionStreamingRunner.runTools(client, { model: "gpt-4o", messages, stream: true, tools: [tool("get", ({ n }) => n * 2)] });
    const deltas: string[] = [];
    runner.on("content", (delta) => deltas.push(delta));
    expect(await runner.finalContent()).toBe("All done");
    expect(deltas).toEqual(["All ", "done"]);
    expect(calls.map((call) => call.body.stream)).toEqual([true, true]);
    expect(calls[1]!.body.messages.at(-1)).toEqual({ role: "tool", tool_call_id: "c1", content: "2" });
  });
});
