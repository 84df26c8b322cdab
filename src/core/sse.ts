// Server-sent events, decoded incrementally per the WHATWG event-stream rules: events may be split
// anywhere across network chunks (even inside a UTF-8 sequence or between CR and LF), lines end in
// CRLF, CR or LF, lines starting with ":" are comments, and multi-line data is joined with "\n".
// Lines and events are byte-limited while they arrive (see lines.ts).
import type { APIErrorInit } from "../errors.js";
import { ResponseTooLargeError } from "../errors-response.js";
import { DEFAULT_MAX_STREAM_EVENT_BYTES } from "./limits.js";
import { LineDecoder, type LineSpanSink } from "./lines.js";

export interface SSEEvent {
  /** The `event:` field, or undefined for the default "message" event. */
  event: string | undefined;
  data: string;
  id: string | undefined;
}

export interface SSEDecoderOptions {
  /** The longest line, and the most data one event may gather, in bytes. */
  maxEventBytes?: number;
  /** Who is sending (for the ResponseTooLargeError). */
  source?: Pick<APIErrorInit, "provider" | "model" | "status" | "headers">;
}

const encoder = new TextEncoder();

const DATA = [100, 97, 116, 97]; // "data"
const EVENT = [101, 118, 101, 110, 116]; // "event"
const ID = [105, 100]; // "id"
const COLON = 58;
const SPACE = 32;

/** True when the line's field name (up to its colon, or the whole line) is exactly `name`. */
function fieldIs(bytes: Uint8Array, start: number, end: number, name: readonly number[]): boolean {
  const length = name.length;
  if (end - start < length) return false;
  for (let index = 0; index < length; index++) if (bytes[start + index] !== name[index]) return false;
  return end - start === length || bytes[start + length] === COLON;
}

/**
 * The SSE decoder reads each line's field name on its bytes: comments and unknown fields are never
 * decoded, and a `data:` line becomes one string, its value, decoded straight from the bytes.
 */
export class SSEDecoder implements LineSpanSink {
  private readonly lines: LineDecoder;
  private readonly maxEventBytes: number;
  /** The event's data: its one line (the usual case), or its lines joined so far. */
  private data: string | undefined = undefined;
  /** More than one data line: the rest, joined with "\n" at dispatch. */
  private moreData: string[] | undefined = undefined;
  private dataBytes = 0;
  private eventName: string | undefined = undefined;
  private lastEventName: string | undefined = undefined;
  private lastEventId: string | undefined = undefined;
  private pending: SSEEvent[] = [];
  /**
   * How many `data:` lines have arrived so far: the provider speaking. Comments and blank lines
   * (keep-alives) do not count, so they cannot hold a stalled stream open.
   */
  framesSeen = 0;

  constructor(private readonly options: SSEDecoderOptions = {}) {
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_STREAM_EVENT_BYTES;
    this.lines = new LineDecoder(this.maxEventBytes, () => this.tooLarge("a stream line"));
  }

  /**
   * A limit was passed after some events had completed: those are returned first, and this is
   * what the caller raises once it has handled them (later pushes throw it too).
   */
  failure: unknown = undefined;

  /** Feeds bytes (or already-decoded text); returns every event completed by them. */
  push(chunk: Uint8Array | string): SSEEvent[] {
    if (this.failure !== undefined) throw this.failure;
    try {
      this.lines.pushSpans(typeof chunk === "string" ? encoder.encode(chunk) : chunk, this);
    } catch (error) {
      this.failure = error;
      if (this.pending.length === 0) throw error;
    }
    return this.take();
  }

  /**
   * Call once the byte stream has ended. A final event without its blank line is still delivered
   * (servers that omit it are common); the caller decides whether the stream was complete.
   */
  flush(): SSEEvent[] {
    if (this.failure !== undefined) throw this.failure;
    this.lines.flushSpans(this);
    const last = this.dispatch();
    if (last) this.pending.push(last);
    return this.take();
  }

  private take(): SSEEvent[] {
    if (this.pending.length === 0) return NO_EVENTS;
    const events = this.pending;
    this.pending = [];
    return events;
  }

  /** @internal One line from the LineDecoder, as bytes. */
  line(bytes: Uint8Array, start: number, end: number): void {
    if (start === end) {
      const event = this.dispatch();
      if (event) this.pending.push(event);
      return;
    }
    const first = bytes[start];
    if (first === COLON) return;
    if (first === DATA[0] && fieldIs(bytes, start, end, DATA)) {
      // The line's bytes bound its value's; with the "\n" joining lines, that bounds the event.
      this.dataBytes += end - start + 1;
      if (this.dataBytes > this.maxEventBytes + 1) this.tooLarge("a stream event");
      const value = this.lines.decode(bytes, valueStart(bytes, start + DATA.length, end), end);
      if (this.data === undefined) this.data = value;
      else (this.moreData ??= []).push(value);
      this.framesSeen++;
    } else if (first === EVENT[0] && fieldIs(bytes, start, end, EVENT)) {
      const from = valueStart(bytes, start + EVENT.length, end);
      // Streams repeat a handful of event names: the last one is reused while the bytes match.
      const last = this.lastEventName;
      this.eventName = last !== undefined && sameASCII(bytes, from, end, last) ? last : (this.lastEventName = this.lines.decode(bytes, from, end));
    } else if (first === ID[0] && fieldIs(bytes, start, end, ID)) {
      const value = this.lines.decode(bytes, valueStart(bytes, start + ID.length, end), end);
      if (!value.includes("\0")) this.lastEventId = value;
    }
    // `retry` and unknown fields carry nothing a chat stream needs.
  }

  private dispatch(): SSEEvent | undefined {
    const first = this.data;
    if (first === undefined) {
      // Per the spec, an event with no data lines is not dispatched; its name is forgotten.
      this.eventName = undefined;
      return undefined;
    }
    const more = this.moreData;
    const data = more === undefined ? first : `${first}\n${more.join("\n")}`;
    const event: SSEEvent = { event: this.eventName, data, id: this.lastEventId };
    this.data = undefined;
    this.moreData = undefined;
    this.dataBytes = 0;
    this.eventName = undefined;
    return event;
  }

  private tooLarge(what: string): never {
    throw new ResponseTooLargeError("maxStreamEventBytes", this.maxEventBytes, what, this.options.source);
  }
}

const NO_EVENTS: SSEEvent[] = Object.freeze([]) as unknown as SSEEvent[];

/** True when `bytes[start, end)` are exactly `text`'s characters (a match implies ASCII-only bytes). */
function sameASCII(bytes: Uint8Array, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f || bytes[start + index] !== code) return false;
  }
  return true;
}

/** Where a field's value starts: after its colon and one optional space (none without a colon). */
function valueStart(bytes: Uint8Array, afterName: number, end: number): number {
  if (afterName >= end) return end;
  return bytes[afterName + 1] === SPACE && afterName + 1 < end ? afterName + 2 : afterName + 1;
}

/** Decodes a byte stream into SSE events. */
export async function* decodeSSE(body: AsyncIterable<Uint8Array>, options?: SSEDecoderOptions): AsyncGenerator<SSEEvent, void, undefined> {
  const decoder = new SSEDecoder(options);
  for await (const chunk of body) {
    const events = decoder.push(chunk);
    for (let index = 0; index < events.length; index++) yield events[index] as SSEEvent;
  }
  const trailing = decoder.flush();
  for (const event of trailing) yield event;
}
