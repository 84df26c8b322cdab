import { describe, expect, it } from "vitest";
import { parsePartialJson } from "../../src/helpers/partial-json.js";

describe("parsePartialJson", () => {
  it.each<[string, unknown]>([
    ['{"city": "San Fr', { city: "San Fr" }],
    ['{"city": "Paris", "temp": 1', { city: "Paris" }],
    ['{"city": "Paris", "temp": 18}', { city: "Paris", temp: 18 }],
    ['{"steps": [{"n": 1}, {"n"', { steps: [{ n: 1 }, {}] }],
    ['{"ok": tr', {}],
    ['{"ok": true, "list": ["a", "b', { ok: true, list: ["a", "b"] }],
    ['{"text": "line\\', { text: "line" }],
    ['{"text": "caf\\u00', { text: "caf" }],
    ["", undefined],
    ["  ", undefined],
    ["not json", undefined],
    ["[1, 2, 3]", [1, 2, 3]],
  ])("%j -> %j", (input, expected) => {
    expect(parsePartialJson(input)).toEqual(expected);
  });

  it("agrees with JSON.parse on every complete prefix of a document", () => {
    const document = { name: "Ada", langs: ["en", "fr"], born: 1815, alive: false, note: null, nested: { x: [1, { y: "z" }] } };
    const text = JSON.stringify(document);
    expect(parsePartialJson(text)).toEqual(document);
    for (let end = 1; end < text.length; end++) {
      // Never throws, whatever the cut.
      expect(() => parsePartialJson(text.slice(0, end))).not.toThrow();
    }
  });
});
