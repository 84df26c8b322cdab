// The second pass over Anthropic requests: reasoning_effort -> thinking / effort per model, native
// structured outputs, cache_control pass-through, web search, and replaying Anthropic's own
// reasoning_details (signed thinking first in the assistant turn, redacted thinking too).
import { describe, expect, it } from "vitest";
import { InvalidRequestError, UnsupportedParameterError } from "../../../src/errors.js";
import type { UnifiedRequest, UnsupportedPolicy } from "../../../src/providers/contract.js";
import { toAnthropicRequest } from "../../../src/providers/anthropic/anthropic-request.js";
import { createTranslateContext } from "../../../src/router/translate-context.js";
import type { ChatCompletionMessageParam } from "../../../src/types.js";

const ask: ChatCompletionMessageParam[] = [{ role: "user", content: "What is 27 * 453?" }];

function translate(model: string, fields: Partial<UnifiedRequest>, policy: UnsupportedPolicy = "error") {
  const context = createTranslateContext("anthropic", model, policy, undefined);
  const body = toAnthropicRequest({ model: `anthropic/${model}`, messages: ask, ...fields }, context);
  return { body, warnings: context.warnings };
}

describe("reasoning_effort -> extended thinking", () => {
  it("gives budget models a thinking budget per level and room for it in max_tokens", () => {
    expect(translate("claude-sonnet-4-5", { reasoning_effort: "low" }).body).toMatchObject({ thinking: { type: "enabled", budget_tokens: 2048 }, max_tokens: 2048 + 4096 });
    expect(translate("claude-3-7-sonnet-20250219", { reasoning_effort: "high" }).body).toMatchObject({ thinking: { type: "enabled", budget_tokens: 16384 }, max_tokens: 16384 + 4096 });
    // The default limit never passes the model's own maximum output.
    expect(translate("claude-opus-4-1", { reasoning_effort: "max" }).body).toMatchObject({ thinking: { type: "enabled", budget_tokens: 31999 }, max_tokens: 32000 });
    expect(translate("claude-sonnet-4-5", { reasoning_effort: "medium" }).body.output_config).toBeUndefined();
  });

  it("adds output_config.effort where the model takes it (Opus 4.5), and adaptive thinking from 4.6 on", () => {
    expect(translate("claude-opus-4-5-20251101", { reasoning_effort: "medium" }).body).toMatchObject({
      thinking: { type: "enabled", budget_tokens: 8192 },
      output_config: { effort: "medium" },
    });
    expect(translate("claude-opus-4-6", { reasoning_effort: "max", max_completion_tokens: 20000 }).body).toMatchObject({
      thinking: { type: "adaptive" },
      output_config: { effort: "max" },
      max_tokens: 20000,
    });
    expect(() => translate("claude-opus-4-6", { reasoning_effort: "minimal" }).body).toThrow(/"minimal": Claude Opus 4\.6 takes "low", "medium", "high", "max"/);
  });

  it("sends nothing for none (Claude does not think unless asked)", () => {
    const { body } = translate("claude-sonnet-4-5", { reasoning_effort: "none" });
    expect(body.thinking).toBeUndefined();
    expect(body.max_tokens).toBe(4096);
  });

  it("refuses a caller's max_tokens that leaves no room for the budget, before the network", () => {
    const act = () => translate("claude-sonnet-4-5", { reasoning_effort: "medium", max_completion_tokens: 8192 });
    expect(act).toThrow(InvalidRequestError);
    expect(act).toThrow(/a thinking budget of 8192 tokens\) must be below max_tokens, which is 8192/);
    expect(translate("claude-sonnet-4-5", { reasoning_effort: "medium", max_tokens: 9000 }).body.max_tokens).toBe(9000);
  });

  it("refuses what Anthropic rejects with thinking on: temperature other than 1, top_p below 0.95, a forced tool", () => {
    expect(() => translate("claude-sonnet-4-5", { reasoning_effort: "low", temperature: 0.2 })).toThrow(/`temperature`.*temperature 1/);
    expect(() => translate("claude-sonnet-4-5", { reasoning_effort: "low", top_p: 0.5 })).toThrow(/`top_p`.*0\.95/);
    const tools = [{ type: "function" as const, function: { name: "f" } }];
    expect(() => translate("claude-sonnet-4-5", { reasoning_effort: "low", tools, tool_choice: "required" })).toThrow(/`tool_choice`.*forced tool/);
    const kept = translate("claude-sonnet-4-5", { reasoning_effort: "low", temperature: 1, top_p: 0.97 }).body;
    expect(kept).toMatchObject({ temperature: 1, top_p: 0.97 });
    const dropped = translate("claude-sonnet-4-5", { reasoning_effort: "low", tools, tool_choice: "required", temperature: 0 }, "drop");
    expect(dropped.body.tool_choice).toBeUndefined();
    expect(dropped.body.temperature).toBeUndefined();
  });
});

