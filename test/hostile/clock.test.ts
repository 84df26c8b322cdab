// Item 6: every deadline, backoff and idle timer runs on the monotonic clock. The wall clock is
// faked in a child process (Date.now leaps an hour mid-call; timers and performance.now() do not).
import { describe, expect, it } from "vitest";
import { runChild } from "./run-child.js";

describe("a wall-clock jump during a call", () => {
  it("+1 h during the backoff: the retry and the fallback still happen (totalTimeout 60 s is far away)", { timeout: 40_000 }, async () => {
    const run = await runChild("clock-jump.ts", { args: ["forward"], limitMs: 30_000 });
    expect(run.code).toBe(0);
    // Before: the call gave up at once, the 60 s deadline "passed", the fallback never tried.
    expect(run.result).toMatchObject({
      outcome: "ok",
      content: "from groq",
      requests: ["/openai/v1/chat/completions", "/openai/v1/chat/completions", "/groq/openai/v1/chat/completions"],
    });
  });

  it("−1 h while waiting for headers: a 1 s totalTimeout still ends the call at about 1 s, no retry, no fallback", { timeout: 40_000 }, async () => {
    const run = await runChild("clock-jump.ts", { args: ["backward"], limitMs: 30_000 });
    expect(run.code).toBe(0);
    // Before: the deadline moved an hour away; the call ran on for the 4 s attempt timeouts (about 14 s, 4 requests).
    expect(run.result).toMatchObject({ outcome: "error", name: "APIConnectionTimeoutError", requests: ["/openai/v1/chat/completions"] });
    expect(run.result?.["message"]).toMatch(/overall deadline/);
    expect(run.result?.["elapsedMs"]).toBeLessThan(3_000);
  });
});
