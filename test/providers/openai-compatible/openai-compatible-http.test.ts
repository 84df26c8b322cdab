// Every configured OpenAI-dialect provider over real HTTP (the replay server serves recordings in each
// provider's documented wire format): the URL, auth header and body it is sent, and the answer in
// exactly OpenAI's shape, streamed (usage on a final `choices: []` chunk when asked) and not.
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import { collect, joined } from "../../helpers/stream-chunks.js";
import { useReplayServer } from "../../helpers/use-replay-server.js";

const replay = useReplayServer();

const TEXT = "Hello! How can I help?";

interface Case {
  provider: string;
  model: string;
  /** Environment for the client (key and base URL), given the replay server's URL. */
  env: (url: string) => Record<string, string>;
  /** Where the request must land. */
  path: string;
  /** The auth header the provider documents, and its value; undefined for a keyless local server. */
  auth: readonly [string, string] | undefined;
  fixtures: string;
  /** Whether the dialect takes `stream_options` (else usage is always sent and onellm delivers it as asked). */
  sendsStreamOptions: boolean;
  reasoning?: string;
}

const CASES: Case[] = [
  { provider: "xai", model: "grok-3-mini", env: (url) => ({ XAI_API_KEY: "xai-key-0001", XAI_BASE_URL: `${url}/v1` }), path: "/v1/chat/completions", auth: ["authorization", "Bearer xai-key-0001"], fixtures: "xai", sendsStreamOptions: false, reasoning: "A greeting; reply in kind." },
  { provider: "together", model: "meta-llama/Llama-3.3-70B-Instruct-Turbo", env: (url) => ({ TOGETHER_API_KEY: "tg-key-0002", TOGETHER_BASE_URL: `${url}/v1` }), path: "/v1/chat/completions", auth: ["authorization", "Bearer tg-key-0002"], fixtures: "together", sendsStreamOptions: false },
  { provider: "fireworks", model: "accounts/fireworks/models/llama-v3p3-70b-instruct", env: (url) => ({ FIREWORKS_API_KEY: "fw-key-0003", FIREWORKS_BASE_URL: `${url}/inference/v1` }), path: "/inference/v1/chat/completions", auth: ["authorization", "Bearer fw-key-0003"], fixtures: "fireworks", sendsStreamOptions: false },
  { provider: "cerebras", model: "gpt-oss-120b", env: (url) => ({ CEREBRAS_API_KEY: "csk-key-0004", CEREBRAS_BASE_URL: `${url}/v1` }), path: "/v1/chat/completions", auth: ["authorization", "Bearer csk-key-0004"], fixtures: "cerebras", sendsStreamOptions: true, reasoning: "A simple greeting; answer it." },
  { provider: "perplexity", model: "sonar", env: (url) => ({ PERPLEXITY_API_KEY: "pplx-key-0005", PERPLEXITY_BASE_URL: url }), path: "/chat/completions", auth: ["authorization", "Bearer pplx-key-0005"], fixtures: "perplexity", sendsStreamOptions: false },
  { provider: "openrouter", model: "anthropic/claude-sonnet-4.5", env: (url) => ({ OPENROUTER_API_KEY: "sk-or-key-0006", OPENROUTER_BASE_URL: `${url}/api/v1` }), path: "/api/v1/chat/completions", auth: ["authorization", "Bearer sk-or-key-0006"], fixtures: "openrouter", sendsStreamOptions: true, reasoning: "A greeting; reply warmly." },
  { provider: "moonshot", model: "kimi-k2-0905-preview", env: (url) => ({ MOONSHOT_API_KEY: "sk-moon-0007", MOONSHOT_BASE_URL: `${url}/v1` }), path: "/v1/chat/completions", auth: ["authorization", "Bearer sk-moon-0007"], fixtures: "moonshot", sendsStreamOptions: true },
  { provider: "lmstudio", model: "qwen2.5-7b-instruct", env: (url) => ({ LMSTUDIO_BASE_URL: `${url}/v1` }), path: "/v1/chat/completions", auth: undefined, fixtures: "lmstudio", sendsStreamOptions: true },
  { provider: "vllm", model: "meta-llama/Llama-3.1-8B-Instruct", env: (url) => ({ VLLM_API_KEY: "vllm-token-0008", VLLM_BASE_URL: `${url}/v1` }), path: "/v1/chat/completions", auth: ["authorization", "Bearer vllm-token-0008"], fixtures: "vllm", sendsStreamOptions: true },
  { provider: "ollama-openai", model: "qwen3", env: (url) => ({ OLLAMA_OPENAI_BASE_URL: `${url}/v1` }), path: "/v1/chat/completions", auth: undefined, fixtures: "ollama-openai", sendsStreamOptions: true, reasoning: "Say hello back." },
  { provider: "azure", model: "my-gpt-4o-mini", env: (url) => ({ AZURE_OPENAI_API_KEY: "azure-key-0009", AZURE_OPENAI_ENDPOINT: url }), path: "/openai/v1/chat/completions", auth: ["api-key", "azure-key-0009"], fixtures: "azure", sendsStreamOptions: true },
];

const hi = [{ role: "user" as const, content: "hi" }];



