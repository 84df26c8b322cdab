// The AWS event-stream binary framing (application/vnd.amazon.eventstream), decoded incrementally:
// each message is a 12-byte prelude (total length, headers length, CRC-32 of those 8 bytes), the
// headers, the payload and a CRC-32 of everything before it. Frames may arrive split anywhere across
// network reads, or several in one read. A checksum that does not match, lengths that do not add up,
// or a body that ends inside a frame is an EventStreamError (typed, retryable before output).
// Knows no provider: what the messages mean (events, exceptions) is the caller's business.
import { EventStreamError, type APIErrorInit } from "../errors.js";
import { ResponseTooLargeError } from "../errors-response.js";
import { crc32 } from "./crc32.js";

export type EventStreamHeaderValue = boolean | number | bigint | string | Uint8Array | Date;

export interface EventStreamMessage {
  headers: Readonly<Record<string, EventStreamHeaderValue>>;
  payload: Uint8Array;
}

const PRELUDE_BYTES = 12;
const CHECKSUM_BYTES = 4;
const MINIMUM_MESSAGE_BYTES = PRELUDE_BYTES + CHECKSUM_BYTES;
/** AWS caps one message at 16 MiB; a larger length is a corrupt prelude, never a reason to buffer. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export interface EventStreamDecoderOptions {
  provider?: string | undefined;
  model?: string | undefined;
  /** The largest message accepted, in bytes (onellm's maxStreamEventBytes; AWS's own cap is 16 MiB). */
  maxEventBytes?: number | undefined;
  /** Who is sending (for the ResponseTooLargeError). */
  source?: Pick<APIErrorInit, "provider" | "model" | "status" | "headers"> | undefined;
}

export class EventStreamDecoder {
  private buffer = new Uint8Array(0);
  private readonly textDecoder = new TextDecoder("utf-8", { fatal: true });

  /** Messages decoded so far (the stream's idle timer hears these). */
  framesSeen = 0;
  /**
   * A failure met after some messages in the same push had completed: those are returned first, and
   * this is what the caller raises once it has handled them (later pushes throw it too).
   */
  failure: unknown = undefined;

  constructor(private readonly options: EventStreamDecoderOptions = {}) {}

  /** Feeds bytes; returns every message they complete. */
  push(chunk: Uint8Array): EventStreamMessage[] {
    if (this.failure !== undefined) throw this.failure;
    const messages: EventStreamMessage[] = [];
    try {
      this.decode(chunk, messages);
    } catch (error) {
      this.failure = error;
      if (messages.length === 0) throw error;
    }
    this.framesSeen += messages.length;
    return messages;
  }

  private decode(chunk: Uint8Array, messages: EventStreamMessage[]): void {
    this.append(chunk);
    let offset = 0;
    while (this.buffer.length - offset >= PRELUDE_BYTES) {
      const view = new DataView(this.buffer.buffer, this.buffer.byteOffset + offset, PRELUDE_BYTES);
      const total = view.getUint32(0);
      const headersLength = view.getUint32(4);
      const preludeChecksum = view.getUint32(8);
      const actualPrelude = crc32(this.buffer.subarray(offset, offset + 8));
      if (actualPrelude !== preludeChecksum) {
        throw this.error(`prelude checksum mismatch (expected ${hex(preludeChecksum)}, computed ${hex(actualPrelude)})`);
      }
      if (total < MINIMUM_MESSAGE_BYTES || total > MAX_MESSAGE_BYTES || headersLength > total - MINIMUM_MESSAGE_BYTES) {
        throw this.error(`impossible frame lengths (total ${total} bytes, headers ${headersLength} bytes)`);
      }
      const limit = this.options.maxEventBytes;
      if (limit !== undefined && total > limit) {
        throw new ResponseTooLargeError("maxStreamEventBytes", limit, "a stream event", this.options.source);
      }
      if (this.buffer.length - offset < total) break;
      const frame = this.buffer.subarray(offset, offset + total);
      const messageChecksum = new DataView(frame.buffer, frame.byteOffset + total - CHECKSUM_BYTES, CHECKSUM_BYTES).getUint32(0);
      const actualMessage = crc32(frame.subarray(0, total - CHECKSUM_BYTES));
      if (actualMessage !== messageChecksum) {
        throw this.error(`message checksum mismatch (expected ${hex(messageChecksum)}, computed ${hex(actualMessage)})`);
      }
      const headers = this.readHeaders(frame.subarray(PRELUDE_BYTES, PRELUDE_BYTES + headersLength));
      // A copy: the payload must outlive the buffer it was cut from.
      messages.push({ headers, payload: frame.slice(PRELUDE_BYTES + headersLength, total - CHECKSUM_BYTES) });
      offset += total;
    }
    if (offset > 0) this.buffer = this.buffer.slice(offset);
  }

  /** The body ended: fine between frames, an error inside one. */
  flush(): EventStreamMessage[] {
    if (this.failure !== undefined) throw this.failure;
    if (this.buffer.length > 0) {
      throw this.error(`the stream ended inside a frame (${this.buffer.length} bytes of an incomplete message)`);
    }
    return [];
  }

  private append(chunk: Uint8Array): void {
    if (this.buffer.length === 0) {
      // A plain Uint8Array copy (a Buffer's slices would hand callers Buffers).
      this.buffer = new Uint8Array(chunk);
      return;
    }
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
  }

  private readHeaders(bytes: Uint8Array): Record<string, EventStreamHeaderValue> {
    const headers: Record<string, EventStreamHeaderValue> = {};
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let position = 0;
    const need = (count: number): void => {
      if (position + count > bytes.length) throw this.error("a header runs past the headers section");
    };
    while (position < bytes.length) {
      need(1);
      const nameLength = view.getUint8(position);
      position += 1;
      need(nameLength + 1);
      const name = this.text(bytes.subarray(position, position + nameLength));
      position += nameLength;
      const type = view.getUint8(position);
      position += 1;
      let value: EventStreamHeaderValue;
      switch (type) {
        case 0:
          value = true;
          break;
        case 1:
          value = false;
          break;
        case 2:
          need(1);
          value = view.getInt8(position);
          position += 1;
          break;
        case 3:
          need(2);
          value = view.getInt16(position);
          position += 2;
          break;
        case 4:
          need(4);
          value = view.getInt32(position);
          position += 4;
          break;
        case 5:
          need(8);
          value = view.getBigInt64(position);
          position += 8;
          break;
        case 6:
        case 7: {
          need(2);
          const length = view.getUint16(position);
          position += 2;
          need(length);
          const raw = bytes.subarray(position, position + length);
          value = type === 6 ? raw.slice() : this.text(raw);
          position += length;
          break;
        }
        case 8:
          need(8);
          value = new Date(Number(view.getBigInt64(position)));
          position += 8;
          break;
        case 9:
          need(16);
          value = bytes.slice(position, position + 16);
          position += 16;
          break;
        default:
          throw this.error(`unknown header value type ${type} for header "${name}"`);
      }
      headers[name] = value;
    }
    return headers;
  }

  private text(bytes: Uint8Array): string {
    try {
      return this.textDecoder.decode(bytes);
    } catch {
      throw this.error("a header is not valid UTF-8");
    }
  }

  private error(detail: string): EventStreamError {
    return new EventStreamError(`Unreadable AWS event stream: ${detail}.`, { provider: this.options.provider, model: this.options.model });
  }
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, "0")}`;
}

/** A header's value as a string, or undefined (for `:event-type`, `:message-type` and the like). */
export function stringHeader(message: EventStreamMessage, name: string): string | undefined {
  const value = message.headers[name];
  return typeof value === "string" ? value : undefined;
}
