// Builds AWS event-stream frames byte by byte (prelude, headers, payload, both CRC-32s), for decoder
// tests and for the Bedrock recordings the replay server serves. The checksum is computed here with
// zlib's crc32 (node:zlib), not with the decoder's own code, so a wrong CRC in either shows up.
import { crc32 } from "node:zlib";

export type HeaderValue =
  | { type: "bool"; value: boolean }
  | { type: "byte" | "short" | "int"; value: number }
  | { type: "long" | "timestamp"; value: bigint }
  | { type: "bytes" | "uuid"; value: Uint8Array }
  | { type: "string"; value: string };

function headerBytes(name: string, header: HeaderValue): Buffer {
  const nameBytes = Buffer.from(name, "utf8");
  const parts: Buffer[] = [Buffer.from([nameBytes.length]), nameBytes];
  switch (header.type) {
    case "bool":
      parts.push(Buffer.from([header.value ? 0 : 1]));
      break;
    case "byte": {
      const value = Buffer.alloc(2);
      value.writeUInt8(2, 0);
      value.writeInt8(header.value, 1);
      parts.push(value);
      break;
    }
    case "short": {
      const value = Buffer.alloc(3);
      value.writeUInt8(3, 0);
      value.writeInt16BE(header.value, 1);
      parts.push(value);
      break;
    }
    case "int": {
      const value = Buffer.alloc(5);
      value.writeUInt8(4, 0);
      value.writeInt32BE(header.value, 1);
      parts.push(value);
      break;
    }
    case "long":
    case "timestamp": {
      const value = Buffer.alloc(9);
      value.writeUInt8(header.type === "long" ? 5 : 8, 0);
      value.writeBigInt64BE(header.value, 1);
      parts.push(value);
      break;
    }
    case "bytes":
    case "string": {
      const raw = header.type === "string" ? Buffer.from(header.value, "utf8") : Buffer.from(header.value);
      const prefix = Buffer.alloc(3);
      prefix.writeUInt8(header.type === "string" ? 7 : 6, 0);
      prefix.writeUInt16BE(raw.length, 1);
      parts.push(prefix, raw);
      break;
    }
    case "uuid":
      parts.push(Buffer.from([9]), Buffer.from(header.value));
      break;
  }
  return Buffer.concat(parts);
}

/** One complete frame. */
export function encodeFrame(headers: Record<string, HeaderValue>, payload: Uint8Array | string): Buffer {
  const headerSection = Buffer.concat(Object.entries(headers).map(([name, value]) => headerBytes(name, value)));
  const body = typeof payload === "string" ? Buffer.from(payload, "utf8") : Buffer.from(payload);
  const total = 12 + headerSection.length + body.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(headerSection.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const withoutChecksum = Buffer.concat([prelude, headerSection, body]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(withoutChecksum), 0);
  return Buffer.concat([withoutChecksum, checksum]);
}

const text = (value: string): HeaderValue => ({ type: "string", value });

/** An `event` message as AWS's restJson1 event streams send it (JSON payload). */
export function eventFrame(eventType: string, payload: unknown): Buffer {
  return encodeFrame(
    { ":event-type": text(eventType), ":content-type": text("application/json"), ":message-type": text("event") },
    JSON.stringify(payload),
  );
}

/** A modeled exception in the stream (`:message-type: exception`). */
export function exceptionFrame(exceptionType: string, payload: unknown): Buffer {
  return encodeFrame(
    { ":exception-type": text(exceptionType), ":content-type": text("application/json"), ":message-type": text("exception") },
    JSON.stringify(payload),
  );
}

/** A protocol-level error (`:message-type: error`, code and message in headers). */
export function errorFrame(code: string, message: string): Buffer {
  return encodeFrame({ ":error-code": text(code), ":error-message": text(message), ":message-type": text("error") }, "");
}

/**
 * A Bedrock recording (`.events.jsonl`: one `{"event": type, "payload": {...}}` or
 * `{"exception": type, "payload": {...}}` per line) -> the binary body ConverseStream sends.
 */
export function encodeRecording(jsonl: string): Buffer {
  const frames = jsonl
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const entry = JSON.parse(line) as { event?: string; exception?: string; payload: unknown };
      if (entry.event !== undefined) return eventFrame(entry.event, entry.payload);
      if (entry.exception !== undefined) return exceptionFrame(entry.exception, entry.payload);
      throw new Error(`recording line has neither event nor exception: ${line}`);
    });
  return Buffer.concat(frames);
}
