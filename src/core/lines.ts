// Splits a byte stream into text lines (the framing shared by SSE and NDJSON): lines end in LF, CR
// or CRLF, may be cut anywhere across network chunks (a CRLF too), and are decoded as UTF-8 whole,
// so a multi-byte character cut between chunks stays intact. Every line is byte-counted while it is
// still incomplete: a line that never ends is refused at the limit, not buffered without bound.

const LF = 10;
const CR = 13;

/** Called with each complete line and its length in bytes (without the line end). */
export type LineSink = (line: string, bytes: number) => void;

export class LineDecoder {
  /** Keeps U+FEFF inside lines; only a byte-order mark opening the stream is dropped (below). */
  private readonly textDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
  /** Bytes of an incomplete line carried over from earlier chunks. */
  private carry: Uint8Array[] = [];
  private carryBytes = 0;
  /** The previous chunk ended in CR: a LF opening the next chunk belongs to that line end. */
  private skipLeadingLF = false;
  private firstLine = true;

  /**
   * @param maxLineBytes the longest line accepted, in bytes
   * @param tooLong called (and expected to throw) when a line passes that limit
   */
  constructor(
    private readonly maxLineBytes: number,
    private readonly tooLong: (bytes: number) => never,
  ) {}

  push(chunk: Uint8Array, emit: LineSink): void {
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
      emit(this.decodeLine(chunk, start, end), bytes);
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
    if (this.carryBytes === 0 && this.carry.length === 0) return;
    const bytes = this.carryBytes;
    emit(this.decodeLine(new Uint8Array(0), 0, 0), bytes);
  }

  private keep(chunk: Uint8Array, start: number): void {
    const tail = chunk.length - start;
    this.carryBytes += tail;
    if (this.carryBytes > this.maxLineBytes) this.tooLong(this.carryBytes);
    // A copy: the platform may reuse the chunk's buffer once the read has returned.
    this.carry.push(chunk.slice(start));
  }

  private decodeLine(chunk: Uint8Array, start: number, end: number): string {
    let line: string;
    if (this.carry.length === 0) {
      line = start === end ? "" : this.textDecoder.decode(chunk.subarray(start, end));
    } else {
      const joined = new Uint8Array(this.carryBytes + (end - start));
      let offset = 0;
      for (const piece of this.carry) {
        joined.set(piece, offset);
        offset += piece.length;
      }
      joined.set(chunk.subarray(start, end), offset);
      this.carry = [];
      this.carryBytes = 0;
      line = this.textDecoder.decode(joined);
    }
    if (this.firstLine) {
      this.firstLine = false;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    return line;
  }
}
