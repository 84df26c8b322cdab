// Gemini over real HTTP (the replay server on 127.0.0.1), with recordings written from Google's
// documented wire format: function-call arguments streamed in partialArgs pieces, thoughts,
// grounding with Google Search, and thought signatures that must survive a round trip.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import type { ChatCompletionChunk, ChatCompletionMessageParam } from "../../../src/types.js";
import { assembleMessages } from "../../helpers/assemble-chunks.js";
import { startReplayServer, type ReplayServer } from "../../helpers/replay-server.js";
import { FIXTURES } from "../../fixtures/gemini/fixtures.js";

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(async () => {
  await replay.stop();
});
beforeEach(() => replay.reset());

function client(): OpenAI {
  return new OpenAI({ providers: { google: { apiKey: "test-key", baseURL: replay.url } }, env: {}, maxRetries: 0 });
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const path = (model: string, stream: boolean) => `/v1beta/models/${model}:${stream ? "streamGenerateContent" : "generateContent"}`;

describe("Gemini function-call arguments streamed in partialArgs pieces", () => {
  const tools = [
    { type: "function" as const, function: { name: "create_event", parameters: { type: "object", properties: { title: { type: "string" } } } } },
    { type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } },
    { type: "function" as const, function: { name: "list_calendars" } },
  ];

  it.each(["events", "every-byte"] as const)("assembles one tool call per real call with the complete JSON (chunking: %s)", async (chunking) => {
    replay.route(path("gemini-3-pro-preview", true), { file: `${FIXTURES}/function-call-partial-args.sse`, chunking });
    const chunks = await collect(
      await client().chat.completions.create({ model: "google/gemini-3-pro-preview", messages: [{ role: "user", content: "Book the sync and check Zürich." }], tools, stream: true }),
    );
    const events = (await import("node:fs")).readFileSync(`${FIXTURES}/function-call-partial-args.sse`, "utf8").split("\r\n\r\n").filter(Boolean);
    expect(events.length).toBeGreaterThanOrEqual(10);

    const pieces = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    // Three real calls, three tool calls: never one per chunk.
    expect(new Set(pieces.map((piece) => piece.index))).toEqual(new Set([0, 1, 2]));
    expect(pieces.filter((piece) => piece.id !== undefined).map((piece) => [piece.index, piece.function?.name])).toEqual([
      [0, "create_event"],
      [1, "get_weather"],
      [2, "list_calendars"],
    ]);
    // The first call's arguments really stream: many fragments, none of them the whole document.
    expect(pieces.filter((piece) => piece.index === 0 && piece.function?.arguments).length).toBeGreaterThanOrEqual(8);

    const message = assembleMessages(chunks).get(0);
    const calls = message?.tool_calls ?? [];
    expect(calls).toHaveLength(3);
    const args = calls.map((call) => (call.type === "function" ? JSON.parse(call.function.arguments) : undefined));
    expect(args).toEqual([
      {
        title: 'Team sync "Q3"',
        attendees: ["ana@example.com", "bo@example.com"],
        when: { date: "2026-12-08", start: "09:30" },
        duration_minutes: 30,
        remote: true,
        notes: null,
      },
      { city: "Zürich", days: 2 },
      {},
    ]);
    const first = calls[0];
    expect(first?.type === "function" ? first.extra_content?.google?.thought_signature : undefined).toMatch(/^CpsCAdHtim8l/);
    expect(calls.every((call) => call.id.length <= 40)).toBe(true);
    expect(message?.content).toBe("I'll book it and check the weather.");
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
    expect(chunks.at(-1)?.onellm?.warnings).toEqual([]);
  });
});

describe("Gemini thoughts", () => {
  it("sends includeThoughts with reasoning_effort and streams the thought parts as reasoning_content", async () => {
    replay.route(path("gemini-2.5-flash", true), { file: `${FIXTURES}/thoughts.sse` });
    const chunks = await collect(
      await client().chat.completions.create({ model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "27 * 453?" }], reasoning_effort: "medium", stream: true }),
    );
    expect(replay.requests[0]?.body).toMatchObject({ generationConfig: { thinkingConfig: { thinkingBudget: 8192, includeThoughts: true } } });
    const reasoning = chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? "").join("");
    expect(reasoning).toBe("**Breaking down the multiplication**\n\nI need 27 × 453. 27 × 400 = 10,800 and 27 × 53 = 1,431, so the sum is 12,231.\n");
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(content).toBe("27 × 453 = 12,231.");
    expect(content).not.toContain("Breaking down");
  });
});

