// One tool call per real Gemini call, whichever way its pieces arrive; and the JSON Path writer
// that turns partialArgs into argument text that concatenates to the complete object.
import { describe, expect, it } from "vitest";
import { FunctionCallAssembler, toolCallsFromPieces } from "../../../src/providers/gemini/gemini-function-calls.js";
import { JsonPathWriter, parsePath } from "../../../src/providers/gemini/gemini-json-writer.js";
import type { GeminiFunctionCall } from "../../../src/providers/gemini/gemini-native.js";
import type { ChatCompletionChunkToolCall } from "../../../src/types.js";
import { makeContext } from "../../fixtures/gemini/fixtures.js";

function assemble(parts: { call: GeminiFunctionCall; signature?: string }[], context = makeContext()) {
  const assembler = new FunctionCallAssembler("resp", 0, context);
  const pieces: ChatCompletionChunkToolCall[] = [];
  for (const { call, signature } of parts) pieces.push(...assembler.push(call, signature));
  pieces.push(...assembler.finish());
  return { pieces, calls: toolCallsFromPieces(pieces), warnings: context.warnings };
}

describe("JsonPathWriter", () => {
  it("writes values in document order as one JSON object, strings in pieces", () => {
    const writer = new JsonPathWriter();
    const text = [
      writer.stringPiece("$.a", "x\"", true),
      writer.stringPiece("$.a", "y", false),
      writer.value("$.b.c[0]", 1),
      writer.value("$.b.c[2]", true),
      writer.value("$.b.d", null),
      writer.value("$['e f']", { g: [1] }),
      writer.close(),
    ].join("");
    expect(JSON.parse(text)).toEqual({ a: 'x"y', b: { c: [1, null, true], d: null }, "e f": { g: [1] } });
  });

  it("closes to {} when nothing was written", () => {
    expect(new JsonPathWriter().close()).toBe("{}");
  });

  it("reports a path into a container already closed instead of writing broken JSON", () => {
    const writer = new JsonPathWriter();
    const text = writer.value("$.a.x", 1) + writer.value("$.b", 2) + writer.value("$.a.y", 3) + writer.close();
    expect(JSON.parse(text)).toEqual({ a: { x: 1 }, b: 2 });
    expect(writer.outOfOrder).toEqual(["$.a.y"]);
    const arrays = new JsonPathWriter();
    const list = arrays.value("$.l[1]", 1) + arrays.value("$.l[0]", 0) + arrays.close();
    expect(JSON.parse(list)).toEqual({ l: [null, 1] });
    expect(arrays.outOfOrder).toEqual(["$.l[0]"]);
  });

  it("parses the JSON Path subset Gemini sends", () => {
    expect(parsePath("$.a.b[0].c")).toEqual(["a", "b", 0, "c"]);
    expect(parsePath("$['a.b'][\"c\"]")).toEqual(["a.b", "c"]);
    expect(parsePath("a.b")).toBeUndefined();
    expect(parsePath("$.a[x]")).toBeUndefined();
  });
});

describe("FunctionCallAssembler", () => {
  it("keeps a whole call one piece, with its signature in extra_content", () => {
    const { pieces } = assemble([{ call: { name: "f", args: { city: "Paris" }, id: "g1" }, signature: "c2ln" }]);
    expect(pieces).toEqual([{ index: 0, id: "g1", type: "function", function: { name: "f", arguments: '{"city":"Paris"}' }, extra_content: { google: { thought_signature: "c2ln" } } }]);
  });

  it("joins a call split across parts (willContinue) whose args arrive in several pieces", () => {
    const { calls } = assemble([
      { call: { name: "f", willContinue: true } },
      { call: { args: { a: 1 }, willContinue: true } },
      { call: { args: { b: [2, 3] } } },
      { call: { name: "g" } },
    ]);
    expect(calls.map((call) => [call.function.name, JSON.parse(call.function.arguments)])).toEqual([
      ["f", { a: 1, b: [2, 3] }],
      ["g", {}],
    ]);
  });

  it("starts a new call for a named part once the open one said it was complete", () => {
    const { calls } = assemble([{ call: { name: "f", args: { x: 1 } } }, { call: { name: "f", args: { x: 2 } } }]);
    expect(calls.map((call) => call.function.arguments)).toEqual(['{"x":1}', '{"x":2}']);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
  });

  it("closes a call the stream left open when the candidate ends", () => {
    const { calls } = assemble([{ call: { name: "f", partialArgs: [{ jsonPath: "$.q", stringValue: "abc", willContinue: true }], willContinue: true } }]);
    expect(JSON.parse(calls[0]?.function.arguments ?? "")).toEqual({ q: "abc" });
  });

  it("warns when streamed pieces could not be placed in order", () => {
    const { calls, warnings } = assemble([
      { call: { name: "f", partialArgs: [{ jsonPath: "$.l[1]", numberValue: 1 }, { jsonPath: "$.l[0]", numberValue: 0 }] } },
    ]);
    expect(JSON.parse(calls[0]?.function.arguments ?? "")).toEqual({ l: [null, 1] });
    expect(warnings).toEqual(["google: the streamed arguments of f (call 0) addressed $.l[0] out of order; those pieces could not be placed and were left out."]);
  });
});