describe.each(CASES)("$provider over HTTP", (test) => {
  const client = () => new OpenAI({ env: test.env(replay().url), maxRetries: 0 });

  it("non-streamed: sent to its URL with its auth header, answered in OpenAI's shape", async () => {
    replay().route(test.path, { file: `test/fixtures/${test.fixtures}/text.json` });
    const completion = await client().chat.completions.create({ model: `${test.provider}/${test.model}`, messages: hi, temperature: 0.5 });
    const request = replay().requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe(test.path);
    if (test.auth === undefined) expect(request.headers["authorization"]).toBeUndefined();
    else expect(request.headers[test.auth[0]]).toBe(test.auth[1]);
    expect(request.body).toEqual({ model: test.model, messages: hi, temperature: 0.5 });
    const choice = completion.choices[0]!;
    expect(completion.object).toBe("chat.completion");
    expect(choice.message.content).toBe(TEXT);
    expect(choice.message.role).toBe("assistant");
    expect(choice.finish_reason).toBe("stop");
    expect(choice.message).not.toHaveProperty("reasoning");
    expect(choice).not.toHaveProperty("delta");
    if (test.reasoning !== undefined) expect(choice.message.reasoning_content).toBe(test.reasoning);
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    expect(completion.onellm?.provider).toBe(test.provider);
  });

  it("streamed with include_usage: the text, then usage once on a final choices: [] chunk", async () => {
    replay().route(test.path, { file: `test/fixtures/${test.fixtures}/text.sse`, chunking: "every-byte" });
    const chunks = await collect(
      await client().chat.completions.create({ model: `${test.provider}/${test.model}`, messages: hi, stream: true, stream_options: { include_usage: true } }),
    );
    const body = replay().requests[0]!.body as Record<string, unknown>;
    expect(body["stream"]).toBe(true);
    if (test.sendsStreamOptions) expect(body["stream_options"]).toEqual({ include_usage: true });
    else expect(body).not.toHaveProperty("stream_options");
    expect(joined(chunks, "content")).toBe(TEXT);
    if (test.reasoning !== undefined) expect(joined(chunks, "reasoning_content")).toBe(test.reasoning);
    const usageChunks = chunks.filter((chunk) => chunk.usage !== undefined && chunk.usage !== null);
    expect(usageChunks).toHaveLength(1);
    expect(chunks.at(-1)).toBe(usageChunks[0]);
    expect(usageChunks[0]!.choices).toEqual([]);
    expect(usageChunks[0]!.usage!.total_tokens).toBeGreaterThan(0);
    const finishes = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter((reason) => reason !== null);
    expect(finishes).toEqual(["stop"]);
    for (const chunk of chunks) {
      expect(chunk.object).toBe("chat.completion.chunk");
      for (const choice of chunk.choices) expect(choice.delta).not.toHaveProperty("reasoning");
    }
  });
});

describe("usage only when asked", () => {
  for (const test of CASES.filter((entry) => !entry.sendsStreamOptions || entry.provider === "moonshot")) {
    it(`${test.provider}: no usage chunk and no usage field without stream_options.include_usage`, async () => {
      replay().route(test.path, { file: `test/fixtures/${test.fixtures}/text.sse` });
      const chunks = await collect(
        await new OpenAI({ env: test.env(replay().url), maxRetries: 0 }).chat.completions.create({ model: `${test.provider}/${test.model}`, messages: hi, stream: true }),
      );
      expect(joined(chunks, "content")).toBe(TEXT);
      expect(chunks.filter((chunk) => chunk.choices.length === 0)).toEqual([]);
      expect(chunks.some((chunk) => "usage" in chunk)).toBe(false);
    });
  }
});

describe("Azure OpenAI with an api-version", () => {
  it("goes to the deployments path with api-version, the deployment in the path", async () => {
    replay().route("/openai/deployments/", { file: "test/fixtures/azure/text.json" });
    const client = new OpenAI({
      env: { AZURE_OPENAI_API_KEY: "azure-key-0010", AZURE_OPENAI_ENDPOINT: `${replay().url}/` },
      providers: { azure: { apiVersion: "2024-10-21" } },
      maxRetries: 0,
    });
    const completion = await client.chat.completions.create({ model: "azure/my gpt", messages: hi });
    expect(replay().requests[0]!.url).toBe("/openai/deployments/my%20gpt/chat/completions?api-version=2024-10-21");
    expect(replay().requests[0]!.headers["api-key"]).toBe("azure-key-0010");
    expect(completion.choices[0]?.message.content).toBe(TEXT);
  });

  it("sends an Entra ID token from azureADTokenProvider as a bearer token, asked for on every call", async () => {
    replay().route("/openai/v1/chat/completions", { file: "test/fixtures/azure/text.json" });
    let calls = 0;
    const client = new OpenAI({
      env: {},
      providers: { azure: { endpoint: replay().url, azureADTokenProvider: async () => `entra-token-${++calls}` } },
      maxRetries: 0,
    });
    await client.chat.completions.create({ model: "azure/my-gpt", messages: hi });
    await client.chat.completions.create({ model: "azure/my-gpt", messages: hi });
    expect(replay().requests.map((request) => request.headers["authorization"])).toEqual(["Bearer entra-token-1", "Bearer entra-token-2"]);
    expect(replay().requests[0]!.headers["api-key"]).toBeUndefined();
  });
});
