import { describe, expect, it } from "vitest";
import { UnsupportedParameterError } from "../../../src/errors.js";
import type { UnifiedRequest } from "../../../src/providers/contract.js";
import { capabilitiesOf } from "../../../src/models/model-capabilities.js";
import { toolCallId } from "../../../src/providers/gemini/gemini-function-calls.js";
import { convertToolChoice, convertTools, functionCallIdOf, functionResponseBody } from "../../../src/providers/gemini/gemini-tools.js";
import { makeContext } from "../../fixtures/gemini/fixtures.js";

type Tools = NonNullable<UnifiedRequest["tools"]>;

const FLASH_2_0 = capabilitiesOf("google", "gemini-2.0-flash");
const FLASH_2_5 = capabilitiesOf("google", "gemini-2.5-flash");

describe("convertTools", () => {
  const weather: Tools = [
    {
      type: "function",
      function: {
        name: "get_weather",
        description: "Current weather",
        parameters: { type: "object", properties: { location: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } }, required: ["location"] },
      },
    },
    { type: "function", function: { name: "get_time" } },
    { type: "function", function: { name: "ping", description: "No arguments", parameters: { type: "object", properties: {} } } },
  ];

  it("sends the JSON Schema unchanged as parametersJsonSchema where the model takes full JSON Schema", () => {
    const context = makeContext();
    expect(convertTools({ tools: weather }, context, FLASH_2_5)).toEqual([
      {
        functionDeclarations: [
          { name: "get_weather", description: "Current weather", parametersJsonSchema: weather[0]?.type === "function" ? weather[0].function.parameters : undefined },
          { name: "get_time", description: "" },
          { name: "ping", description: "No arguments", parametersJsonSchema: { type: "object", properties: {} } },
        ],
      },
    ]);
    expect(context.warnings).toEqual([]);
  });

  it("converts to Gemini's Schema for models before full JSON Schema", () => {
    const context = makeContext();
    expect(convertTools({ tools: weather }, context, FLASH_2_0)).toEqual([
      {
        functionDeclarations: [
          {
            name: "get_weather",
            description: "Current weather",
            parameters: { type: "OBJECT", properties: { location: { type: "STRING" }, unit: { type: "STRING", enum: ["c", "f"], format: "enum" } }, required: ["location"] },
          },
          { name: "get_time", description: "" },
          { name: "ping", description: "No arguments" },
        ],
      },
    ]);
    expect(context.warnings).toEqual([]);
  });

  it("sends nothing for an empty list", () => {
    expect(convertTools({ tools: [] }, makeContext(), FLASH_2_5)).toBeUndefined();
    expect(convertTools({}, makeContext(), FLASH_2_5)).toBeUndefined();
  });

  it("puts every lossy schema conversion, every change and strict into the warnings", () => {
    const context = makeContext();
    convertTools(
      {
        tools: [
          {
            type: "function",
            function: {
              name: "tag",
              strict: true,
              parameters: {
                type: "object",
                properties: { labels: { type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "string" } }, n: { type: "integer", multipleOf: 2 }, any: {} },
              },
            },
          },
        ],
      },
      context,
      FLASH_2_0,
    );
    expect(context.warnings).toEqual([
      "google: tools[0].function.parameters (tag): Gemini 2.0 takes Gemini's Schema, which cannot express `additionalProperties` at /properties/labels; it was left out.",
      "google: tools[0].function.parameters (tag): Gemini 2.0 takes Gemini's Schema, which cannot express `multipleOf` at /properties/n; it was left out.",
      "google: tools[0].function.parameters (tag): a schema that accepts any value at /properties/any was sent as type STRING (Gemini's Schema has no type for any value, and refuses TYPE_UNSPECIFIED).",
      "google: tools[0].function.strict (tag): Gemini does not enforce strict argument schemas; arguments are not guaranteed to match.",
    ]);
  });

  it("reports custom tools through the policy", () => {
    const tools: Tools = [{ type: "custom", custom: { name: "grammar" } }];
    expect(() => convertTools({ tools }, makeContext(), FLASH_2_5)).toThrow(UnsupportedParameterError);
    expect(() => convertTools({ tools }, makeContext(), FLASH_2_5)).toThrow(/`tools\[0\]` \(custom tool "grammar"/);
    expect(convertTools({ tools }, makeContext("drop"), FLASH_2_5)).toBeUndefined();
  });

  it("maps web_search_options to the googleSearch tool, beside the functions", () => {
    expect(convertTools({ tools: [weather[1] as Tools[number]], web_search_options: {} }, makeContext(), FLASH_2_5)).toEqual([
      { functionDeclarations: [{ name: "get_time", description: "" }] },
      { googleSearch: {} },
    ]);
    expect(convertTools({ web_search_options: { search_context_size: "medium" } }, makeContext(), FLASH_2_5)).toEqual([{ googleSearch: {} }]);
  });

  it("refuses what googleSearch cannot take: a search context size or a user location", () => {
    expect(() => convertTools({ web_search_options: { search_context_size: "high" } }, makeContext(), FLASH_2_5)).toThrow(/web_search_options.search_context_size/);
    const location = { type: "approximate" as const, approximate: { city: "Paris", country: "FR" } };
    expect(() => convertTools({ web_search_options: { user_location: location } }, makeContext(), FLASH_2_5)).toThrow(/web_search_options.user_location/);
    const dropping = makeContext("drop");
    expect(convertTools({ web_search_options: { user_location: location } }, dropping, FLASH_2_5)).toEqual([{ googleSearch: {} }]);
    expect(dropping.warnings.join("\n")).toMatch(/user_location/);
  });

  it("reports cache_control on a tool through the policy (Gemini caches through cachedContent)", () => {
    const tools: Tools = [{ type: "function", function: { name: "f" }, cache_control: { type: "ephemeral" } }];
    expect(() => convertTools({ tools }, makeContext(), FLASH_2_5)).toThrow(/tools\[0\].cache_control/);
  });
});