describe("Gemini grounding with Google Search", () => {
  it("maps web_search_options to googleSearch and groundingMetadata to url_citation annotations, streamed as non-streamed", async () => {
    replay.route(path("gemini-2.5-flash", true), { file: `${FIXTURES}/grounding.sse` });
    replay.route(path("gemini-2.5-flash", false), { file: `${FIXTURES}/grounding.json` });
    const body = { model: "google/gemini-2.5-flash", messages: [{ role: "user" as const, content: "Who won Euro 2024?" }], web_search_options: {} };
    const completion = await client().chat.completions.create(body);
    const chunks = await collect(await client().chat.completions.create({ ...body, stream: true }));
    expect(replay.requests.map((request) => (request.body as { tools?: unknown }).tools)).toEqual([[{ googleSearch: {} }], [{ googleSearch: {} }]]);

    const message = completion.choices[0]?.message;
    const content = message?.content ?? "";
    expect(message?.annotations).toEqual([
      { type: "url_citation", url_citation: { url: "https://vertexaisearch.cloud.google.com/grounding-api-redirect/AbF9wXG1", title: "uefa.com", start_index: 0, end_index: 19 } },
      { type: "url_citation", url_citation: { url: "https://vertexaisearch.cloud.google.com/grounding-api-redirect/AbF9wXG1", title: "uefa.com", start_index: 21, end_index: content.length } },
      { type: "url_citation", url_citation: { url: "https://vertexaisearch.cloud.google.com/grounding-api-redirect/AbF9wXH2", title: "aljazeera.com", start_index: 21, end_index: content.length } },
    ]);
    expect(content.slice(0, 19)).toBe("Spain won Euro 2024");
    expect(content.slice(21)).toBe("beating England 2-1 in the final.");
    const streamed = assembleMessages(chunks).get(0);
    expect(streamed?.annotations).toEqual(message?.annotations);
    expect(streamed?.content).toBe(content);
  });
});

describe("Gemini thought signatures", () => {
  it("assembles a stream's reasoning_details and extra_content into the message the non-streamed call returns, and replays them", async () => {
    replay.route(path("gemini-3-flash-preview", true), { file: `${FIXTURES}/signatures-gemini3.sse` });
    replay.route(path("gemini-3-flash-preview", false), { file: `${FIXTURES}/signatures-gemini3.json` });
    const tools = [{ type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }];
    const ask: ChatCompletionMessageParam[] = [{ role: "user", content: "Weather in Zürich?" }];
    const completion = await client().chat.completions.create({ model: "google/gemini-3-flash-preview", messages: ask, tools, reasoning_effort: "low" });
    const chunks = await collect(await client().chat.completions.create({ model: "google/gemini-3-flash-preview", messages: ask, tools, reasoning_effort: "low", stream: true }));
    const message = completion.choices[0]?.message;
    expect(message?.reasoning_details).toEqual([
      { type: "reasoning.text", text: "**Planning** I should check the weather first.", signature: expect.stringMatching(/^EtoBCtcB/), format: "google-gemini-v1", index: 0 },
    ]);
    expect(message?.tool_calls).toEqual([
      { id: "k2m9rq4t", type: "function", function: { name: "get_weather", arguments: '{"city":"Zürich","unit":"celsius"}' }, extra_content: { google: { thought_signature: expect.stringMatching(/^EqsFCqgF/) } } },
    ]);
    expect(assembleMessages(chunks).get(0)).toEqual(message);

    // The assembled message appended as-is: Gemini gets its thought and call signatures back on the right parts.
    replay.reset();
    replay.route(path("gemini-3-flash-preview", false), { file: `${FIXTURES}/text.json` });
    const assembled = assembleMessages(chunks).get(0);
    await client().chat.completions.create({
      model: "google/gemini-3-flash-preview",
      messages: [...ask, assembled as ChatCompletionMessageParam, { role: "tool", tool_call_id: "k2m9rq4t", content: '{"temp":3}' }],
      tools,
    });
    const sent = replay.requests[0]?.body as { contents: { role: string; parts: Record<string, unknown>[] }[] };
    expect(sent.contents[1]).toEqual({
      role: "model",
      parts: [
        { text: "**Planning** I should check the weather first.", thought: true, thoughtSignature: message?.reasoning_details?.[0]?.type === "reasoning.text" ? message.reasoning_details[0].signature : "" },
        { text: "Checking Zürich." },
        { functionCall: { name: "get_weather", args: { city: "Zürich", unit: "celsius" }, id: "k2m9rq4t" }, thoughtSignature: message?.tool_calls?.[0]?.type === "function" ? message.tool_calls[0].extra_content?.google?.thought_signature : "" },
      ],
    });
  });
});
