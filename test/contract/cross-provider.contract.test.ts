// Portable history, against the specs: a reply produced by the openai, anthropic and gemini
// translators (served from their recorded wire format over real HTTP) is appended as-is, with its
// tool results, and the conversation is sent to every dialect that has a spec. Each native body must
// validate against that dialect's spec (Prism answers 200 with no violations): onellm's own fields
// (`refusal`, `annotations`, `reasoning_content`, `reasoning_details`, `tool_calls[].extra_content`,
// `onellm`) never reach a schema that refuses them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import type { ChatCompletion, ChatCompletionMessageParam } from "../../src/types.js";
import { prismUrl, type PrismName } from "../helpers/prism-urls.js";
import { startReplayServer, type ReplayServer } from "../helpers/replay-server.js";
import { recordingFetch, TOOLS } from "./dialect-contract-helpers.js";

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(async () => {
  await replay.stop();
});

/** OpenAI's answer with a web citation: `annotations` carries it (docs: chat completions, web search). */
const OPENAI_CITED = JSON.stringify({
  id: "chatcmpl-Cq2lQ9xW3mE7rT5yU1iO8pA4sD6f",
  object: "chat.completion",
  created: 1764254461,
  model: "gpt-4o-search-preview-2025-03-11",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: "It is 21°C and sunny in Paris today (meteofrance.com).",
        refusal: null,
        annotations: [{ type: "url_citation", url_citation: { start_index: 41, end_index: 55, title: "Météo Paris", url: "https://meteofrance.com/paris" } }],
      },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage: { prompt_tokens: 12, completion_tokens: 18, total_tokens: 30 },
});

interface Reply {
  name: string;
  model: string;
  serve: (server: ReplayServer) => void;
}

const REPLIES: Reply[] = [
  { name: "openai tool calls", model: "gpt-4o-mini", serve: (server) => server.route("/v1/chat/completions", { file: "test/fixtures/openai/tool-calls.json" }) },
  { name: "openai with annotations", model: "gpt-4o-search-preview", serve: (server) => server.route("/v1/chat/completions", { body: OPENAI_CITED }) },
  { name: "anthropic tool use", model: "anthropic/claude-sonnet-4-5", serve: (server) => server.route("/v1/messages", { file: "test/fixtures/anthropic/tool-use.json" }) },
  { name: "anthropic thinking", model: "anthropic/claude-sonnet-4-5", serve: (server) => server.route("/v1/messages", { file: "test/fixtures/anthropic/thinking.json" }) },
  { name: "gemini function call", model: "google/gemini-2.5-flash", serve: (server) => server.route("/v1beta/models/", { file: "test/fixtures/gemini/function-call.json" }) },
  { name: "gemini thoughts", model: "google/gemini-2.5-flash", serve: (server) => server.route("/v1beta/models/", { file: "test/fixtures/gemini/thoughts.json" }) },
];

const DIALECTS: { prefix: string; prism: PrismName; model: string }[] = [
  { prefix: "mistral", prism: "mistral", model: "mistral/mistral-medium-latest" },
  { prefix: "groq", prism: "groq", model: "groq/llama-3.3-70b-versatile" },
  { prefix: "xai", prism: "xai", model: "xai/grok-4" },
  { prefix: "ollama", prism: "ollama", model: "ollama/qwen3" },
];

async function produce(reply: Reply): Promise<ChatCompletion> {
  replay.reset();
  reply.serve(replay);
  const client = new OpenAI({
    env: {},
    maxRetries: 0,
    providers: {
      openai: { apiKey: "sk-replay", baseURL: `${replay.url}/v1` },
      anthropic: { apiKey: "sk-ant-replay", baseURL: replay.url },
      google: { apiKey: "replay-google", baseURL: replay.url },
    },
  });
  return client.chat.completions.create({ model: reply.model, messages: [{ role: "user", content: "Weather in Paris?" }], tools: TOOLS });
}

/** The conversation a caller keeps: their question, the reply as-is, its tool results, a follow-up. */
function history(completion: ChatCompletion): ChatCompletionMessageParam[] {
  const message = completion.choices[0]!.message;
  const results = (message.tool_calls ?? []).map(
    (call): ChatCompletionMessageParam => ({ role: "tool", tool_call_id: call.id, content: '{"temperature":21,"sky":"sunny"}' }),
  );
  return [
    { role: "user", content: "Weather in Paris?" },
    message as unknown as ChatCompletionMessageParam,
    ...results,
    { role: "user", content: "And tomorrow?" },
  ];
}

describe("a reply from any provider, appended as-is, validates against every dialect's spec", () => {
  for (const reply of REPLIES) {
    describe(reply.name, () => {
      let messages: ChatCompletionMessageParam[];
      beforeAll(async () => {
        messages = history(await produce(reply));
      });

      for (const dialect of DIALECTS) {
        it(`-> ${dialect.prefix}`, async () => {
          const recording = recordingFetch();
          const client = new OpenAI({
            env: {},
            maxRetries: 0,
            fetch: recording.fetch,
            providers: { [dialect.prefix]: { apiKey: "contract-test-key", baseURL: prismUrl(dialect.prism) } },
          });
          const { response } = await client.chat.completions.create({ model: dialect.model, messages, tools: TOOLS }).withResponse();
          expect(response.status).toBe(200);
          expect(response.headers.get("sl-violations")).toBeNull();
          // The native body really carried the reply (so the 200 means something).
          const sent = recording.bodies[0]!["messages"] as Record<string, unknown>[];
          expect(sent).toHaveLength(messages.length);
          expect(sent[1]!["role"]).toBe("assistant");
        });
      }
    });
  }

  it("the replies do carry onellm's own fields (so the test above can fail)", async () => {
    const fields = new Set<string>();
    for (const reply of REPLIES) for (const field of Object.keys((await produce(reply)).choices[0]!.message)) fields.add(field);
    expect([...fields]).toEqual(expect.arrayContaining(["refusal", "annotations", "reasoning_content"]));
  });
});
