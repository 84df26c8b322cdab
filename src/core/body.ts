// Reading response bodies within an attempt: a whole (non-streamed) body with a byte limit counted
// while it arrives, and a streamed body chunk by chunk, read to its end for a moment after the end
// marker so the connection can be reused.
import { ResponseTooLargeError } from "../errors-response.js";
import { cancelBody, directBodyOf } from "./direct-body.js";
import { refTimer, type Attempt } from "./http.js";
import { PushedStreamBody, type StreamedBody } from "./pushed-body.js";

export { PushedStreamBody, type StreamedBody } from "./pushed-body.js";

/**
 * How much of a non-streamed body is read: past `maxBytes`, either a ResponseTooLargeError
 * (`"throw"`, for an answer) or the text so far (`"truncate"`, for an error body, whose class comes
 * from its status anyway).
 */
export interface BodyLimit {
  maxBytes: number;
  whenExceeded: "throw" | "truncate";
}

/**
 * Reads a whole (non-streamed) body within the attempt's deadline, counting bytes as they arrive:
 * an oversized answer is refused by its Content-Length, or as soon as it passes the limit, and is
 * never held whole.
 */
export async function readBody(response: Response, attempt: Attempt, limit: BodyLimit): Promise<string> {
  const tooLarge = (): ResponseTooLargeError =>
    new ResponseTooLargeError("maxResponseBytes", limit.maxBytes, "a response body", {
      status: response.status,
      provider: attempt.provider,
      model: attempt.model,
      headers: response.headers,
    });
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > limit.maxBytes && limit.whenExceeded === "throw") {
    void cancelBody(response);
    throw tooLarge();
  }
  const direct = directBodyOf(response);
  if (direct !== undefined) {
    let read: { text: string; exceeded: boolean };
    try {
      read = await direct.readText(limit.maxBytes, limit.whenExceeded === "truncate");
    } catch (error) {
      throw attempt.toError(error, "body");
    }
    if (read.exceeded && limit.whenExceeded === "throw") throw tooLarge();
    return read.text;
  }
  const body = response.body;
  if (!body) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let total = 0;
  let ended = false;
  try {
    for (;;) {
      const result = await readWithin(attempt, reader, "body");
      if (result.done) {
        ended = true;
        break;
      }
      const chunk = result.value;
      if (total + chunk.byteLength > limit.maxBytes) {
        if (limit.whenExceeded === "throw") throw tooLarge();
        text += decoder.decode(chunk.subarray(0, limit.maxBytes - total), { stream: true });
        break;
      }
      total += chunk.byteLength;
      text += decoder.decode(chunk, { stream: true });
    }
  } finally {
    if (!ended) reader.cancel().catch(() => undefined);
    try {
      reader.releaseLock();
    } catch {
      // A read abandoned by raceAbort may still be pending; the error already thrown matters more.
    }
  }
  return text + decoder.decode();
}

/**
 * A streamed body as the chunk source reads it: pushed by the Node transport from its socket's own
 * events, or read (and raced against the attempt's abort) from fetch's web stream. Failures are
 * mapped to our errors. The idle timer is fed by the consumer (see StreamActivity), which knows an
 * event from a comment.
 */
export function streamedBody(response: Response, attempt: Attempt, idleMs: number): StreamedBody {
  const direct = directBodyOf(response);
  return direct === undefined ? readWebStreamBody(response, attempt, idleMs) : new PushedStreamBody(direct, attempt, idleMs);
}

/** A streamed body from fetch (or a caller's fetch), read by read. */
async function* readWebStreamBody(response: Response, attempt: Attempt, idleMs: number): AsyncGenerator<Uint8Array, void, undefined> {
  const body = response.body;
  if (!body) return;
  attempt.startIdleTimer(idleMs);
  const reader = body.getReader();
  let ended = false;
  let failed = false;
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await readWithin(attempt, reader, "stream");
      } catch (error) {
        failed = true;
        throw error;
      }
      if (result.done) {
        ended = true;
        return;
      }
      yield result.value;
    }
  } finally {
    // Returned early by a consumer that saw the end marker (a `break` aborts the attempt first):
    // the body usually ends right behind the marker, and reading that end lets the platform keep
    // the connection for the next request. A server that keeps it open is cut off after a moment.
    if (!ended && !failed && attempt.live) ended = await readToEnd(reader, END_GRACE_MS, END_GRACE_BYTES);
    attempt.finish();
    // A read abandoned by raceAbort may still be pending: cancelling settles it at once (not
    // awaited: the platform's cancel may itself wait on the dead connection) and frees the socket.
    if (!ended) reader.cancel().catch(() => undefined);
    try {
      reader.releaseLock();
    } catch {
      // An older streams implementation refuses while a read is pending; the error already thrown matters more.
    }
  }
}

/** One read, ended by the attempt's abort (timeout, idle, deadline, caller) and mapped to our errors. */
async function readWithin(attempt: Attempt, reader: ReadableStreamDefaultReader<Uint8Array>, phase: "body" | "stream"): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await attempt.raceAbort(reader.read());
  } catch (error) {
    throw attempt.toError(error, phase);
  }
}

import { END_GRACE_BYTES, END_GRACE_MS } from "./pushed-body.js";

/** True when the body ended within `graceMs` and `maxBytes`; a read still pending is the caller's to cancel. */
async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>, graceMs: number, maxBytes: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), graceMs);
    refTimer(timer, false);
  });
  try {
    for (let seen = 0; seen <= maxBytes; ) {
      const read = reader.read();
      read.catch(() => undefined);
      const result = await Promise.race([read, late]);
      if (result === "late") return false;
      if (result.done) return true;
      seen += result.value.byteLength;
    }
    return false;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
