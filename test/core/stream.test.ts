// Stream<T> against `openai`'s own Stream class: consumed-twice, tee(), controller.abort() and
// toReadableStream()/fromReadableStream() must behave as code written for `openai` expects.
import { Stream as TheirStream } from "openai/streaming";
import { describe, expect, it } from "vitest";
import { Stream } from "../../src/core/stream.js";
import { OpenAIError } from "../../src/errors.js";

/** Yields 0..count-1, each after a short wait, and records whether it was told to stop. */
function source(count: number, delayMs = 2) {
  const state = { returned: false };
  const make = () =>
    (async function* () {
      try {
        for (let index = 0; index < count; index++) {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          yield index;
        }
      } finally {
        state.returned = true;
      }
    })();
  return { make, state };
}

async function readAll<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

describe("Stream", () => {
  it("refuses a second iteration with openai's error class and message", async () => {
    const mine = new Stream(source(2).make, new AbortController());
    const reference = new TheirStream(source(2).make, new AbortController());
    await readAll(mine);
    await readAll(reference);
    const second = await failure(() => readAll(mine));
    expect(second).toBeInstanceOf(OpenAIError);
    expect(second.message).toBe("Cannot iterate over a consumed stream, use `.tee()` to split the stream.");
    // openai only checks consumption for streams it builds from a response; its message is the reference.
    const theirs = TheirStream.fromReadableStream(new Stream(source(1).make, new AbortController()).toReadableStream(), new AbortController());
    await readAll(theirs);
    expect((await failure(() => readAll(theirs))).message).toBe(second.message);
  });

  it("tee(): both branches see every item in order, even when read concurrently", async () => {
    const [left, right] = new Stream(source(6).make, new AbortController()).tee();
    const [a, b] = await Promise.all([readAll(left), readAll(right)]);
    expect(a).toEqual([0, 1, 2, 3, 4, 5]);
    expect(b).toEqual([0, 1, 2, 3, 4, 5]);
    const [theirLeft, theirRight] = new TheirStream(source(6).make, new AbortController()).tee();
    expect(await Promise.all([readAll(theirLeft), readAll(theirRight)])).toEqual([a, b]);
  });

  it("tee(): `break` on one branch leaves the other running; the request stops once both have stopped", async () => {
    const { make, state } = source(5);
    const controller = new AbortController();
    const [left, right] = new Stream(make, controller).tee();
    for await (const item of left) {
      if (item === 1) break;
    }
    expect(controller.signal.aborted).toBe(false);
    const seen: number[] = [];
    for await (const item of right) {
      seen.push(item);
      if (item === 3) break;
    }
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(controller.signal.aborted).toBe(true);
    expect(state.returned).toBe(true);
  });

  it("stream.controller.abort() ends the iteration quietly, as in openai", async () => {
    const controller = new AbortController();
    // A source that fails the way the transport does once its request is aborted.
    const aborting = () =>
      (async function* () {
        for (let index = 0; ; index++) {
          if (controller.signal.aborted) throw new DOMException("This operation was aborted", "AbortError");
          yield index;
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      })();
    const stream = new Stream(aborting, controller);
    const seen: number[] = [];
    for await (const item of stream) {
      seen.push(item);
      if (item === 2) stream.controller.abort();
    }
    expect(seen).toEqual([0, 1, 2]);
  });

  it("a failure that is not the caller's own abort still surfaces", async () => {
    const broken = () =>
      (async function* () {
        yield 1;
        throw new Error("connection reset");
      })();
    const error = await failure(() => readAll(new Stream(broken, new AbortController())));
    expect(error.message).toBe("connection reset");
  });

  it("round-trips through toReadableStream() and Stream.fromReadableStream(), with openai's reader too", async () => {
    const items = [{ a: 1 }, { b: "two\nlines" }];
    const make = () =>
      (async function* () {
        yield* items;
      })();
    expect(await readAll(Stream.fromReadableStream(new Stream(make, new AbortController()).toReadableStream()))).toEqual(items);
    const reference = TheirStream.fromReadableStream(new Stream(make, new AbortController()).toReadableStream(), new AbortController());
    expect(await readAll(reference)).toEqual(items);
  });
});
