import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../src/errors.js";
import { assertSerialisable } from "../src/request-json.js";

describe("assertSerialisable", () => {
  it("passes plain data, dates and undefined fields", () => {
    expect(() => assertSerialisable({ a: [1, "x", null, { b: true }], at: new Date(0), gone: undefined })).not.toThrow();
  });

  it("names a BigInt's path", () => {
    expect(() => assertSerialisable({ messages: [{ content: [{ n: 1n }] }] })).toThrow(/`messages\[0\]\.content\[0\]\.n` is a BigInt/);
  });

  it("names a cycle's path", () => {
    const node: Record<string, unknown> = { name: "loop" };
    node["next"] = { back: node };
    let caught: unknown;
    try {
      assertSerialisable({ tools: [node] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidRequestError);
    expect(caught).toMatchObject({ param: "tools[0].next.back" });
  });

  it("reports nesting too deep for JSON.stringify without overflowing its own stack", () => {
    let deep: unknown = 1;
    for (let level = 0; level < 20_000; level++) deep = [deep];
    expect(() => assertSerialisable({ deep })).toThrow(/is nested too deeply to serialise/);
  });
});
