import { inspect } from "node:util";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import OpenAIDefault, { OneLLM, OpenAI } from "../../src/index.js";
import { APIUserAbortError, AuthenticationError, InvalidRequestError, RateLimitError, UnsupportedParameterError } from "../../src/errors.js";
import { captureFetch, json } from "../helpers/capture-fetch.js";

const text = JSON.parse(readFileSync("test/fixtures/openai/text.json", "utf8")) as unknown;
const hi = [{ role: "user" as const, content: "hi" }];

describe("OpenAI client", () => {
  it("is exported as OpenAI, OneLLM and the default export, with error classes as statics", () => {
    expect(OneLLM).toBe(OpenAI);
    expect(OpenAIDefault).toBe(OpenAI);
    expect(OpenAI.RateLimitError).toBe(RateLimitError);
    expect(OpenAI.APIUserAbortError).toBe(APIUserAbortError);
  });

  it("rejects an invalid request before any network call", async () => {
    const capture = captureFetch(json(text));
    const client = new OpenAI({ apiKey: "sk-x-000001", fetch: capture.fetch, env: {} });
    // @ts-expect-error deliberately wrong
    await expect(client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "robot", content: "x" }] })).rejects.toThrow(
      InvalidRequestError,
    );
    expect(capture.requests).toHaveLength(0);
  });

  it("names the known providers when a model's provider is unknown", async () => {
    const capture = captureFetch(json(text));
    const client = new OpenAI({ apiKey: "sk-x-000002", fetch: capture.fetch, env: {} });
    const error = await client.chat.completions.create({ model: "nope/some-model", messages: hi }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/Unknown provider "nope".*Known providers: .*anthropic.*google.*openai/);
    expect(capture.requests).toHaveLength(0);
  });

  it("says how to send a slash-containing model id to the openai baseURL, and that way works", async () => {
    const capture = captureFetch(json(text));
    const client = new OpenAI({ apiKey: "sk-x-000012", baseURL: "http://127.0.0.1:9/v1", fetch: capture.fetch, env: {} });
    const error = await client.chat.completions.create({ model: "meta-llama/Llama-3.1-8B-Instruct", messages: hi }).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('write "openai/meta-llama/Llama-3.1-8B-Instruct"');
    await client.chat.completions.create({ model: "openai/meta-llama/Llama-3.1-8B-Instruct", messages: hi });
    expect(capture.requests[0]!.url).toBe("http://127.0.0.1:9/v1/chat/completions");
    expect(capture.requests[0]!.body?.["model"]).toBe("meta-llama/Llama-3.1-8B-Instruct");
  });

  it("checks fallback model ids before sending anything", async () => {
    const capture = captureFetch(json(text));
    const client = new OpenAI({ apiKey: "sk-x-000003", fetch: capture.fetch, env: {} });
    const error = await client.chat.completions
      .create({ model: "gpt-4o", messages: hi, fallback_models: ["bogus/x"] })
      .catch((caught: unknown) => caught);
    expect((error as InvalidRequestError).param).toBe("fallback_models[0]");
    expect(capture.requests).toHaveLength(0);
  });

  it("says which variable to set when a provider has no key", async () => {
    const client = new OpenAI({ fetch: captureFetch(json(text)).fetch, env: {} });
    const error = await client.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: hi }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain("ANTHROPIC_API_KEY");
  });

  it("rejects a bad unsupportedParams option at construction", () => {
    // @ts-expect-error deliberately wrong
    expect(() => new OpenAI({ unsupportedParams: "ignore" })).toThrow(/"error", "warn" or "drop"/);
  });

  it("offers withResponse() and asResponse() from one request", async () => {
    const capture = captureFetch(json(text, 200, { "x-request-id": "req_abc" }));
    const client = new OpenAI({ apiKey: "sk-x-000004", fetch: capture.fetch, env: {} });
    const promise = client.chat.completions.create({ model: "gpt-4o-mini", messages: hi });
    const { data, response } = await promise.withResponse();
    const raw = await promise.asResponse();
    expect(capture.requests).toHaveLength(1);
    expect(data.choices[0]?.message.content).toBe("Hello! How can I help you today?");
    expect(response.headers.get("x-request-id")).toBe("req_abc");
    expect(await raw.json()).toEqual(text);
  });

  it("applies the body's timeout in seconds per attempt", async () => {
    const client = new OpenAI({
      apiKey: "sk-x-000005",
      env: {},
      maxRetries: 0,
      fetch: (request) =>
        new Promise((_resolve, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
    });
    const error = await client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, timeout: 0.05 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "APIConnectionTimeoutError" });
    expect((error as Error).message).toContain("50 ms");
  });

  it("aborts through signal with APIUserAbortError", async () => {
    const controller = new AbortController();
    const client = new OpenAI({
      apiKey: "sk-x-000006",
      env: {},
      fetch: (request) => {
        setTimeout(() => controller.abort(), 10);
        return new Promise((_resolve, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
      },
    });
    const error = await client.chat.completions.create({ model: "gpt-4o-mini", messages: hi }, { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
  });

  it("never shows the key in an error's message, stack or inspection", async () => {
    const key = "sk-canary-9f8e7d6c5b4a";
    const client = new OpenAI({
      apiKey: key,
      env: {},
      maxRetries: 0,
      fetch: async (request) =>
        new Response(JSON.stringify({ error: { message: `Incorrect API key provided: ${request.headers.get("authorization")}` } }), { status: 401 }),
    });
    const error = await client.chat.completions.create({ model: "gpt-4o-mini", messages: hi }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    const all = `${(error as Error).message}\n${(error as Error).stack}\n${inspect(error, { depth: 10 })}`;
    expect(all).not.toContain(key);
    expect(all).toContain("[REDACTED]");
  });

  it("reports unsupported parameters of translated providers before sending", async () => {
    const capture = captureFetch(json(text));
    const client = new OpenAI({ fetch: capture.fetch, env: { ANTHROPIC_API_KEY: "sk-ant-000007" } });
    const error = await client.chat.completions
      .create({ model: "anthropic/claude-sonnet-4-5", messages: hi, logit_bias: { "1": 2 } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as Error).message).toMatch(/anthropic does not support `logit_bias`.*unsupportedParams: "drop"/);
    expect(capture.requests).toHaveLength(0);
  });
});

describe("client options", () => {
  it("rejects a zero or negative timeout and a fractional maxRetries", () => {
    expect(() => new OpenAI({ timeout: 0 })).toThrow(/timeout: expected a number of milliseconds above 0/);
    expect(() => new OpenAI({ streamIdleTimeout: -5 })).toThrow(/streamIdleTimeout/);
    expect(() => new OpenAI({ maxRetries: 1.5 })).toThrow(/maxRetries: expected an integer >= 0/);
  });

  it("redacts a configured key from errors even before its provider is used", async () => {
    const { OneLLMError } = await import("../../src/errors.js");
    new OpenAI({ env: {}, providers: { mistral: { apiKey: "mistral-canary-5e6f7a8b" } } });
    expect(new OneLLMError("upstream said: mistral-canary-5e6f7a8b is invalid").message).toBe("upstream said: [REDACTED] is invalid");
  });
});
