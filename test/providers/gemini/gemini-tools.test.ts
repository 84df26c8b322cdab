import { describe, expect, it } from "vitest";
import { UnsupportedParameterError } from "../../../src/errors.js";
import type { UnifiedRequest } from "../../../src/providers/contract.js";
import {
  convertToolChoice,
  convertTools,
  functionResponseBody,
  thoughtSignatureOf,
  toolCallId,
} from "../../../src/providers/gemini/gemini-tools.js";
import { makeContext } from "../../fixtures/gemini/fixtures.js";

type Tools = NonNullable<UnifiedRequest["tools"]>;

describe("convertTools", () => {
  it("puts every function into one functionDeclarations tool, with converted parameters", () => {
    const tools: Tools = [
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
    const context = makeContext();
    expect(convertTools(tools, context)).toEqual([
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
    expect(convertTools([], makeContext())).toBeUndefined();
    expect(convertTools(undefined, makeContext())).toBeUndefined();
  });

  it("puts every lossy schema conversion and strict into the warnings", () => {
    const context = makeContext();
    convertTools(
      [
        {
          type: "function",
          function: {
            name: "tag",
            strict: true,
            parameters: { type: "object", properties: { labels: { type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "string" } }, n: { type: "integer", multipleOf: 2 } } },
          },
        },
      ],
      context,
    );
    expect(context.warnings).toEqual([
      "google: tools[0].function.parameters (tag): Gemini's Schema cannot express `additionalProperties` at /properties/labels; it was left out.",
      "google: tools[0].function.parameters (tag): Gemini's Schema cannot express `multipleOf` at /properties/n; it was left out.",
      "google: tools[0].function.strict (tag): Gemini does not enforce strict argument schemas; arguments are not guaranteed to match.",
    ]);
  });

  it("reports custom tools through the policy", () => {
    const tools: Tools = [{ type: "custom", custom: { name: "grammar" } }];
    expect(() => convertTools(tools, makeContext())).toThrow(UnsupportedParameterError);
    expect(() => convertTools(tools, makeContext())).toThrow(/`tools\[0\]` \(custom tool "grammar"/);
    expect(convertTools(tools, makeContext("drop"))).toBeUndefined();
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
    const a = toolCallId("resp-1", 0, 0, { name: "f" }, undefined);
    expect(a).toMatch(/^call_[0-9a-f]{24}$/);
    expect(toolCallId("resp-1", 0, 0, { name: "f" }, undefined)).toBe(a);
    expect(new Set([a, toolCallId("resp-1", 0, 1, { name: "f" }, undefined), toolCallId("resp-1", 1, 0, { name: "f" }, undefined), toolCallId("resp-2", 0, 0, { name: "f" }, undefined)]).size).toBe(4);
  });

  it("use Gemini's own id when it sent one", () => {
    expect(toolCallId("resp-1", 0, 0, { name: "f", id: "gemini-call-7" }, undefined)).toBe("gemini-call-7");
  });

  it("carry the thought signature in a URL-safe form and give it back", () => {
    const signature = Buffer.from([0x0a, 0xe2, 0x01, 0xfb, 0xff, 0xbf, 0x3e, 0x10, 0x42]).toString("base64"); // has + and /
    expect(signature).toMatch(/[+/]/);
    const id = toolCallId("resp-1", 0, 0, { name: "f" }, signature);
    expect(id).toMatch(/^call_[0-9a-f]{24}__thought__[A-Za-z0-9_-]+$/);
    expect(thoughtSignatureOf(id)).toBe(signature);
    expect(thoughtSignatureOf("call_abc")).toBeUndefined();
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
