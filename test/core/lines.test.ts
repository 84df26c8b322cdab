import { describe, expect, it } from "vitest";
import { LineDecoder } from "../../src/core/lines.js";

const encoder = new TextEncoder();

function lines(chunks: (string | Uint8Array)[], max = 1_000): { lines: [string, number][]; error: unknown } {
  const out: [string, number][] = [];
  const decoder = new LineDecoder(max, (bytes) => {
    throw new RangeError(`line of ${bytes} bytes`);
  });
  try {
    for (const chunk of chunks) decoder.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk, (line, bytes) => out.push([line, bytes]));
    decoder.flush((line, bytes) => out.push([line, bytes]));
    return { lines: out, error: undefined };
  } catch (error) {
    return { lines: out, error };
  }
}

describe("LineDecoder", () => {
  it("splits on LF, CR and CRLF, a CRLF cut between chunks included, and counts bytes", () => {
    expect(lines(["a\nb\rc\r", "\nd"]).lines).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", 1],
      ["d", 1],
    ]);
  });

  it("keeps a multi-byte character cut between chunks whole", () => {
    const bytes = encoder.encode("é😀\n");
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(lines([bytes.slice(0, cut), bytes.slice(cut)]).lines).toEqual([["é😀", 6]]);
    }
  });

  it("drops a byte-order mark opening the stream only", () => {
    expect(lines(["\uFEFFa\n\uFEFFb\n"]).lines.map(([line]) => line)).toEqual(["a", "\uFEFFb"]);
  });

  it("refuses a line past the limit while it is still incomplete, and a complete one past it", () => {
    const incomplete = lines(["x".repeat(600), "x".repeat(600)]);
    expect(incomplete.error).toEqual(new RangeError("line of 1200 bytes"));
    const complete = lines([`${"y".repeat(1_001)}\n`]);
    expect(complete.error).toEqual(new RangeError("line of 1001 bytes"));
    expect(lines([`${"z".repeat(1_000)}\n`]).lines).toEqual([["z".repeat(1_000), 1_000]]);
  });
});