describe("response_format on Anthropic", () => {
  const schema = { type: "object", properties: { answer: { type: "integer" }, steps: { type: "array", items: { type: "object", properties: { note: { type: "string" } } } } }, required: ["answer"] };

  it("uses output_config.format natively on models with structured outputs, closing open objects with a warning", () => {
    const { body, warnings } = translate("claude-sonnet-4-5", { response_format: { type: "json_schema", json_schema: { name: "product", schema } } });
    expect(body.tools).toBeUndefined();
    expect(body.tool_choice).toBeUndefined();
    expect(body.output_config).toEqual({
      format: {
        type: "json_schema",
        schema: {
          type: "object",
          properties: { answer: { type: "integer" }, steps: { type: "array", items: { type: "object", properties: { note: { type: "string" } }, additionalProperties: false } } },
          required: ["answer"],
          additionalProperties: false,
        },
      },
    });
    expect(warnings).toEqual([
      "anthropic: response_format.json_schema.schema: additionalProperties: false was added at /properties/steps/items, the root (Anthropic's structured outputs take closed objects only).",
    ]);
  });

  it("moves numeric, length and count constraints into the description, as Anthropic's SDKs do, and says so", () => {
    const constrained = { type: "object", properties: { age: { type: "integer", minimum: 0, maximum: 150, description: "Age" }, tags: { type: "array", items: { type: "string", maxLength: 20 }, minItems: 1 } }, required: ["age"], additionalProperties: false };
    const { body, warnings } = translate("claude-sonnet-4-5", { response_format: { type: "json_schema", json_schema: { name: "p", schema: constrained } } });
    expect(body.output_config?.format?.schema).toEqual({
      type: "object",
      properties: { age: { type: "integer", description: "Age (minimum: 0, maximum: 150)" }, tags: { type: "array", items: { type: "string", description: "(maxLength: 20)" }, minItems: 1 } },
      required: ["age"],
      additionalProperties: false,
    });
    expect(warnings).toEqual([
      "anthropic: response_format.json_schema.schema: minimum, maximum at /properties/age, maxLength at /properties/tags/items moved into the description (Anthropic's structured outputs do not enforce numeric, length or count constraints); check them in your code.",
    ]);
  });

  it("refuses a schema asking for extra properties, which structured outputs cannot honour", () => {
    const open = { type: "object", properties: { tags: { type: "object", additionalProperties: { type: "string" } } }, additionalProperties: false };
    expect(() => translate("claude-haiku-4-5", { response_format: { type: "json_schema", json_schema: { name: "x", schema: open } } })).toThrow(/\/properties\/tags allows more/);
  });

  it("keeps the forced-tool emulation for older models, and combines native format with thinking", () => {
    const older = translate("claude-sonnet-4-20250514", { response_format: { type: "json_schema", json_schema: { name: "product", schema } } });
    expect(older.body.tool_choice).toEqual({ type: "tool", name: "product", disable_parallel_tool_use: true });
    expect(older.warnings).toEqual(['response_format is emulated for anthropic: json_schema through a forced tool "product"; its input is returned as message.content']);
    const thinking = translate("claude-sonnet-4-5", { reasoning_effort: "low", response_format: { type: "json_schema", json_schema: { name: "product", schema } } });
    expect(thinking.body).toMatchObject({ thinking: { type: "enabled" }, output_config: { format: { type: "json_schema" } } });
    expect(thinking.body.tools).toBeUndefined();
  });

  it("never combines the forced-tool emulation with thinking, and says so", () => {
    const act = () => translate("claude-sonnet-4-20250514", { reasoning_effort: "low", response_format: { type: "json_object" } });
    expect(act).toThrow(UnsupportedParameterError);
    expect(act).toThrow(/Thinking may not be enabled when tool_choice forces tool use/);
    const dropped = translate("claude-sonnet-4-20250514", { reasoning_effort: "low", response_format: { type: "json_object" } }, "warn");
    expect(dropped.body.tools).toBeUndefined();
    expect(dropped.body.thinking).toEqual({ type: "enabled", budget_tokens: 2048 });
    expect(dropped.warnings[0]).toMatch(/`response_format`.*it was not sent/);
  });
});

