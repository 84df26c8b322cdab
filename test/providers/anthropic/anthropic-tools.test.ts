import { describe, expect, it } from "vitest";
import { UnsupportedParameterError } from "../../../src/errors.js";
import type { TranslateContext, UnifiedRequest, UnsupportedPolicy } from "../../../src/providers/contract.js";
import { toAnthropicRequest } from "../../../src/providers/anthropic/anthropic-request.js";
import { toAnthropicToolChoice } from "../../../src/providers/anthropic/anthropic-tools.js";
import { createTranslateContext } from "../../../src/router/translate-context.js";

const MODEL = "claude-sonnet-4-5";

function context(policy: UnsupportedPolicy = "error"): TranslateContext {
  return createTranslateContext("anthropic", MODEL, policy, undefined);
}

const weather = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] },
  },
} as const;

function translate(fields: Partial<UnifiedRequest>, translateContext: TranslateContext = context()) {
  return toAnthropicRequest({ model: `anthropic/${MODEL}`, messages: [{ role: "user", content: "Hi" }], ...fields }, translateContext);
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("tools", () => {
  it("maps function tools to name, description and input_schema", () => {
    const body = translate({
      tools: [weather, { type: "function", function: { name: "get_time", strict: true } }],
    });
    expect(body.tools).toEqual([
      {
        name: "get_weather",
        description: "Current weather for a city",
        input_schema: { type: "object", properties: { location: { type: "string" } }, required: ["location"] },
      },
      { name: "get_time", input_schema: { type: "object", properties: {} }, strict: true },
    ]);
    expect(body).not.toHaveProperty("tool_choice");
  });

  it("reports custom (free-form) tools", () => {
    const error = thrown(() => translate({ tools: [weather, { type: "custom", custom: { name: "grammar_tool" } }] }));
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe("tools[1] (custom tool)");
  });

  it.each([
    ["auto", { type: "auto" }],
    ["none", { type: "none" }],
    ["required", { type: "any" }],
  ] as const)("maps tool_choice %s", (choice, expected) => {
    expect(translate({ tools: [weather], tool_choice: choice }).tool_choice).toEqual(expected);
  });

  it("maps a named function choice to a tool choice", () => {
    expect(translate({ tools: [weather], tool_choice: { type: "function", function: { name: "get_weather" } } }).tool_choice).toEqual({
      type: "tool",
      name: "get_weather",
    });
  });

  it("maps parallel_tool_calls false to disable_parallel_tool_use, with auto as the default choice", () => {
    expect(translate({ tools: [weather], parallel_tool_calls: false }).tool_choice).toEqual({ type: "auto", disable_parallel_tool_use: true });
    expect(translate({ tools: [weather], parallel_tool_calls: false, tool_choice: "required" }).tool_choice).toEqual({
      type: "any",
      disable_parallel_tool_use: true,
    });
    expect(
      translate({ tools: [weather], parallel_tool_calls: false, tool_choice: { type: "function", function: { name: "get_weather" } } }).tool_choice,
    ).toEqual({ type: "tool", name: "get_weather", disable_parallel_tool_use: true });
    expect(translate({ tools: [weather], parallel_tool_calls: false, tool_choice: "none" }).tool_choice).toEqual({ type: "none" });
  });

  it("sends no tool_choice without tools", () => {
    const body = translate({ tool_choice: "auto", parallel_tool_calls: false });
    expect(body).not.toHaveProperty("tool_choice");
    expect(body).not.toHaveProperty("tools");
  });

  it("reports allowed_tools choices, which Anthropic lacks", () => {
    const error = thrown(() =>
      translate({ tools: [weather], tool_choice: { type: "allowed_tools", allowed_tools: { mode: "auto", tools: [{ type: "function", function: { name: "get_weather" } }] } } }),
    );
    expect((error as UnsupportedParameterError).parameter).toBe("tool_choice");
    const dropping = context("drop");
    expect(toAnthropicToolChoice({ type: "allowed_tools", allowed_tools: { mode: "auto", tools: [] } }, undefined, dropping)).toBeUndefined();
    expect(dropping.warnings).toHaveLength(1);
  });

  it("keeps valid tool ids and rewrites those Anthropic's id pattern forbids, the same way for call and result, without collisions", () => {
    const call = (id: string) => ({ id, type: "function" as const, function: { name: "get_weather", arguments: '{"location":"Oslo"}' } });
    const body = translate({
      messages: [
        { role: "user", content: "Weather?" },
        { role: "assistant", tool_calls: [call("toolu_01A09q90qw90lq917835lq9"), call("functions.get_weather:0"), call("functions_get_weather:0"), call("call_abc-123")] },
        { role: "tool", tool_call_id: "toolu_01A09q90qw90lq917835lq9", content: "-3°C" },
        { role: "tool", tool_call_id: "functions.get_weather:0", content: "-4°C" },
        { role: "tool", tool_call_id: "functions_get_weather:0", content: "-5°C" },
        { role: "tool", tool_call_id: "call_abc-123", content: "-6°C" },
      ],
      tools: [weather],
    });
    const uses = (body.messages[1]!.content as { id: string }[]).map((block) => block.id);
    const results = (body.messages[2]!.content as { tool_use_id: string }[]).map((block) => block.tool_use_id);
    expect(results).toEqual(uses);
    expect(uses[0]).toBe("toolu_01A09q90qw90lq917835lq9");
    expect(uses[3]).toBe("call_abc-123");
    expect(uses[1]).toMatch(/^functions_get_weather_0_[A-Za-z0-9]{10}$/);
    expect(uses[2]).toMatch(/^functions_get_weather_0_[A-Za-z0-9]{10}$/);
    expect(new Set(uses).size).toBe(4);
    for (const id of uses) expect(id).toMatch(/^[a-zA-Z0-9_-]+$/);
  });

  it("sends an empty tool result without content, since Anthropic rejects empty text", () => {
    const body = translate({
      messages: [
        { role: "user", content: "Clear the cache" },
        { role: "assistant", tool_calls: [{ id: "call_9", type: "function", function: { name: "clear_cache", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "call_9", content: "" },
      ],
      tools: [{ type: "function", function: { name: "clear_cache" } }],
    });
    expect(body.messages[2]).toEqual({ role: "user", content: [{ type: "tool_result", tool_use_id: "call_9" }] });
  });

  it("reports custom tool calls in the history", () => {
    const error = thrown(() =>
      translate({
        messages: [
          { role: "user", content: "Hi" },
          { role: "assistant", tool_calls: [{ id: "call_1", type: "custom", custom: { name: "sql", input: "SELECT 1" } }] },
        ],
      }),
    );
    expect((error as UnsupportedParameterError).parameter).toBe("messages[1].tool_calls[0] (custom tool call)");
  });
});
