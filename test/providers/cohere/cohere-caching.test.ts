// Cohere's v2 chat API has no prompt caching: a caller's cache_control on a part or tool goes
// through the unsupported-parameter policy (before, it vanished from the body with no warning).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import { UnsupportedParameterError } from "../../../src/errors.js";
import type { ChatCompletionCreateParamsNonStreaming } from "../../../src/types.js";
import { captureFetch, json } from "../../helpers/capture-fetch.js";

const ANSWER = JSON.parse(readFileSync(new URL("../../fixtures/cohere/text.json", import.meta.url), "utf8")) as unknown;
const EPHEMERAL = { type: "ephemeral" as const };

function client(capture: ReturnType<typeof captureFetch>, unsupportedParams?: "warn" | "drop"): OpenAI {
  return new OpenAI({ env: {}, maxRetries: 0, fetch: capture.fetch, providers: { cohere: { apiKey: "co-test-key" } }, ...(unsupportedParams === undefined ? {} : { unsupportedParams }) });
}

const cached: ChatCompletionCreateParamsNonStreaming = {
  model: "cohere/command-a-03-2025",
  messages: [
    { role: "system", content: [{ type: "text", text: "A long policy document...", cache_control: EPHEMERAL }] },
    { role: "user", content: [{ type: "text", text: "The contract text...", cache_control: EPHEMERAL }, { type: "text", text: "Section 2?" }] },
    { role: "assistant", content: [{ type: "text", text: "Payment terms.", cache_control: EPHEMERAL }] },
    { role: "user", content: "And section 3?" },
  ],
  tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" } }, cache_control: EPHEMERAL }],
};

describe("Cohere: cache_control goes through the unsupported-parameter policy", () => {
  it("refuses it by default, naming the first part, before any request", async () => {
    const capture = captureFetch(json(ANSWER));
    const error = await client(capture).chat.completions.create(cached).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe("messages[0].content[0].cache_control");
    expect(capture.requests).toHaveLength(0);
  });

  it.each(["warn", "drop"] as const)("under %s sends the parts without it and names every one in the warnings", async (policy) => {
    const capture = captureFetch(json(ANSWER));
    const completion = await client(capture, policy).chat.completions.create(cached);
    const body = capture.requests[0]!.body!;
    expect(JSON.stringify(body)).not.toContain("cache_control");
    expect(body["messages"]).toEqual([
      { role: "system", content: [{ type: "text", text: "A long policy document..." }] },
      { role: "user", content: [{ type: "text", text: "The contract text..." }, { type: "text", text: "Section 2?" }] },
      { role: "assistant", content: [{ type: "text", text: "Payment terms." }] },
      { role: "user", content: "And section 3?" },
    ]);
    expect(completion.onellm?.warnings).toEqual([
      expect.stringContaining("`messages[0].content[0].cache_control`"),
      expect.stringContaining("`messages[1].content[0].cache_control`"),
      expect.stringContaining("`messages[2].content[0].cache_control`"),
      expect.stringContaining("`tools[0].cache_control`"),
    ]);
  });

  it("names cache_control on a tool result's part", async () => {
    const capture = captureFetch(json(ANSWER));
    const completion = await client(capture, "warn").chat.completions.create({
      model: "cohere/command-a-03-2025",
      messages: [
        { role: "user", content: "Look it up." },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "call_1", content: [{ type: "text", text: "Net 30.", cache_control: EPHEMERAL }] },
      ],
    });
    expect((capture.requests[0]!.body!["messages"] as unknown[])[2]).toEqual({ role: "tool", tool_call_id: "call_1", content: [{ type: "text", text: "Net 30." }] });
    expect(completion.onellm?.warnings).toEqual([expect.stringContaining("`messages[2].content[0].cache_control`")]);
  });
});
