// Item 1: a Gemini candidate index is bounded. Per-candidate state is never sized by a number from
// the network; an index outside the candidates asked for is a MalformedResponseError.
import { describe, expect, it } from "vitest";
import { MalformedResponseError } from "../../src/errors-response.js";
import { collect, hi, recordingSleep, rejection } from "../router/harness.js";
import { fixtureText, HOSTILE_MODELS, HOSTILE_PATHS, hostileClient, useFaultServer } from "./hostile-kit.js";
import { runChild } from "./run-child.js";

const server = useFaultServer();

const event = (candidates: object[]) => `data: ${JSON.stringify({ candidates, modelVersion: "gemini-2.5-flash" })}\r\n\r\n`;
const candidate = (index: unknown, finishReason?: string) => ({ content: { parts: [{ text: "Hi" }], role: "model" }, index, ...(finishReason ? { finishReason } : {}) });

describe("a hostile candidates[].index", () => {
  it.each([1e9, 3e7])(
    "index %d in a ~130-byte stream event ends in a MalformedResponseError, in a process capped at 96 MB of heap",
    { timeout: 60_000 },
    async (index) => {
      const run = await runChild("gemini-index.ts", { args: [String(index)], nodeFlags: ["--max-old-space-size=96"], limitMs: 50_000 });
      // Before the fix the child died of "FATAL ERROR: ... JavaScript heap out of memory" (no catch can stop it).
      expect(run.stderr).not.toMatch(/FATAL ERROR|heap out of memory/);
      expect(run.code).toBe(0);
      expect(run.result).toMatchObject({ outcome: "error", name: "MalformedResponseError", requests: 1 });
      expect(run.result?.["eventBytes"]).toBeLessThan(150);
      expect(run.result?.["message"]).toContain(`index ${index}`);
    },
  );

  it.each([
    ["a string", "0"],
    ["a negative number", -1],
    ["a fraction", 0.5],
    ["an index at the candidateCount asked for", 1],
  ])("refuses %s as an index, before any chunk reaches the caller", async (_what, index) => {
    server().enqueue(HOSTILE_PATHS.geminiStream, { kind: "sse", events: [event([candidate(index, "STOP")])], then: "end" });
    const error = await rejection(
      hostileClient(server(), { sleep: recordingSleep().sleep }).chat.completions.create({ model: HOSTILE_MODELS.google, messages: hi, stream: true, retries: 0 }),
    );
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toMatch(/sent a candidate with index .* an integer from 0 to 0/);
  });

  it("bounds indexes by the n asked for: n=2 takes 0 and 1, refuses 2", async () => {
    server().enqueue(HOSTILE_PATHS.geminiStream, { kind: "sse", events: [event([candidate(0, "STOP"), candidate(1, "STOP")])], then: "end" });
    const client = hostileClient(server(), { sleep: recordingSleep().sleep });
    const { chunks, error } = await collect(await client.chat.completions.create({ model: HOSTILE_MODELS.google, messages: hi, n: 2, stream: true }));
    expect(error).toBeUndefined();
    expect(new Set(chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.index)))).toEqual(new Set([0, 1]));

    server().enqueue(HOSTILE_PATHS.geminiStream, { kind: "sse", events: [event([candidate(0), candidate(2)])], then: "end" });
    const refused = await rejection(client.chat.completions.create({ model: HOSTILE_MODELS.google, messages: hi, n: 2, stream: true, retries: 0 }));
    expect(refused).toBeInstanceOf(MalformedResponseError);
    expect((refused as Error).message).toContain("from 0 to 1");
  });

  it("refuses a huge index in a non-streamed answer too (no choice numbered 1e9)", async () => {
    const body = JSON.parse(fixtureText("gemini", "text.json")) as { candidates: { index: number }[] };
    body.candidates[0]!.index = 1e9;
    server().enqueue(HOSTILE_PATHS.geminiJson, { status: 200, body });
    const error = await rejection(hostileClient(server()).chat.completions.create({ model: HOSTILE_MODELS.google, messages: hi, retries: 0 }));
    expect(error).toBeInstanceOf(MalformedResponseError);
  });

  it("refuses more candidates than were asked for", async () => {
    const body = JSON.parse(fixtureText("gemini", "text.json")) as { candidates: object[] };
    body.candidates = Array.from({ length: 50_000 }, () => ({ content: { parts: [{ text: "x" }], role: "model" }, finishReason: "STOP" }));
    server().enqueue(HOSTILE_PATHS.geminiJson, { status: 200, body });
    const error = await rejection(hostileClient(server()).chat.completions.create({ model: HOSTILE_MODELS.google, messages: hi, retries: 0 }));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toContain("sent 50000 candidates");
  });
});

describe("a hostile choices[].index or tool_calls[].index in an OpenAI-format stream", () => {
  it.each([
    ["groq", "choice", "create", 1e9],
    ["groq", "choice", "create", 3e7],
    ["openai", "choice", "helper", 1e9],
    ["openai", "tool_call", "create", 1e9],
    ["openai", "tool_call", "helper", 1e9],
    ["groq", "tool_call", "helper", 3e7],
  ] as const)("%s, %s index, read by %s, index %d: a MalformedResponseError in a process capped at 96 MB of heap", { timeout: 60_000 }, async (provider, where, reader, index) => {
    const run = await runChild("chunk-index.ts", { args: [provider, where, reader, String(index)], nodeFlags: ["--max-old-space-size=96"], limitMs: 50_000 });
    // Before the bound, groq's index 1e9 died of "FATAL ERROR: ... heap out of memory", and the helper spent ~47 s of CPU on openai's.
    expect(run.stderr).not.toMatch(/FATAL ERROR|heap out of memory/);
    expect(run.code).toBe(0);
    expect(run.result).toMatchObject({ outcome: "error", name: "MalformedResponseError", requests: 1 });
    expect(run.result?.["eventBytes"]).toBeLessThan(300);
    expect(run.result?.["message"]).toContain(`${where === "choice" ? "a choice" : "a tool call"} with index ${index}`);
  });
});
