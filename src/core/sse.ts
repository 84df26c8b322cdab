// Server-sent events, decoded incrementally per the WHATWG event-stream rules: events may be split
// anywhere across network chunks (even inside a UTF-8 sequence or between CR and LF), lines end in
// CRLF, CR or LF, lines starting with ":" are comments, and multi-line data is joined with "\n".
// Lines and events are byte-limited while they arrive (see lines.ts).
import type { APIErrorInit } from "../errors.js";
import { ResponseTooLargeError } from "../errors-response.js";
import { DEFAULT_MAX_STREAM_EVENT_BYTES } from "./limits.js";
import { LineDecoder } from "./lines.js";

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

export class SSEDecoder {
  private readonly lines: LineDecoder;
  private readonly maxEventBytes: number;
  private dataLines: string[] = [];
  private dataBytes = 0;
  private eventName: string | undefined = undefined;
  private lastEventId: string | undefined = undefined;
  private hasFields = false;
  private pending: SSEEvent[] = [];
  /**
   * How many `data:` lines have arrived so far: the provider speaking. Comments and blank lines
   * (keep-alives) do not count, so they cannot hold a stalled stream open.
   */
  framesSeen = 0;
  private readonly sink = (line: string, bytes: number): void => this.processLine(line, bytes);

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
      this.lines.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk, this.sink);
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
    this.lines.flush(this.sink);
    const last = this.dispatch();
    if (last) this.pending.push(last);
    return this.take();
  }

  private take(): SSEEvent[] {
    if (this.pending.length === 0) return [];
    const events = this.pending;
    this.pending = [];
    return events;
  }

  private processLine(line: string, bytes: number): void {
    if (line.length === 0) {
      const event = this.dispatch();
      if (event) this.pending.push(event);
      return;
    }
    if (line.charCodeAt(0) === 58 /* ":" */) return;
    const colon = line.indexOf(":");
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = "";
    } else {
      field = line.slice(0, colon);
      value = line.charCodeAt(colon + 1) === 32 /* " " */ ? line.slice(colon + 2) : line.slice(colon + 1);
    }
    switch (field) {
      case "data":
        // The line's bytes bound its value's; with the "\n" joining lines, that bounds the event.
        this.dataBytes += bytes + 1;
        if (this.dataBytes > this.maxEventBytes + 1) this.tooLarge("a stream event");
        this.dataLines.push(value);
        this.framesSeen++;
        this.hasFields = true;
        break;
      case "event":
        this.eventName = value;
        break;
      case "id":
        if (!value.includes("\0")) this.lastEventId = value;
        break;
      default:
        // `retry` and unknown fields carry nothing a chat stream needs.
        break;
    }
  }

  private dispatch(): SSEEvent | undefined {
    if (!this.hasFields) {
      // Per the spec, an event with no data lines is not dispatched; its name is forgotten.
      this.eventName = undefined;
      return undefined;
    }
    const lines = this.dataLines;
    const data = lines.length === 1 ? (lines[0] as string) : lines.join("\n");
    const event: SSEEvent = { event: this.eventName, data, id: this.lastEventId };
    this.dataLines = [];
    this.dataBytes = 0;
    this.eventName = undefined;
    this.hasFields = false;
    return event;
  }

  private tooLarge(what: string): never {
    throw new ResponseTooLargeError("maxStreamEventBytes", this.maxEventBytes, what, this.options.source);
  }
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
