// Splits a byte stream into lines (the framing shared by SSE and NDJSON): lines end in LF, CR or
// CRLF, may be cut anywhere across network chunks (a CRLF too), and are handed over as byte spans,
// so a decoder reads a field name on the bytes and decodes only what it keeps (SSE's `data:` value)
// as UTF-8, once and whole: a multi-byte character cut between chunks stays intact. Every line is
// byte-counted while it is still incomplete: a line that never ends is refused at the limit, not
// buffered without bound.

const LF = 10;
const CR = 13;

/** Called with each complete line and its length in bytes (without the line end). */
export type LineSink = (line: string, bytes: number) => void;

/**
 * Receives each complete line as `bytes[start, end)` (a byte-order mark opening the stream already
 * left out). The bytes are only valid during the call: the platform may reuse a read's buffer.
 */
export interface LineSpanSink {
  line(bytes: Uint8Array, start: number, end: number): void;
}

const EMPTY = new Uint8Array(0);

export class LineDecoder {
  /** Keeps U+FEFF inside lines; only a byte-order mark opening the stream is dropped (below). */
  private readonly textDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
  /** Bytes of an incomplete line carried over from earlier chunks. */
  private carry: Uint8Array[] = [];
  private carryBytes = 0;
  /** The previous chunk ended in CR: a LF opening the next chunk belongs to that line end. */
  private skipLeadingLF = false;
  private firstLine = true;
  /** For push(): decodes each span into a string for its LineSink. */
  private stringSink: LineSink | undefined;
  private readonly decodeSpan: LineSpanSink = {
    line: (bytes, start, end) => this.stringSink!(this.decode(bytes, start, end), end - start),
  };

  /**
   * @param maxLineBytes the longest line accepted, in bytes
   * @param tooLong called (and expected to throw) when a line passes that limit
   */
  constructor(
    private readonly maxLineBytes: number,
    private readonly tooLong: (bytes: number) => never,
  ) {}

  /** Feeds bytes; `emit` gets each complete line, decoded. */
  push(chunk: Uint8Array, emit: LineSink): void {
    this.stringSink = emit;
    this.pushSpans(chunk, this.decodeSpan);
  }

  /** Feeds bytes; `sink` gets each complete line as a byte span. */
  pushSpans(chunk: Uint8Array, sink: LineSpanSink): void {
    const length = chunk.length;
    let start = 0;
    if (this.skipLeadingLF) {
      this.skipLeadingLF = false;
      if (length > 0 && chunk[0] === LF) start = 1;
    }
    // CR alone is rare; it is looked for only while the chunk has one left.
    let nextCR = chunk.indexOf(CR, start);
    while (start < length) {
      let end = chunk.indexOf(LF, start);
      if (nextCR !== -1 && nextCR < start) nextCR = chunk.indexOf(CR, start);
      if (nextCR !== -1 && (end === -1 || nextCR < end)) end = nextCR;
      if (end === -1) {
        this.keep(chunk, start);
        return;
      }
      const bytes = this.carryBytes + (end - start);
      if (bytes > this.maxLineBytes) this.tooLong(bytes);
      this.emit(chunk, start, end, sink);
      if (chunk[end] === CR) {
        if (end + 1 === length) {
          this.skipLeadingLF = true;
          return;
        }
        start = chunk[end + 1] === LF ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
    }
  }

  /** The stream ended: a last line without its line end is still a line. */
  flush(emit: LineSink): void {
    this.stringSink = emit;
    this.flushSpans(this.decodeSpan);
  }

  flushSpans(sink: LineSpanSink): void {
    if (this.carryBytes === 0 && this.carry.length === 0) return;
    this.emit(EMPTY, 0, 0, sink);
  }

  /** The UTF-8 text of `bytes[start, end)` (malformed sequences as U+FFFD, as TextDecoder does). */
  decode(bytes: Uint8Array, start: number, end: number): string {
    if (start === end) return "";
    // A Node Buffer (what the Node transport reads) decodes a span in place: no view object per line.
    const slice = (bytes as { utf8Slice?: (start: number, end: number) => string }).utf8Slice;
    if (slice !== undefined) return slice.call(bytes, start, end);
    return this.textDecoder.decode(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
  }

  private keep(chunk: Uint8Array, start: number): void {
    const tail = chunk.length - start;
    this.carryBytes += tail;
    if (this.carryBytes > this.maxLineBytes) this.tooLong(this.carryBytes);
    // A copy: the platform may reuse the chunk's buffer once the read has returned.
    this.carry.push(chunk.slice(start));
  }

  private emit(chunk: Uint8Array, start: number, end: number, sink: LineSpanSink): void {
    let bytes = chunk;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carryBytes + (end - start));
      let offset = 0;
      for (const piece of this.carry) {
        bytes.set(piece, offset);
        offset += piece.length;
      }
      bytes.set(chunk.subarray(start, end), offset);
      this.carry = [];
      this.carryBytes = 0;
      start = 0;
      end = bytes.length;
    }
    if (this.firstLine) {
      this.firstLine = false;
      // A byte-order mark (EF BB BF) opening the stream is not part of its first line.
      if (end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
    }
    sink.line(bytes, start, end);
  }
}
