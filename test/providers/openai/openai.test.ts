import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import { BadRequestError, RateLimitError } from "../../../src/errors.js";
import { captureFetch, json } from "../../helpers/capture-fetch.js";
import { everyField } from "../../fixtures/openai/every-field-request.js";

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/openai/${name}`, "utf8")) as unknown;

function client(fetchImpl: ReturnType<typeof captureFetch>["fetch"], extra: Record<string, unknown> = {}) {
  return new OpenAI({ apiKey: "sk-test-openai-0001", fetch: fetchImpl, env: {}, maxRetries: 0, ...extra });
}

describe("openai provider", () => {
  it("passes every request field through unchanged, with the model id as written after the prefix", async () => {
    const capture = captureFetch(json(fixture("tool-calls.json")));
    const body = { ...everyField, model: "openai/gpt-4o-mini" };
    await client(capture.fetch).chat.completions.create(body);
    const sent = capture.requests[0]!;
    expect(sent.url).toBe("https://api.openai.com/v1/chat/completions");
    expect(sent.method).toBe("POST");
    expect(sent.redirect).toBe("manual");
    expect(sent.headers["authorization"]).toBe("Bearer sk-test-openai-0001");
    expect(sent.body).toEqual({ ...body, model: "gpt-4o-mini" });
  });

  it("forwards fields it does not know yet (OpenAI adds fields often)", async () => {
    const capture = captureFetch(json(fixture("text.json")));
    await client(capture.fetch).chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "hi" }],
      // @ts-expect-error a field newer than our spec
      brand_new_field: { x: 1 },
    });
    expect(capture.requests[0]!.body).toMatchObject({ model: "gpt-4o-mini", brand_new_field: { x: 1 } });
  });

  it("takes onellm's own fields out of the body and merges provider_options.openai", async () => {
    const capture = captureFetch(json(fixture("text.json")));
    await client(capture.fetch).chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "hi" }],
      retries: 0,
      timeout: 30,
      fallback_models: [],
      provider_options: { openai: { prompt_cache_key: "k1" }, anthropic: { thinking: { type: "enabled" } } },
    });
    expect(capture.requests[0]!.body).toEqual({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "hi" }],
      prompt_cache_key: "k1",
    });
  });

  it("returns OpenAI's response shape unchanged, plus onellm metadata", async () => {
    const capture = captureFetch(json(fixture("tool-calls.json")));
    const completion = await client(capture.fetch).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    const { onellm, ...rest } = completion;
    expect(rest).toEqual(fixture("tool-calls.json"));
    expect(onellm).toMatchObject({ provider: "openai", model: "gpt-4o-mini", warnings: [] });
    expect(onellm?.attempts).toHaveLength(1);
    expect(onellm?.attempts[0]).toMatchObject({ provider: "openai", model: "gpt-4o-mini", status: 200 });
  });

  it("maps error bodies to the error classes with code, param and type", async () => {
    const capture = captureFetch(json(fixture("error-invalid.json"), 400, { "x-request-id": "req_123" }));
    const error = await client(capture.fetch)
      .chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, provider: "openai", code: "invalid_type", param: "temperature", type: "invalid_request_error", requestId: "req_123" });
    expect((error as Error).message).toContain("Invalid value for 'temperature'");
  });

  it("maps 429 to RateLimitError carrying the server's wait", async () => {
    const capture = captureFetch(json(fixture("error-rate-limit.json"), 429, { "retry-after": "20" }));
    const error = await client(capture.fetch)
      .chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(20_000);
    expect((error as RateLimitError).code).toBe("rate_limit_exceeded");
  });

  it("honours baseURL (requests go to ${baseURL}/chat/completions), organization, project and default headers", async () => {
    const capture = captureFetch(json(fixture("text.json")));
    const openai = new OpenAI({
      apiKey: "sk-test-openai-0002",
      baseURL: "https://proxy.example.com/openai/v1/",
      organization: "org-1",
      project: "proj-1",
      defaultHeaders: { "x-team": "core" },
      fetch: capture.fetch,
      env: {},
    });
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }, { headers: { "x-call": "1" } });
    const sent = capture.requests[0]!;
    expect(sent.url).toBe("https://proxy.example.com/openai/v1/chat/completions");
    expect(sent.headers).toMatchObject({ "openai-organization": "org-1", "openai-project": "proj-1", "x-team": "core", "x-call": "1" });
  });

  it("reads OPENAI_API_KEY and OPENAI_BASE_URL from the environment", async () => {
    const capture = captureFetch(json(fixture("text.json")));
    const openai = new OpenAI({ fetch: capture.fetch, env: { OPENAI_API_KEY: "sk-env-key-0003", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" } });
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    expect(capture.requests[0]!.url).toBe("http://127.0.0.1:9/v1/chat/completions");
    expect(capture.requests[0]!.headers["authorization"]).toBe("Bearer sk-env-key-0003");
  });

  it("configures OpenAI-dialect providers by name with their own key and base URL", async () => {
    const capture = captureFetch(json(fixture("text.json")));
    const openai = new OpenAI({ fetch: capture.fetch, env: { GROQ_API_KEY: "gsk-env-0004" } });
    await openai.chat.completions.create({ model: "groq/llama-3.3-70b-versatile", messages: [{ role: "user", content: "hi" }] });
    expect(capture.requests[0]!.url).toBe("https://api.groq.com/openai/v1/chat/completions");
    expect(capture.requests[0]!.headers["authorization"]).toBe("Bearer gsk-env-0004");
    expect(capture.requests[0]!.body?.["model"]).toBe("llama-3.3-70b-versatile");
  });

  it("splits provider/model at the first slash", async () => {
    const capture = captureFetch(json(fixture("text.json")));
    const openai = new OpenAI({ fetch: capture.fetch, env: { TOGETHER_API_KEY: "tg-env-0005" } });
    await openai.chat.completions.create({ model: "together/meta-llama/Llama-3-70b", messages: [{ role: "user", content: "hi" }] });
    expect(capture.requests[0]!.url).toBe("https://api.together.xyz/v1/chat/completions");
    expect(capture.requests[0]!.body?.["model"]).toBe("meta-llama/Llama-3-70b");
  });

  it("applies a dialect's declared limits through the unsupported policy", async () => {
    const capture = captureFetch(json(fixture("text.json")));
    const strict = new OpenAI({ fetch: capture.fetch, env: { GROQ_API_KEY: "gsk-env-0006" } });
    await expect(
      strict.chat.completions.create({ model: "groq/llama-3.3-70b-versatile", messages: [{ role: "user", content: "hi" }], logit_bias: { "1": 1 } }),
    ).rejects.toThrow(/groq does not support `logit_bias`/);
    expect(capture.requests).toHaveLength(0);
    const lenient = new OpenAI({ fetch: capture.fetch, env: { GROQ_API_KEY: "gsk-env-0006" }, unsupportedParams: "drop" });
    const completion = await lenient.chat.completions.create({
      model: "groq/llama-3.3-70b-versatile",
      messages: [{ role: "user", content: "hi" }],
      logit_bias: { "1": 1 },
    });
    expect(capture.requests[0]!.body).not.toHaveProperty("logit_bias");
    expect(completion.onellm?.warnings).toEqual([expect.stringContaining("logit_bias")]);
  });
});

describe("openai-compatible dialects", () => {
  it("sends Mistral only the fields its schema accepts, renaming seed and max_completion_tokens", async () => {
    const capture = captureFetch(json(fixture("text.json")));
    const client = new OpenAI({ fetch: capture.fetch, env: { MISTRAL_API_KEY: "mistral-env-0007" }, unsupportedParams: "drop" });
    const completion = await client.chat.completions.create({
      model: "mistral/mistral-large-latest",
      messages: [{ role: "user", content: "hi" }],
      seed: 7,
      max_completion_tokens: 50,
      temperature: 0.2,
      user: "u-1",
      store: true,
    });
    const sent = capture.requests[0]!;
    expect(sent.url).toBe("https://api.mistral.ai/v1/chat/completions");
    expect(sent.body).toEqual({
      model: "mistral-large-latest",
      messages: [{ role: "user", content: "hi" }],
      random_seed: 7,
      max_tokens: 50,
      temperature: 0.2,
    });
    expect(completion.onellm?.warnings).toEqual([expect.stringContaining("`user`"), expect.stringContaining("`store`")]);
  });

  it("refuses a field Mistral rejects under the default policy, naming it, before sending", async () => {
    const capture = captureFetch(json(fixture("text.json")));
    const client = new OpenAI({ fetch: capture.fetch, env: { MISTRAL_API_KEY: "mistral-env-0008" } });
    await expect(
      client.chat.completions.create({ model: "mistral/mistral-small-latest", messages: [{ role: "user", content: "hi" }], logprobs: true }),
    ).rejects.toThrow(/mistral does not support `logprobs`/);
    expect(capture.requests).toHaveLength(0);
  });
});
