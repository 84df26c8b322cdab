// Newline-delimited JSON (application/x-ndjson), decoded incrementally: one JSON value per line,
// lines cut by the same LineDecoder as server-sent events (so a value split anywhere across network
// chunks, CRLF line ends and a BOM are handled alike, and limits on line reading apply to both).
// Blank lines are skipped; a line that is not JSON is an NDJSONSyntaxError naming the line, raised
// once the values before it have been handed out (nothing after it is read).
import type { APIErrorInit } from "../errors.js";
import { ResponseTooLargeError } from "../errors-response.js";
import { DEFAULT_MAX_STREAM_EVENT_BYTES } from "./limits.js";
import { LineDecoder } from "./lines.js";

export interface NDJSONDecoderOptions {
  /** The longest line (one JSON value), in bytes. */
  maxEventBytes?: number;
  /** Who is sending (for the ResponseTooLargeError). */
  source?: Pick<APIErrorInit, "provider" | "model" | "status" | "headers">;
}

const encoder = new TextEncoder();

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
  private readonly lines: LineDecoder;
  private values: unknown[] = [];
  private syntaxError: NDJSONSyntaxError | undefined;
  /** Values decoded so far (the idle timer hears these, not blank lines). */
  framesSeen = 0;
  /** A limit passed after values in the same push had completed: raised once they are handled. */
  failure: unknown = undefined;
  private readonly onLine = (line: string): void => {
    if (this.syntaxError !== undefined || line.trim().length === 0) return;
    try {
      this.values.push(JSON.parse(line));
      this.framesSeen++;
    } catch (error) {
      this.syntaxError = new NDJSONSyntaxError(line, error);
    }
  };

  constructor(options: NDJSONDecoderOptions = {}) {
    const limit = options.maxEventBytes ?? DEFAULT_MAX_STREAM_EVENT_BYTES;
    this.lines = new LineDecoder(limit, () => {
      throw new ResponseTooLargeError("maxStreamEventBytes", limit, "a stream line", options.source);
    });
  }

  /** Feeds bytes (or already-decoded text); returns every value completed by them. */
  push(chunk: Uint8Array | string): unknown[] {
    if (this.failure !== undefined) throw this.failure;
    try {
      this.lines.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk, this.onLine);
    } catch (error) {
      this.failure = error;
      if (this.values.length === 0) throw error;
    }
    return this.take();
  }

  /** Call once the byte stream has ended: a last line without its newline still counts. */
  flush(): unknown[] {
    if (this.failure !== undefined) throw this.failure;
    this.lines.flush(this.onLine);
    return this.take();
  }

  private take(): unknown[] {
    if (this.values.length === 0) {
      if (this.syntaxError !== undefined) throw this.syntaxError;
      return [];
    }
    const values = this.values;
    this.values = [];
    return values;
  }
}
