// Converse caches at cachePoint blocks. A caller's `cache_control` (onellm's, Anthropic's shape) on a
// part or a tool is one, placed right after that part's block or tool: in system, in messages
// (user, assistant and tool results) and in toolConfig.tools. Before, Bedrock dropped it silently.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import { UnsupportedParameterError } from "../../../src/errors.js";
import type { ChatCompletionCreateParamsNonStreaming } from "../../../src/types.js";
import { captureFetch, json } from "../../helpers/capture-fetch.js";

const MODEL = "bedrock/us.anthropic.claude-3-7-sonnet-20250219-v1:0";
const ANSWER = JSON.parse(readFileSync(new URL("../../fixtures/bedrock/text.json", import.meta.url), "utf8")) as unknown;
const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const EPHEMERAL = { type: "ephemeral" as const };
const CACHE_POINT = { cachePoint: { type: "default" } };

function client(capture: ReturnType<typeof captureFetch>, unsupportedParams?: "error" | "warn" | "drop"): OpenAI {
  return new OpenAI({
    env: {},
    maxRetries: 0,
    fetch: capture.fetch,
    providers: { bedrock: { apiKey: "bedrock-api-key-test", region: "us-east-1" } },
    ...(unsupportedParams === undefined ? {} : { unsupportedParams }),
  });
}

describe("Bedrock: cache_control → cachePoint", () => {
  it("puts a cachePoint after each marked system, user, assistant and tool-result part, and after a marked tool", async () => {
    const capture = captureFetch(json(ANSWER));
    const request: ChatCompletionCreateParamsNonStreaming = {
      model: MODEL,
      messages: [
        { role: "system", content: [{ type: "text", text: "A long policy document...", cache_control: EPHEMERAL }, { type: "text", text: "Be brief." }] },
        {
          role: "user",
          content: [
            { type: "image_url", image_url: { url: PNG }, cache_control: { type: "ephemeral", ttl: "5m" } },
            { type: "text", text: "The contract text...", cache_control: EPHEMERAL },
            { type: "text", text: "What does section 2 cover?" },
          ],
        },
        { role: "assistant", content: [{ type: "text", text: "Payment terms.", cache_control: EPHEMERAL }], tool_calls: [{ id: "tooluse_1", type: "function", function: { name: "lookup", arguments: '{"section":2}' } }] },
        { role: "tool", tool_call_id: "tooluse_1", content: [{ type: "text", text: "Net 30.", cache_control: EPHEMERAL }] },
      ],
      tools: [
        { type: "function", function: { name: "lookup", parameters: { type: "object" } }, cache_control: EPHEMERAL },
        { type: "function", function: { name: "other", parameters: { type: "object" } } },
      ],
    };
    const completion = await client(capture).chat.completions.create(request);
    const body = capture.requests[0]!.body!;
    expect(body["system"]).toEqual([{ text: "A long policy document..." }, CACHE_POINT, { text: "Be brief." }]);
    expect(body["messages"]).toEqual([
      {
        role: "user",
        content: [
          { image: { format: "png", source: { bytes: PNG.slice("data:image/png;base64,".length) } } },
          CACHE_POINT,
          { text: "The contract text..." },
          CACHE_POINT,
          { text: "What does section 2 cover?" },
        ],
      },
      { role: "assistant", content: [{ text: "Payment terms." }, CACHE_POINT, { toolUse: { toolUseId: "tooluse_1", name: "lookup", input: { section: 2 } } }] },
      { role: "user", content: [{ toolResult: { toolUseId: "tooluse_1", content: [{ text: "Net 30." }] } }, CACHE_POINT] },
    ]);
    expect((body["toolConfig"] as { tools: unknown[] }).tools).toEqual([
      { toolSpec: { name: "lookup", inputSchema: { json: { type: "object" } } } },
      CACHE_POINT,
      { toolSpec: { name: "other", inputSchema: { json: { type: "object" } } } },
    ]);
    expect(JSON.stringify(body)).not.toContain("cache_control");
    expect(completion.onellm?.warnings ?? []).toEqual([]);
  });

  it("keeps a tool result's cachePoint with it when results move ahead of the user's text", async () => {
    const capture = captureFetch(json(ANSWER));
    await client(capture).chat.completions.create({
      model: MODEL,
      messages: [
        { role: "user", content: "Look up section 2." },
        { role: "assistant", content: null, tool_calls: [{ id: "tooluse_1", type: "function", function: { name: "lookup", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "tooluse_1", content: [{ type: "text", text: "Net 30.", cache_control: EPHEMERAL }] },
        { role: "user", content: "Summarise it." },
      ],
      tools: [{ type: "function", function: { name: "lookup" } }],
    });
    const messages = capture.requests[0]!.body!["messages"] as { content: unknown[] }[];
    expect(messages[2]!.content).toEqual([{ toolResult: { toolUseId: "tooluse_1", content: [{ text: "Net 30." }] } }, CACHE_POINT, { text: "Summarise it." }]);
  });

  it("refuses a 1-hour TTL before any request (Converse's cachePoint has none), and under warn sends the cachePoint and says so", async () => {
    const request: ChatCompletionCreateParamsNonStreaming = {
      model: MODEL,
      messages: [{ role: "user", content: [{ type: "text", text: "The contract text...", cache_control: { type: "ephemeral", ttl: "1h" } }] }],
    };
    const refusedCapture = captureFetch(json(ANSWER));
    const error = await client(refusedCapture).chat.completions.create(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe("messages[0].content[0].cache_control.ttl");
    expect(refusedCapture.requests).toHaveLength(0);

    const capture = captureFetch(json(ANSWER));
    const completion = await client(capture, "warn").chat.completions.create(request);
    expect((capture.requests[0]!.body!["messages"] as { content: unknown[] }[])[0]!.content).toEqual([{ text: "The contract text..." }, CACHE_POINT]);
    expect(completion.onellm?.warnings).toEqual([expect.stringContaining("`messages[0].content[0].cache_control.ttl`")]);
  });
});
