// The floor's SSE handling: split on blank lines, take the `data: ` line, JSON.parse it. It knows
// the server's exact framing (LF line ends, one data line per event), which a real SDK cannot
// assume; that is what makes it a floor rather than a decoder.
import type { Readable } from "node:stream";
import { eventText, type Format } from "../formats.js";

export class MinimalSSE {
  private buffer = "";

  constructor(
    private readonly format: Format,
    private readonly onChunk: (text: string | undefined) => void,
  ) {}

  push(text: string): void {
    const buffer = this.buffer.length === 0 ? text : this.buffer + text;
    let start = 0;
    for (;;) {
      const end = buffer.indexOf("\n\n", start);
      if (end === -1) break;
      let dataAt = -1;
      if (buffer.startsWith("data: ", start)) dataAt = start;
      else {
        const line = buffer.indexOf("\ndata: ", start);
        if (line !== -1 && line < end) dataAt = line + 1;
      }
      if (dataAt !== -1) {
        const data = buffer.slice(dataAt + 6, end);
        if (data !== "[DONE]") this.onChunk(eventText(this.format, JSON.parse(data)));
      }
      start = end + 2;
    }
    this.buffer = start === buffer.length ? "" : buffer.slice(start);
  }
}

/**
 * Reads a Node byte stream (node:http's or undici's body) to its end through MinimalSSE. Decoded
 * here rather than by setEncoding(), which undici's body does not honour.
 */
export function readMinimalSSE(body: Readable, format: Format, onChunk: (text: string | undefined) => void): Promise<void> {
  const decoder = new TextDecoder();
  const splitter = new MinimalSSE(format, onChunk);
  return new Promise<void>((resolve, reject) => {
    body.on("data", (bytes: Uint8Array) => splitter.push(decoder.decode(bytes, { stream: true })));
    body.on("end", () => {
      splitter.push(decoder.decode());
      resolve();
    });
    body.on("error", reject);
  });
}
