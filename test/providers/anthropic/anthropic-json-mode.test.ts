import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SSEDecoder } from "../../../src/core/sse.js";
import { UnsupportedParameterError } from "../../../src/errors.js";
import type { TranslateContext, UnifiedRequest, UnsupportedPolicy } from "../../../src/providers/contract.js";
import { jsonModeFor } from "../../../src/providers/anthropic/anthropic-json-mode.js";
import { toAnthropicRequest } from "../../../src/providers/anthropic/anthropic-request.js";
import { toChatCompletion } from "../../../src/providers/anthropic/anthropic-response.js";
import type { AnthropicChatResponse } from "../../../src/providers/anthropic/anthropic-schema.js";
import { AnthropicSSETranslator } from "../../../src/providers/anthropic/anthropic-sse.js";
import { AnthropicStreamTranslator } from "../../../src/providers/anthropic/anthropic-stream.js";
import { createTranslateContext } from "../../../src/router/translate-context.js";

// A model without native structured outputs: response_format goes through the forced tool.
const MODEL = "claude-sonnet-4-20250514";
const CITY_SCHEMA = {
  type: "object",
  properties: { city: { type: "string" }, country: { type: "string" }, population: { type: "integer" } },
  required: ["city", "country", "population"],
  additionalProperties: false,
};
const jsonSchemaFormat: NonNullable<UnifiedRequest["response_format"]> = {
  type: "json_schema",
  json_schema: { name: "city_facts", schema: CITY_SCHEMA, strict: true },
};
const weather = { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: {} } } } as const;

function context(policy: UnsupportedPolicy = "error"): TranslateContext {
  return createTranslateContext("anthropic", MODEL, policy, undefined);
}