describe("cache_control", () => {
  it("passes cache_control through on parts, system blocks, tool results and tools, the 1-hour TTL included", () => {
    const { body } = translate("claude-sonnet-4-5", {
      messages: [
        { role: "system", content: [{ type: "text", text: "Long instructions", cache_control: { type: "ephemeral", ttl: "1h" } }] },
        { role: "user", content: [{ type: "text", text: "A long document", cache_control: { type: "ephemeral" } }, { type: "text", text: "Question", prompt_cache_breakpoint: { mode: "explicit" } }] },
      ],
      tools: [{ type: "function", function: { name: "lookup" }, cache_control: { type: "ephemeral", ttl: "1h" } }],
    });
    expect(body.system).toEqual([{ type: "text", text: "Long instructions", cache_control: { type: "ephemeral", ttl: "1h" } }]);
    expect(body.messages[0]?.content).toEqual([
      { type: "text", text: "A long document", cache_control: { type: "ephemeral" } },
      { type: "text", text: "Question", cache_control: { type: "ephemeral" } },
    ]);
    expect(body.tools).toEqual([{ name: "lookup", input_schema: { type: "object", properties: {} }, cache_control: { type: "ephemeral", ttl: "1h" } }]);
  });
});

describe("web_search_options", () => {
  it("becomes the web search server tool, with the approximate user location", () => {
    const { body } = translate("claude-sonnet-4-5", {
      web_search_options: { user_location: { type: "approximate", approximate: { city: "Zürich", country: "CH", timezone: "Europe/Zurich" } } },
    });
    expect(body.tools).toEqual([{ type: "web_search_20250305", name: "web_search", user_location: { type: "approximate", city: "Zürich", country: "CH", timezone: "Europe/Zurich" } }]);
  });

  it("refuses a search context size, which the tool does not have", () => {
    expect(() => translate("claude-sonnet-4-5", { web_search_options: { search_context_size: "high" } })).toThrow(/web_search_options.search_context_size/);
  });
});

describe("image detail", () => {
  const image = (detail: "auto" | "high" | "low") => ({ role: "user" as const, content: [{ type: "image_url" as const, image_url: { url: "https://example.com/cat.png", detail } }] });

  it("accepts auto and high (Anthropic reads images at full resolution) and refuses only low", () => {
    expect(translate("claude-sonnet-4-5", { messages: [image("high")] }).body.messages[0]?.content).toEqual([{ type: "image", source: { type: "url", url: "https://example.com/cat.png" } }]);
    expect(translate("claude-sonnet-4-5", { messages: [image("auto")] }).warnings).toEqual([]);
    expect(() => translate("claude-sonnet-4-5", { messages: [image("low")] })).toThrow(/image_url\.detail.*full resolution/);
  });
});

describe("replaying Anthropic's reasoning_details", () => {
  const signature = "EqQBCkYIBxgCKkB7vFMz0tY4bHcl+Gn3sSp1eHsxYy4QS1DoWmyRGOr9";
  const secondTurn: ChatCompletionMessageParam[] = [
    { role: "user", content: "Weather in Paris?" },
    {
      role: "assistant",
      content: null,
      tool_calls: [{ id: "toolu_01A09q90qw90lq917835lq9", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
      reasoning_details: [
        { type: "reasoning.text", text: "I should call get_weather.", signature, format: "anthropic-claude-v1", index: 0 },
        { type: "reasoning.encrypted", data: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT", format: "anthropic-claude-v1", index: 1 },
        { type: "reasoning.text", text: "Gemini's thought", signature: "Z2VtaW5p", format: "google-gemini-v1", index: 2 },
        { type: "reasoning.text", text: "unsigned", format: "anthropic-claude-v1" },
      ],
    },
    { role: "tool", tool_call_id: "toolu_01A09q90qw90lq917835lq9", content: "18°C" },
  ];

  it("puts its own signed thinking and redacted thinking first in the assistant turn, unchanged, and ignores others", () => {
    const { body } = translate("claude-sonnet-4-5", { messages: secondTurn, reasoning_effort: "low", tools: [{ type: "function", function: { name: "get_weather" } }] });
    expect(body.messages[1]).toEqual({
      role: "assistant",
      content: [
        { type: "thinking", thinking: "I should call get_weather.", signature },
        { type: "redacted_thinking", data: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT" },
        { type: "tool_use", id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather", input: { city: "Paris" } },
      ],
    });
  });
});
