// The AWS event-stream decoder on frames built byte by byte: whole, split at every possible byte,
// several per read, every header type, and the failures (bad prelude or message CRC, impossible
// lengths, a body cut inside a frame).
import { describe, expect, it } from "vitest";
import { crc32 } from "../../src/core/crc32.js";
import { EventStreamDecoder, MAX_MESSAGE_BYTES, stringHeader, type EventStreamMessage } from "../../src/core/event-stream.js";
import { EventStreamError } from "../../src/errors.js";
import { ResponseTooLargeError } from "../../src/errors-response.js";
import { encodeFrame, errorFrame, eventFrame, exceptionFrame } from "../helpers/event-stream-encoder.js";

function decodeAll(decoder: EventStreamDecoder, chunks: Uint8Array[]): EventStreamMessage[] {
  const messages: EventStreamMessage[] = [];
  for (const chunk of chunks) messages.push(...decoder.push(chunk));
  messages.push(...decoder.flush());
  return messages;
}

function payloadText(message: EventStreamMessage | undefined): string {
  return new TextDecoder().decode(message?.payload);
}

describe("crc32", () => {
  it("gives the standard check value for '123456789' (0xCBF43926) and continues across pieces", () => {
    const bytes = new TextEncoder().encode("123456789");
    expect(crc32(bytes)).toBe(0xcbf43926);
    expect(crc32(bytes.subarray(4), crc32(bytes.subarray(0, 4)))).toBe(0xcbf43926);
  });
});

