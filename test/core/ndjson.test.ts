import { describe, expect, it } from "vitest";
import { NDJSONDecoder, NDJSONSyntaxError } from "../../src/core/ndjson.js";
import { ResponseTooLargeError } from "../../src/errors-response.js";

const encoder = new TextEncoder();

function decodeAll(chunks: (Uint8Array | string)[]): unknown[] {
  const decoder = new NDJSONDecoder();
  const values: unknown[] = [];
  for (const chunk of chunks) values.push(...decoder.push(chunk));
  values.push(...decoder.flush());
  return values;
}

const transcript = '\ufeff{"n":1,"text":"héllo ✓ 😀"}\r\n\n{"n":2}\r{"n":3,"done":true}';
const expected = [{ n: 1, text: "héllo ✓ 😀" }, { n: 2 }, { n: 3, done: true }];

describe("NDJSONDecoder", () => {
  it("decodes one value per line: CRLF, CR or LF, a BOM at the start, blank lines skipped, a last line without newline", () => {
    expect(decodeAll([transcript])).toEqual(expected);
  });

  it("gives the same values however the bytes are cut (inside UTF-8 sequences and between CR and LF too)", () => {
    const bytes = encoder.encode(transcript);
    for (let cut = 1; cut < bytes.length; cut++) expect(decodeAll([bytes.slice(0, cut), bytes.slice(cut)])).toEqual(expected);
    expect(decodeAll(Array.from(bytes, (byte) => Uint8Array.of(byte)))).toEqual(expected);
  });

  it("hands out the values before a line that is not JSON, then raises NDJSONSyntaxError quoting it", () => {
    const decoder = new NDJSONDecoder();
    expect(decoder.push('{"n":1}\n<html>502 Bad Gateway</html>\n{"n":2}\n')).toEqual([{ n: 1 }]);
    let error: unknown;
    try {
      decoder.flush();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NDJSONSyntaxError);
    expect((error as NDJSONSyntaxError).message).toBe("a stream line is not JSON: <html>502 Bad Gateway</html>");
  });

  it("quotes at most 200 characters of a bad line", () => {
    const decoder = new NDJSONDecoder();
    expect(() => decoder.push(`${"x".repeat(500)}\n`)).toThrow(/^a stream line is not JSON: x{200}…$/);
  });
});

describe("NDJSONDecoder limits", () => {
  it("refuses a line longer than maxEventBytes while it is still arriving", () => {
    const decoder = new NDJSONDecoder({ maxEventBytes: 64 });
    expect(decoder.push('{"n":1}\n')).toEqual([{ n: 1 }]);
    expect(() => decoder.push(`{"text":"${"x".repeat(100)}`)).toThrow(ResponseTooLargeError);
  });
});
