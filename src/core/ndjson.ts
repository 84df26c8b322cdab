// Newline-delimited JSON (application/x-ndjson), decoded incrementally: one JSON value per line,
// lines cut by the same LineDecoder as server-sent events (so a value split anywhere across network
// chunks, CRLF line ends and a BOM are handled alike, and limits on line reading apply to both).
// Blank lines are skipped; a line that is not JSON is an NDJSONSyntaxError naming the line, raised
// once the values before it have been handed out (nothing after it is read).
import { LineDecoder } from "./sse.js";

/** How much of a bad line an error quotes. */
const QUOTED_CHARS = 200;

export class NDJSONSyntaxError extends SyntaxError {
  override name = "NDJSONSyntaxError";
  constructor(
    readonly line: string,
    cause: unknown,
  ) {
    super(`a stream line is not JSON: ${line.length > QUOTED_CHARS ? `${line.slice(0, QUOTED_CHARS)}…` : line}`, { cause });
  }
}

export class NDJSONDecoder {
  private readonly lines = new LineDecoder();
  private values: unknown[] = [];
  private failure: NDJSONSyntaxError | undefined;
  private readonly onLine = (line: string): void => {
    if (this.failure !== undefined || line.trim().length === 0) return;
    try {
      this.values.push(JSON.parse(line));
    } catch (error) {
      this.failure = new NDJSONSyntaxError(line, error);
    }
  };

  /** Feeds bytes (or already-decoded text); returns every value completed by them. */
  push(chunk: Uint8Array | string): unknown[] {
    this.lines.push(chunk, this.onLine);
    return this.take();
  }

  /** Call once the byte stream has ended: a last line without its newline still counts. */
  flush(): unknown[] {
    this.lines.flush(this.onLine);
    return this.take();
  }

  private take(): unknown[] {
    if (this.values.length === 0) {
      if (this.failure !== undefined) throw this.failure;
      return [];
    }
    const values = this.values;
    this.values = [];
    return values;
  }
}