function translate(fields: Partial<UnifiedRequest>, translateContext: TranslateContext) {
  return toAnthropicRequest({ model: `anthropic/${MODEL}`, messages: [{ role: "user", content: "Facts about Paris" }], ...fields }, translateContext);
}

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/anthropic/${name}`, import.meta.url), "utf8");
}

describe("response_format: the request", () => {
  it("json_schema becomes a tool named after the schema, forced, with the schema as input_schema", () => {
    const translateContext = context();
    const body = translate({ response_format: jsonSchemaFormat }, translateContext);
    expect(body.tools).toEqual([
      {
        name: "city_facts",
        description: "Respond with your complete answer as JSON matching this schema.",
        input_schema: CITY_SCHEMA,
        strict: true,
      },
    ]);
    expect(body.tool_choice).toEqual({ type: "tool", name: "city_facts", disable_parallel_tool_use: true });
    expect(translateContext.warnings).toEqual([
      'response_format is emulated for anthropic: json_schema through a forced tool "city_facts"; its input is returned as message.content',
    ]);
    expect(jsonModeFor(translateContext)).toEqual({ toolName: "city_facts" });
  });

  it("json_object becomes an open object schema on a json_response tool", () => {
    const body = translate({ response_format: { type: "json_object" } }, context());
    expect(body.tools).toEqual([
      { name: "json_response", description: "Respond with your complete answer as a JSON object.", input_schema: { type: "object" } },
    ]);
    expect(body.tool_choice).toEqual({ type: "tool", name: "json_response", disable_parallel_tool_use: true });
  });

  it("text format changes nothing", () => {
    const translateContext = context();
    expect(translate({ response_format: { type: "text" } }, translateContext)).not.toHaveProperty("tools");
    expect(jsonModeFor(translateContext)).toBeUndefined();
  });

  it("with the caller's tools on auto, adds the JSON tool and lets the model pick any tool", () => {
    const body = translate({ response_format: { type: "json_object" }, tools: [weather], parallel_tool_calls: false }, context());
    expect(body.tools?.map((tool) => tool.name)).toEqual(["get_weather", "json_response"]);
    expect(body.tool_choice).toEqual({ type: "any", disable_parallel_tool_use: true });
  });

  it("with tool_choice none, sends only the JSON tool", () => {
    const body = translate({ response_format: { type: "json_object" }, tools: [weather], tool_choice: "none" }, context());
    expect(body.tools?.map((tool) => tool.name)).toEqual(["json_response"]);
    expect(body.tool_choice).toEqual({ type: "tool", name: "json_response", disable_parallel_tool_use: true });
  });

  it("leaves a forced tool choice alone: that turn has no text answer to shape", () => {
    const translateContext = context();
    const body = translate({ response_format: { type: "json_object" }, tools: [weather], tool_choice: "required" }, translateContext);
    expect(body.tools?.map((tool) => tool.name)).toEqual(["get_weather"]);
    expect(body.tool_choice).toEqual({ type: "any" });
    expect(jsonModeFor(translateContext)).toBeUndefined();
    expect(translateContext.warnings).toEqual([]);
  });

  it("picks another tool name when the caller already has one called json_response", () => {
    const body = translate(
      { response_format: { type: "json_object" }, tools: [{ type: "function", function: { name: "json_response" } }] },
      context(),
    );
    expect(body.tools?.map((tool) => tool.name)).toEqual(["json_response", "json_response_1"]);
  });

  it("reports a schema whose root is not an object, which a tool input cannot be", () => {
    const format = { type: "json_schema", json_schema: { name: "list", schema: { type: "array", items: { type: "string" } } } } as const;
    let caught: unknown;
    try {
      translate({ response_format: format }, context());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnsupportedParameterError);
    expect((caught as UnsupportedParameterError).parameter).toBe("response_format.json_schema.schema");
  });
});

describe("response_format: the response", () => {
  it("unwraps the forced tool's input into content as JSON text, with finish_reason stop", () => {
    const translateContext = context();
    translate({ response_format: jsonSchemaFormat }, translateContext);
    const completion = toChatCompletion(JSON.parse(fixture("json-mode.json")) as AnthropicChatResponse, translateContext);
    expect(completion.choices[0]?.message).toEqual({
      role: "assistant",
      content: '{"city":"Paris","country":"France","population":2102650}',
      refusal: null,
    });
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({ city: "Paris", country: "France", population: 2102650 });
    expect(translateContext.extras["native_finish_reasons"]).toEqual(["tool_use"]);
  });

  it("works the same for json_object", () => {
    const translateContext = context();
    translate({ response_format: { type: "json_object" } }, translateContext);
    const message = JSON.parse(fixture("json-mode.json").replace('"city_facts"', '"json_response"')) as AnthropicChatResponse;
    const completion = toChatCompletion(message, translateContext);
    expect(completion.choices[0]?.message.content).toBe('{"city":"Paris","country":"France","population":2102650}');
    expect(completion.choices[0]?.finish_reason).toBe("stop");
  });

  it("without JSON mode, the same tool_use stays a tool call", () => {
    const completion = toChatCompletion(JSON.parse(fixture("json-mode.json")) as AnthropicChatResponse, context());
    expect(completion.choices[0]?.message.content).toBeNull();
    expect(completion.choices[0]?.message.tool_calls).toHaveLength(1);
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("when the model calls one of the caller's tools instead, those stay tool calls", () => {
    const translateContext = context();
    translate({ response_format: { type: "json_object" }, tools: [weather] }, translateContext);
    const completion = toChatCompletion(JSON.parse(fixture("tool-use.json")) as AnthropicChatResponse, translateContext);
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(completion.choices[0]?.message.tool_calls).toHaveLength(2);
  });
});

describe("response_format: the stream", () => {
  it("streams the forced tool's input_json_delta fragments as content and finishes with stop", () => {
    const translateContext = context();
    translate({ response_format: jsonSchemaFormat, stream: true }, translateContext);
    const translator = new AnthropicSSETranslator(new AnthropicStreamTranslator(translateContext, false), MODEL);
    const decoder = new SSEDecoder();
    const chunks = decoder.push(fixture("json-mode.sse")).flatMap((event) => translator.push(event));
    chunks.push(...translator.end());
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: "assistant", content: "" },
      { content: '{"city": "Paris", ' },
      { content: '"country": "France", "popul' },
      { content: 'ation": 2102650}' },
      {},
    ]);
    expect(chunks.every((chunk) => chunk.choices[0]?.delta.tool_calls === undefined)).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(JSON.parse(content)).toEqual({ city: "Paris", country: "France", population: 2102650 });
    expect(translator.partialText()).toBe(content);
  });
});
