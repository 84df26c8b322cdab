// Server-sent events, decoded incrementally per the WHATWG event-stream rules: events may be split
// anywhere across network chunks (even inside a UTF-8 sequence or between CR and LF), lines end in
// CRLF, CR or LF, lines starting with ":" are comments, and multi-line data is joined with "\n".
// The line reading is its own class, shared with the NDJSON decoder (core/ndjson.ts).

export interface SSEEvent {
  /** The `event:` field, or undefined for the default "message" event. */
  event: string | undefined;
  data: string;
  id: string | undefined;
}

const LF = 10;
const CR = 13;

/**
 * Bytes -> lines: UTF-8 decoded across chunk boundaries, a leading BOM dropped, lines ended by CRLF,
 * CR or LF (a CR at a chunk's end and the LF starting the next are one line end).
 */
export class LineDecoder {
  private readonly textDecoder = new TextDecoder("utf-8");
  /** An incomplete trailing line carried over from the previous chunk. */
  private carry = "";
  /** The previous chunk ended in CR: a LF starting the next chunk belongs to that line end. */
  private skipLeadingLF = false;
  private atStart = true;

  /** Feeds bytes (or already-decoded text); calls `onLine` for every line they complete. */
  push(chunk: Uint8Array | string, onLine: (line: string) => void): void {
    let text = typeof chunk === "string" ? chunk : this.textDecoder.decode(chunk, { stream: true });
    if (text.length === 0) return;
    if (this.atStart) {
      this.atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let position = 0;
    if (this.skipLeadingLF) {
      this.skipLeadingLF = false;
      if (text.charCodeAt(0) === LF) position = 1;
    }
    const length = text.length;
    while (position < length) {
      const lineEnd = findLineEnd(text, position);
      if (lineEnd === -1) {
        this.carry += text.slice(position);
        break;
      }
      let line = text.slice(position, lineEnd);
      if (this.carry.length > 0) {
        line = this.carry + line;
        this.carry = "";
      }
      if (text.charCodeAt(lineEnd) === CR) {
        if (lineEnd + 1 === length) {
          this.skipLeadingLF = true;
          position = length;
        } else {
          position = text.charCodeAt(lineEnd + 1) === LF ? lineEnd + 2 : lineEnd + 1;
        }
      } else {
        position = lineEnd + 1;
      }
      onLine(line);
    }
  }

  /** Call once the byte stream has ended: the last line, when it had no line end. */
  flush(onLine: (line: string) => void): void {
    const tail = this.textDecoder.decode();
    if (tail.length > 0) this.push(tail, onLine);
    if (this.carry.length > 0) {
      const line = this.carry;
      this.carry = "";
      onLine(line);
    }
  }
}

export class SSEDecoder {
  private readonly lines = new LineDecoder();
  private dataLines: string[] = [];
  private eventName: string | undefined = undefined;
  private lastEventId: string | undefined = undefined;
  private hasFields = false;
  private events: SSEEvent[] = [];
  private readonly onLine = (line: string): void => {
    const event = this.processLine(line);
    if (event) this.events.push(event);
  };

  /** Feeds bytes (or already-decoded text); returns every event completed by them. */
  push(chunk: Uint8Array | string): SSEEvent[] {
    this.lines.push(chunk, this.onLine);
    return this.take();
  }

  /**
   * Call once the byte stream has ended. A final event without its blank line is still delivered
   * (servers that omit it are common); the caller decides whether the stream was complete.
   */
  flush(): SSEEvent[] {
    this.lines.flush(this.onLine);
    const last = this.dispatch();
    if (last) this.events.push(last);
    return this.take();
  }

  private take(): SSEEvent[] {
    if (this.events.length === 0) return [];
    const events = this.events;
    this.events = [];
    return events;
  }

  private processLine(line: string): SSEEvent | undefined {
    if (line.length === 0) return this.dispatch();
    if (line.charCodeAt(0) === 58 /* ":" */) return undefined;
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
        this.dataLines.push(value);
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
    return undefined;
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
    this.eventName = undefined;
    this.hasFields = false;
    return event;
  }
}

function findLineEnd(text: string, from: number): number {
  const lf = text.indexOf("\n", from);
  // CR alone is rare; only search for it when the chunk has one at all.
  const cr = text.indexOf("\r", from);
  if (cr === -1) return lf;
  if (lf === -1) return cr;
  return cr < lf ? cr : lf;
}

/** Decodes a byte stream into SSE events. */
export async function* decodeSSE(body: AsyncIterable<Uint8Array>): AsyncGenerator<SSEEvent, void, undefined> {
  const decoder = new SSEDecoder();
  for await (const chunk of body) {
    const events = decoder.push(chunk);
    for (let index = 0; index < events.length; index++) yield events[index] as SSEEvent;
  }
  const trailing = decoder.flush();
  for (const event of trailing) yield event;
}
