import { describe, expect, it } from "vitest";
import { SSEDecoder, decodeSSE, type SSEEvent } from "../../src/core/sse.js";
import { ResponseTooLargeError } from "../../src/errors-response.js";

const encoder = new TextEncoder();

function decodeAll(chunks: (Uint8Array | string)[]): SSEEvent[] {
  const decoder = new SSEDecoder();
  const events: SSEEvent[] = [];
  for (const chunk of chunks) events.push(...decoder.push(chunk));
  events.push(...decoder.flush());
  return events;
}

/** Every way of cutting `bytes` in two, plus every byte on its own. */
function splits(bytes: Uint8Array): Uint8Array[][] {
  const result: Uint8Array[][] = [];
  for (let cut = 1; cut < bytes.length; cut++) result.push([bytes.slice(0, cut), bytes.slice(cut)]);
  result.push(Array.from(bytes, (byte) => Uint8Array.of(byte)));
  return result;
}

const transcript =
  ": keep-alive comment\r\n" +
  "event: message_start\r\n" +
  'data: {"type":"message_start","text":"héllo ✓ 😀"}\r\n' +
  "\r\n" +
  "data: line one\n" +
  "data: line two\n" +
  "id: 7\n" +
  "\n" +
  "event: ping\r" +
  "data:no-space\r" +
  "\r" +
  "data: [DONE]\n\n";

const expected: SSEEvent[] = [
  { event: "message_start", data: '{"type":"message_start","text":"héllo ✓ 😀"}', id: undefined },
  { event: undefined, data: "line one\nline two", id: "7" },
  { event: "ping", data: "no-space", id: "7" },
  { event: undefined, data: "[DONE]", id: "7" },
];

describe("SSEDecoder", () => {
  it("decodes CRLF, CR and LF line ends, comments, multi-line data and ids", () => {
    expect(decodeAll([encoder.encode(transcript)])).toEqual(expected);
  });

  it("gives the same events however the bytes are split (every boundary, and byte by byte)", () => {
    const bytes = encoder.encode(transcript);
    for (const chunks of splits(bytes)) {
      expect(decodeAll(chunks)).toEqual(expected);
    }
  });

  it("keeps a CR at the end of one chunk and an LF at the start of the next as one line end", () => {
    const events = decodeAll(["data: a\r", "\ndata: b\r\n", "\r\n"]);
    expect(events).toEqual([{ event: undefined, data: "a\nb", id: undefined }]);
  });

  it("strips a leading byte-order mark and a single space after the colon only", () => {
    const events = decodeAll(["\uFEFFdata:  two spaces\n\n"]);
    expect(events).toEqual([{ event: undefined, data: " two spaces", id: undefined }]);
  });

  it("does not dispatch an event that has no data lines", () => {
    expect(decodeAll(["event: ping\n\n", "data: x\n\n"])).toEqual([{ event: undefined, data: "x", id: undefined }]);
  });

  it("delivers a final event that lacks its blank line when the stream ends", () => {
    expect(decodeAll(["data: last"])).toEqual([{ event: undefined, data: "last", id: undefined }]);
  });

  it("keeps an empty data line as an empty string", () => {
    expect(decodeAll(["data\n\n"])).toEqual([{ event: undefined, data: "", id: undefined }]);
  });

  it("decodes an async byte stream", async () => {
    async function* source() {
      const bytes = encoder.encode(transcript);
      for (let index = 0; index < bytes.length; index += 3) yield bytes.slice(index, index + 3);
    }
    const events: SSEEvent[] = [];
    for await (const event of decodeSSE(source())) events.push(event);
    expect(events).toEqual(expected);
  });
});

describe("SSEDecoder limits", () => {
  const limited = () => new SSEDecoder({ maxEventBytes: 100, source: { provider: "openai", model: "m" } });

  it("refuses an event whose data lines add up past the limit", () => {
    const decoder = limited();
    expect(() => decoder.push(`data: ${"a".repeat(40)}\ndata: ${"b".repeat(40)}\ndata: ${"c".repeat(40)}\n`)).toThrow(ResponseTooLargeError);
  });

  it("refuses a line past the limit before it ends, naming the limit and the provider", () => {
    let caught: unknown;
    try {
      limited().push(`: ${"x".repeat(200)}`);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ limitName: "maxStreamEventBytes", limit: 100, provider: "openai", isRetryable: false });
  });

  it("hands out the events completed before the limit was passed, then raises it", () => {
    const decoder = limited();
    const events = decoder.push(`data: ok\n\ndata: ${"z".repeat(200)}`);
    expect(events.map((event) => event.data)).toEqual(["ok"]);
    expect(decoder.failure).toBeInstanceOf(ResponseTooLargeError);
    expect(() => decoder.push("data: more\n\n")).toThrow(ResponseTooLargeError);
  });

  it("counts data lines (not comments) as the provider speaking", () => {
    const decoder = limited();
    decoder.push(": keep-alive\n\n: again\n\n");
    expect(decoder.framesSeen).toBe(0);
    decoder.push("data: x\n\n");
    expect(decoder.framesSeen).toBe(1);
  });
});
