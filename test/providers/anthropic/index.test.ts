import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OpenAI, type ClientOptions } from "../../../src/client.js";
import { inspect } from "node:util";
import { APIError, AuthenticationError, BadRequestError, InternalServerError, UnsupportedParameterError } from "../../../src/errors.js";
import { anthropicProvider, DEFAULT_ANTHROPIC_VERSION } from "../../../src/providers/anthropic/index.js";
import { captureFetch, json, type Reply } from "../../helpers/capture-fetch.js";

const BASE_URL = "https://anthropic.test";

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/anthropic/${name}`, import.meta.url), "utf8"));
}

function client(replies: Reply[], options: ClientOptions = {}) {
  const capture = captureFetch(...replies);
  const openai = new OpenAI({
    providers: { anthropic: { apiKey: "sk-ant-test-0123456789", baseURL: BASE_URL } },
    fetch: capture.fetch,
    sleep: () => Promise.resolve(),
    env: {},
    ...options,
  });
  return { openai, requests: capture.requests };
}

describe("anthropicProvider", () => {
  it("refuses a provider_options thinking budget that is not below max_tokens, before any request", async () => {
    const { openai, requests } = client([json(fixture("text.json"))]);
    const act = openai.chat.completions.create({
      model: "anthropic/claude-sonnet-4-5",
      messages: [{ role: "user", content: "Hi" }],
      max_completion_tokens: 2000,
      provider_options: { anthropic: { thinking: { type: "enabled", budget_tokens: 2048 } } },
    });
    await expect(act).rejects.toBeInstanceOf(BadRequestError);
    await expect(act).rejects.toThrow(/budget_tokens \(2048\) must be below max_tokens, which is 2000/);
    expect(requests).toHaveLength(0);
    // Without a limit of the caller's, the default makes room for the budget.
    const { openai: roomy, requests: sent } = client([json(fixture("text.json"))]);
    await roomy.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }], provider_options: { anthropic: { thinking: { type: "enabled", budget_tokens: 8000 } } } });
    expect(sent[0]?.body).toMatchObject({ max_tokens: 12096, thinking: { budget_tokens: 8000 } });
  });

  it("declares its name, environment prefix, base URL and capabilities", () => {
    expect(anthropicProvider.name).toBe("anthropic");
    expect(anthropicProvider.envPrefixes).toEqual(["ANTHROPIC"]);
    expect(anthropicProvider.defaultBaseURL).toBe("https://api.anthropic.com");
    expect(anthropicProvider.requiresApiKey).toBe(true);
    expect(anthropicProvider.capabilities).toEqual({ nativeN: false });
    expect(DEFAULT_ANTHROPIC_VERSION).toBe("2023-06-01");
  });

  it("posts the translated body to {baseURL}/v1/messages with x-api-key and anthropic-version", async () => {
    const { openai, requests } = client([json(fixture("text.json"))], {
      providers: {
        anthropic: { apiKey: "sk-ant-test-0123456789", baseURL: BASE_URL, headers: { "anthropic-beta": "files-api-2025-04-14" } },
      },
    });
    const completion = await openai.chat.completions.create({
      model: "anthropic/claude-sonnet-4-5",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Capital of France?" },
      ],
      max_tokens: 200,
    });
    expect(requests).toHaveLength(1);
    const sent = requests[0]!;
    expect(sent.method).toBe("POST");
    expect(sent.url).toBe(`${BASE_URL}/v1/messages`);
    expect(sent.redirect).toBe("manual");
    expect(sent.headers).toMatchObject({
      "x-api-key": "sk-ant-test-0123456789",
      "anthropic-version": "2023-06-01",
      "anthropic-beta": "files-api-2025-04-14",
      "content-type": "application/json",
    });
    expect(sent.headers).not.toHaveProperty("authorization");
    expect(sent.body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 200,
      system: [{ type: "text", text: "Be brief." }],
      messages: [{ role: "user", content: [{ type: "text", text: "Capital of France?" }] }],
    });
    expect(completion.choices[0]?.message.content).toContain("Paris is the capital of France");
    expect(completion.onellm).toMatchObject({ provider: "anthropic", model: "claude-sonnet-4-5", native_finish_reasons: ["end_turn"] });
  });

  it("takes the key from ANTHROPIC_API_KEY and the version from providers.anthropic.anthropicVersion", async () => {
    const { openai, requests } = client([json(fixture("text.json"))], {
      providers: { anthropic: { baseURL: BASE_URL, anthropicVersion: "2024-01-01" } },
      env: { ANTHROPIC_API_KEY: "sk-ant-from-env-9876543210" },
    });
    await openai.chat.completions.create({ model: "anthropic/claude-haiku-4-5", messages: [{ role: "user", content: "Hi" }] });
    expect(requests[0]?.headers["x-api-key"]).toBe("sk-ant-from-env-9876543210");
    expect(requests[0]?.headers["anthropic-version"]).toBe("2024-01-01");
  });

  it("merges provider_options.anthropic into the body last, raising the default max_tokens above a thinking budget", async () => {
    const { openai, requests } = client([json(fixture("thinking.json"))]);
    const completion = await openai.chat.completions.create({
      model: "anthropic/claude-sonnet-4-5",
      messages: [{ role: "user", content: "27 * 453?" }],
      provider_options: { anthropic: { thinking: { type: "enabled", budget_tokens: 8000 }, top_k: 40 } },
    });
    expect(requests[0]?.body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 8000 + 4096,
      messages: [{ role: "user", content: [{ type: "text", text: "27 * 453?" }] }],
      thinking: { type: "enabled", budget_tokens: 8000 },
      top_k: 40,
    });
    expect(completion.choices[0]?.message.reasoning_content).toContain("12231");
  });

  it("keeps the caller's max_tokens when thinking is enabled through provider_options", async () => {
    const { openai, requests } = client([json(fixture("thinking.json"))]);
    await openai.chat.completions.create({
      model: "anthropic/claude-sonnet-4-5",
      messages: [{ role: "user", content: "27 * 453?" }],
      max_completion_tokens: 20000,
      provider_options: { anthropic: { thinking: { type: "enabled", budget_tokens: 8000 } } },
    });
    expect(requests[0]?.body?.["max_tokens"]).toBe(20000);
  });

  it("fails an unsupported parameter before any request is sent", async () => {
    const { openai, requests } = client([json(fixture("text.json"))]);
    await expect(
      openai.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }], temperature: 1.7 }),
    ).rejects.toBeInstanceOf(UnsupportedParameterError);
    expect(requests).toHaveLength(0);
  });

  it("retries a 529 overloaded_error and succeeds on the next attempt", async () => {
    const { openai, requests } = client([json(fixture("error-overloaded.json"), 529), json(fixture("text.json"))]);
    const completion = await openai.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }] });
    expect(requests).toHaveLength(2);
    expect(completion.onellm?.attempts.map((attempt) => attempt.status)).toEqual([529, 200]);
  });

  it("does not retry a 400 invalid_request_error", async () => {
    const { openai, requests } = client([json(fixture("error-invalid-request.json"), 400), json(fixture("text.json"))]);
    const error = await openai.chat.completions
      .create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).type).toBe("invalid_request_error");
    expect(requests).toHaveLength(1);
  });

  it("treats a 2xx answer carrying an overloaded error body as the retryable 529 it is", async () => {
    const { openai, requests } = client([json(fixture("error-overloaded.json")), json(fixture("text.json"))]);
    const completion = await openai.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }] });
    expect(requests).toHaveLength(2);
    expect(completion.choices[0]?.message.content).toContain("Paris");

    const { openai: once } = client([json(fixture("error-overloaded.json"))], { maxRetries: 0 });
    const error = await once.chat.completions
      .create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(529);
    expect((error as InternalServerError).type).toBe("overloaded_error");
    expect((error as InternalServerError).requestId).toBe("req_011CSHoEeqs5C35K2UUqR7Fy");
  });

  it("never lets the key into a 401 error, even when the body echoes it", async () => {
    const echoed = { type: "error", error: { type: "authentication_error", message: "invalid x-api-key: sk-ant-test-0123456789" }, request_id: "req_011CSHoEeqs5C35K2UUqR7Fy" };
    const { openai } = client([json(echoed, 401)]);
    const error = await openai.chat.completions
      .create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).requestId).toBe("req_011CSHoEeqs5C35K2UUqR7Fy");
    const seen = [String(error), JSON.stringify(error), inspect(error, { depth: 8 }), (error as AuthenticationError).body ?? ""].join("\n");
    expect(seen).not.toContain("sk-ant-test-0123456789");
  });

  it("rejects a 2xx body that is not a Message", async () => {
    const { openai } = client([json({ hello: "world" })], { maxRetries: 0 });
    await expect(
      openai.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }] }),
    ).rejects.toBeInstanceOf(APIError);
  });
});