describe("EventStreamDecoder", () => {
  it("decodes the smallest message, written out byte by byte: 16 bytes, no headers, no payload", () => {
    // total 16, headers 0, prelude CRC, message CRC: AWS's "empty message" test vector.
    const frame = Uint8Array.from([0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x05, 0xc2, 0x48, 0xeb, 0x7d, 0x98, 0xc8, 0xff]);
    const messages = decodeAll(new EventStreamDecoder(), [frame]);
    expect(messages).toEqual([{ headers: {}, payload: new Uint8Array(0) }]);
  });

  it("decodes an event's headers and JSON payload", () => {
    const frame = eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Hello" }, p: "abcdefghij" });
    const [message] = decodeAll(new EventStreamDecoder(), [frame]);
    expect(stringHeader(message!, ":event-type")).toBe("contentBlockDelta");
    expect(stringHeader(message!, ":message-type")).toBe("event");
    expect(stringHeader(message!, ":content-type")).toBe("application/json");
    expect(JSON.parse(payloadText(message))).toEqual({ contentBlockIndex: 0, delta: { text: "Hello" }, p: "abcdefghij" });
  });

  it("reads every header value type", () => {
    const uuid = Uint8Array.from({ length: 16 }, (_, index) => index);
    const frame = encodeFrame(
      {
        yes: { type: "bool", value: true },
        no: { type: "bool", value: false },
        byte: { type: "byte", value: -7 },
        short: { type: "short", value: -300 },
        int: { type: "int", value: 123456789 },
        long: { type: "long", value: -9007199254740993n },
        bytes: { type: "bytes", value: Uint8Array.from([1, 2, 3]) },
        text: { type: "string", value: "héllo" },
        when: { type: "timestamp", value: 1735689600000n },
        id: { type: "uuid", value: uuid },
      },
      "",
    );
    const [message] = decodeAll(new EventStreamDecoder(), [frame]);
    expect(message?.headers).toEqual({
      yes: true,
      no: false,
      byte: -7,
      short: -300,
      int: 123456789,
      long: -9007199254740993n,
      bytes: Uint8Array.from([1, 2, 3]),
      text: "héllo",
      when: new Date(1735689600000),
      id: uuid,
    });
  });

  it("decodes a stream split at every possible byte boundary, and one fed a byte at a time", () => {
    const stream = Buffer.concat([
      eventFrame("messageStart", { role: "assistant" }),
      eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Hi" } }),
      eventFrame("messageStop", { stopReason: "end_turn" }),
    ]);
    const expected = decodeAll(new EventStreamDecoder(), [stream]).map(payloadText);
    expect(expected).toHaveLength(3);
    for (let cut = 1; cut < stream.length; cut++) {
      const messages = decodeAll(new EventStreamDecoder(), [stream.subarray(0, cut), stream.subarray(cut)]);
      expect(messages.map(payloadText)).toEqual(expected);
    }
    const bytewise = decodeAll(new EventStreamDecoder(), [...stream].map((byte) => Uint8Array.of(byte)));
    expect(bytewise.map(payloadText)).toEqual(expected);
  });

  it("decodes modeled exceptions and protocol errors as messages (their meaning is the provider's)", () => {
    const messages = decodeAll(new EventStreamDecoder(), [
      Buffer.concat([exceptionFrame("throttlingException", { message: "Too many tokens" }), errorFrame("InternalFailure", "boom")]),
    ]);
    expect(stringHeader(messages[0]!, ":message-type")).toBe("exception");
    expect(stringHeader(messages[0]!, ":exception-type")).toBe("throttlingException");
    expect(JSON.parse(payloadText(messages[0]))).toEqual({ message: "Too many tokens" });
    expect(messages[1]?.headers).toEqual({ ":error-code": "InternalFailure", ":error-message": "boom", ":message-type": "error" });
  });

  it("throws EventStreamError on a message CRC that does not match (a flipped payload byte)", () => {
    const frame = eventFrame("contentBlockDelta", { delta: { text: "Hello" } });
    frame.writeUInt8(frame.readUInt8(frame.length - 8) ^ 0x01, frame.length - 8);
    const decoder = new EventStreamDecoder({ provider: "bedrock", model: "m" });
    let error: unknown;
    try {
      decoder.push(frame);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EventStreamError);
    expect((error as EventStreamError).message).toMatch(/message checksum mismatch/);
    expect((error as EventStreamError).provider).toBe("bedrock");
    expect((error as EventStreamError).isRetryable).toBe(true);
  });

  it("throws EventStreamError on a prelude CRC that does not match, before waiting for the frame", () => {
    const frame = eventFrame("messageStart", { role: "assistant" });
    frame.writeUInt8(frame.readUInt8(3) ^ 0x40, 3); // the total length's low byte: the prelude no longer matches its CRC
    expect(() => new EventStreamDecoder().push(frame.subarray(0, 12))).toThrow(/prelude checksum mismatch/);
  });

  it("refuses lengths no real frame has, without buffering for them", () => {
    const prelude = Buffer.alloc(12);
    prelude.writeUInt32BE(MAX_MESSAGE_BYTES + 1, 0);
    prelude.writeUInt32BE(0, 4);
    prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
    expect(() => new EventStreamDecoder().push(prelude)).toThrow(EventStreamError);
    const headersTooLong = Buffer.alloc(12);
    headersTooLong.writeUInt32BE(20, 0);
    headersTooLong.writeUInt32BE(8, 4);
    headersTooLong.writeUInt32BE(crc32(headersTooLong.subarray(0, 8)), 8);
    expect(() => new EventStreamDecoder().push(headersTooLong)).toThrow(/impossible frame lengths/);
  });

  it("throws EventStreamError when the body ends inside a frame", () => {
    const frame = eventFrame("messageStop", { stopReason: "end_turn" });
    const decoder = new EventStreamDecoder();
    expect(decoder.push(frame.subarray(0, frame.length - 3))).toEqual([]);
    expect(() => decoder.flush()).toThrow(/ended inside a frame/);
  });

  it("refuses an unknown header value type", () => {
    const good = encodeFrame({ a: { type: "string", value: "b" } }, "");
    // Rewrite the value-type byte (after the 12-byte prelude, name length 1 and name "a") and fix the CRC.
    const bad = Buffer.from(good);
    bad[14] = 42;
    bad.writeUInt32BE(crc32(bad.subarray(0, bad.length - 4)), bad.length - 4);
    expect(() => new EventStreamDecoder().push(bad)).toThrow(/unknown header value type 42/);
  });
});

describe("EventStreamDecoder limits and failures after good messages", () => {
  it("refuses a message larger than maxEventBytes from its prelude, before buffering it", () => {
    const big = eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "x".repeat(5000) } });
    const decoder = new EventStreamDecoder({ maxEventBytes: 1024 });
    expect(() => decoder.push(big.subarray(0, 12))).toThrow(ResponseTooLargeError);
  });

  it("hands out the messages completed before a corrupt frame in the same read, then raises the failure", () => {
    const good = eventFrame("messageStart", { role: "assistant" });
    const bad = eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Hi" } });
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff; // break the message CRC
    const joined = new Uint8Array(good.length + bad.length);
    joined.set(good, 0);
    joined.set(bad, good.length);
    const decoder = new EventStreamDecoder();
    const messages = decoder.push(joined);
    expect(messages.map((message) => stringHeader(message, ":event-type"))).toEqual(["messageStart"]);
    expect(decoder.framesSeen).toBe(1);
    expect(decoder.failure).toBeInstanceOf(EventStreamError);
    expect(() => decoder.push(new Uint8Array(0))).toThrow(EventStreamError);
    expect(() => decoder.flush()).toThrow(EventStreamError);
  });
});
