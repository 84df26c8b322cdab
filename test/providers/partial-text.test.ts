import { describe, expect, it } from "vitest";
import { PartialText } from "../../src/providers/partial-text.js";

function kept(pieces: readonly string[]): { text: string; length: number } {
  const partial = new PartialText();
  for (const piece of pieces) partial.append(piece);
  return { text: partial.toString(), length: partial.length };
}

describe("PartialText", () => {
  it("gives back exactly the pieces appended, ASCII or not, across its growing blocks", () => {
    const pieces = [" tok1", "é", "😀 ab", "x".repeat(70_000), "日本語", "", "z"];
    const many = Array.from({ length: 40 }, () => pieces).flat();
    expect(kept(many)).toEqual({ text: many.join(""), length: many.join("").length });
  });

  it("keeps a surrogate pair cut between two pieces whole", () => {
    expect(kept(["a\ud83d", "\ude00b"]).text).toBe("a😀b");
  });

  it("keeps a lone surrogate as it came (the text is kept as a string from then on)", () => {
    const pieces = ["before ", "\ud83d", " after", "\ude01", " end"];
    expect(kept(pieces)).toEqual({ text: pieces.join(""), length: pieces.join("").length });
  });

  it("counts length in UTF-16 units, as string.length does", () => {
    expect(kept(["😀", "é", "abc"]).length).toBe("😀éabc".length);
  });

  it("is empty before anything arrives", () => {
    expect(kept([])).toEqual({ text: "", length: 0 });
  });
});