describe("convertToolChoice", () => {
  const cases: [string, UnifiedRequest["tool_choice"], unknown][] = [
    ["auto", "auto", { functionCallingConfig: { mode: "AUTO" } }],
    ["none", "none", { functionCallingConfig: { mode: "NONE" } }],
    ["required", "required", { functionCallingConfig: { mode: "ANY" } }],
    ["a named function", { type: "function", function: { name: "get_weather" } }, { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_weather"] } }],
    [
      "allowed_tools required",
      { type: "allowed_tools", allowed_tools: { mode: "required", tools: [{ type: "function", function: { name: "a" } }, { type: "function", function: { name: "b" } }] } },
      { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["a", "b"] } },
    ],
    [
      "allowed_tools auto",
      { type: "allowed_tools", allowed_tools: { mode: "auto", tools: [{ type: "function", function: { name: "a" } }] } },
      { functionCallingConfig: { mode: "VALIDATED", allowedFunctionNames: ["a"] } },
    ],
    ["nothing", undefined, undefined],
  ];

  it.each(cases)("maps %s", (_name, choice, expected) => {
    expect(convertToolChoice(choice, makeContext())).toEqual(expected);
  });

  it("reports a custom tool choice", () => {
    expect(() => convertToolChoice({ type: "custom", custom: { name: "g" } }, makeContext())).toThrow(/`tool_choice`/);
  });
});

describe("tool-call ids", () => {
  it("are deterministic per response, candidate and ordinal", () => {
    const a = toolCallId("resp-1", 0, 0, undefined);
    expect(a).toMatch(/^call_[0-9a-f]{24}$/);
    expect(toolCallId("resp-1", 0, 0, undefined)).toBe(a);
    expect(new Set([a, toolCallId("resp-1", 0, 1, undefined), toolCallId("resp-1", 1, 0, undefined), toolCallId("resp-2", 0, 0, undefined)]).size).toBe(4);
  });

  it("use Gemini's own id when it sent one", () => {
    expect(toolCallId("resp-1", 0, 0, "gemini-call-7")).toBe("gemini-call-7");
  });

  it("never carry anything but the id (signatures travel in extra_content), and onellm's own ids never go back", () => {
    expect(functionCallIdOf("call_0123456789abcdef01234567")).toBeUndefined();
    expect(functionCallIdOf("q7c2mw1x")).toBe("q7c2mw1x");
    expect(functionCallIdOf("")).toBeUndefined();
  });
});

describe("functionResponseBody", () => {
  it("sends JSON objects as they are and wraps everything else in output", () => {
    expect(functionResponseBody('{"temp":21}')).toEqual({ temp: 21 });
    expect(functionResponseBody('{"error":"not found"}')).toEqual({ error: "not found" });
    expect(functionResponseBody("[1,2]")).toEqual({ output: [1, 2] });
    expect(functionResponseBody("42")).toEqual({ output: 42 });
    expect(functionResponseBody("plain text")).toEqual({ output: "plain text" });
    expect(functionResponseBody("")).toEqual({ output: "" });
  });
});
