// Fallback across targets `[model, ...fallback_models]`: when the router moves on, with which key,
// what it records, and when it must not move on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  AllTargetsFailedError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  UnprocessableEntityError,
  UnsupportedParameterError,
} from "../../src/errors.js";
import { MissingAPIKeyError } from "../../src/router/router.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { captureLog, failure, hi, KEYS, MODELS, ok, PATHS, recordingSleep, rejection, routerClient } from "./harness.js";

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterEach(() => fault.reset());
afterAll(async () => {
  await fault.stop();
});

/** Every header value a target received, joined: to prove no other provider's key is in there. */
function allHeaderValues(path: string): string {
  return fault
    .requests(path)
    .flatMap((request) => Object.values(request.headers).flat())
    .join("\n");
}

describe("moving to the next target", () => {
  it("falls back at once on a 401, and the fallback receives its own key", async () => {
    fault.enqueue(PATHS.openai, failure(401, "Incorrect API key provided"));
    fault.enqueue(PATHS.groq, ok("groq answered"));
    const clock = recordingSleep();
    const completion = await routerClient(fault, { sleep: clock.sleep }).chat.completions.create({
      model: MODELS.openai,
      messages: hi,
      fallback_models: [MODELS.groq],
    });
    expect(completion.choices[0]?.message.content).toBe("groq answered");
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(1);
    expect(clock.delays).toEqual([]);
    expect(fault.requests(PATHS.openai)[0]?.headers["authorization"]).toBe(`Bearer ${KEYS.openai}`);
    expect(fault.requests(PATHS.groq)[0]?.headers["authorization"]).toBe(`Bearer ${KEYS.groq}`);
    expect(allHeaderValues(PATHS.groq)).not.toContain(KEYS.openai);
    expect(allHeaderValues(PATHS.openai)).not.toContain(KEYS.groq);
    expect((fault.requests(PATHS.groq)[0]?.body as { model?: string }).model).toBe("llama-3.3-70b-versatile");
  });

  it.each([
    [403, "PermissionDeniedError"],
    [404, "NotFoundError"],
  ])("falls back at once on a %i", async (status, errorName) => {
    fault.enqueue(PATHS.openai, failure(status, `status ${status}`));
    fault.enqueue(PATHS.groq, ok("groq answered"));
    const completion = await routerClient(fault, { sleep: recordingSleep().sleep }).chat.completions.create({
      model: MODELS.openai,
      messages: hi,
      fallback_models: [MODELS.groq],
    });
    expect(completion.choices[0]?.message.content).toBe("groq answered");
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(1);
    expect(completion.onellm?.attempts).toMatchObject([
      { provider: "openai", status, error: errorName },
      { provider: "groq", status: 200 },
    ]);
  });

  it("falls back after the retries on a retryable error are spent", async () => {
    fault.enqueue(PATHS.openai, failure(503, "overloaded"));
    fault.enqueue(PATHS.groq, ok("groq answered"));
    const clock = recordingSleep();
    const completion = await routerClient(fault, { sleep: clock.sleep }).chat.completions.create({
      model: MODELS.openai,
      messages: hi,
      fallback_models: [MODELS.groq],
      retries: 2,
    });
    expect(completion.choices[0]?.message.content).toBe("groq answered");
    expect(fault.count(PATHS.openai)).toBe(3);
    expect(fault.count(PATHS.groq)).toBe(1);
    expect(clock.delays).toHaveLength(2);
  });

  it("falls back (without retrying) on a 500 that says x-should-retry: false", async () => {
    fault.enqueue(PATHS.openai, failure(500, "not here", { "x-should-retry": "false" }));
    fault.enqueue(PATHS.groq, ok("groq answered"));
    const completion = await routerClient(fault, { sleep: recordingSleep().sleep }).chat.completions.create({
      model: MODELS.openai,
      messages: hi,
      fallback_models: [MODELS.groq],
    });
    expect(completion.onellm?.provider).toBe("groq");
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(1);
  });

  it("falls back on a 400 that is a context-length error", async () => {
    fault.enqueue(
      PATHS.openai,
      failure(400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.", {}, {
        code: "context_length_exceeded",
        param: "messages",
      }),
    );
    fault.enqueue(PATHS.groq, ok("bigger window"));
    const completion = await routerClient(fault).chat.completions.create({ model: MODELS.openai, messages: hi, fallback_models: [MODELS.groq] });
    expect(completion.choices[0]?.message.content).toBe("bigger window");
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(1);
  });
});

describe("not moving on", () => {
  it.each([
    [400, BadRequestError],
    [422, UnprocessableEntityError],
  ])("a %i is neither retried nor fallen back", async (status, ErrorClass) => {
    fault.enqueue(PATHS.openai, failure(status, "temperature must be at most 2", {}, { param: "temperature" }));
    fault.enqueue(PATHS.groq, ok("never reached"));
    const clock = recordingSleep();
    const error = await rejection(
      routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, fallback_models: [MODELS.groq] }),
    );
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as BadRequestError).status).toBe(status);
    expect((error as BadRequestError).param).toBe("temperature");
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(0);
    expect(clock.delays).toEqual([]);
  });
});

describe("when every target fails", () => {
  it("throws AllTargetsFailedError with each target's error, in order", async () => {
    fault.enqueue(PATHS.openai, failure(401, "bad key"));
    fault.enqueue(PATHS.groq, failure(500, "groq is down"));
    fault.enqueue(PATHS.deepseek, failure(404, "no such model"));
    const error = await rejection(
      routerClient(fault, { sleep: recordingSleep().sleep }).chat.completions.create({
        model: MODELS.openai,
        messages: hi,
        fallback_models: [MODELS.groq, MODELS.deepseek],
        retries: 1,
      }),
    );
    expect(error).toBeInstanceOf(AllTargetsFailedError);
    const { errors } = error as AllTargetsFailedError;
    expect(errors.map((entry) => [entry.provider, entry.model, entry.error.constructor])).toEqual([
      ["openai", "gpt-4o-mini", AuthenticationError],
      ["groq", "llama-3.3-70b-versatile", InternalServerError],
      ["deepseek", "deepseek-chat", NotFoundError],
    ]);
    expect((error as Error).message).toMatch(/^All 3 targets failed: openai\/gpt-4o-mini: AuthenticationError: .*bad key.*groq is down.*no such model/);
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(2);
    expect(fault.count(PATHS.deepseek)).toBe(1);
    expect((error as AllTargetsFailedError).attempts.map((attempt) => `${attempt.provider}:${attempt.status}:${attempt.error}`)).toEqual([
      "openai:401:AuthenticationError",
      "groq:500:InternalServerError",
      "groq:500:InternalServerError",
      "deepseek:404:NotFoundError",
    ]);
  });

  it("throws the single target's own error when there is no fallback", async () => {
    fault.enqueue(PATHS.openai, failure(401, "bad key"));
    const error = await rejection(routerClient(fault).chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(error).toBeInstanceOf(AuthenticationError);
  });
});

describe("attempts and targets", () => {
  it("lists every attempt in order after a retried, fallen-back success", async () => {
    fault.enqueue(PATHS.openai, failure(500, "boom"), failure(502, "bad gateway"), failure(503, "unavailable"));
    fault.enqueue(PATHS.groq, failure(429, "slow down", { "retry-after-ms": "10" }), ok("groq answered"));
    const log = captureLog();
    const completion = await routerClient(fault, { sleep: recordingSleep().sleep, logger: log.sink, logLevel: "debug" }).chat.completions.create({
      model: MODELS.openai,
      messages: hi,
      fallback_models: [MODELS.groq],
    });
    expect(completion.onellm?.provider).toBe("groq");
    expect(completion.onellm?.model).toBe("llama-3.3-70b-versatile");
    const attempts = completion.onellm?.attempts ?? [];
    expect(attempts.map(({ provider, model, status, error }) => ({ provider, model, status, error }))).toEqual([
      { provider: "openai", model: "gpt-4o-mini", status: 500, error: "InternalServerError" },
      { provider: "openai", model: "gpt-4o-mini", status: 502, error: "InternalServerError" },
      { provider: "openai", model: "gpt-4o-mini", status: 503, error: "InternalServerError" },
      { provider: "groq", model: "llama-3.3-70b-versatile", status: 429, error: "RateLimitError" },
      { provider: "groq", model: "llama-3.3-70b-versatile", status: 200, error: undefined },
    ]);
    for (const attempt of attempts) {
      expect(typeof attempt.duration_ms).toBe("number");
      expect(attempt.duration_ms).toBeGreaterThanOrEqual(0);
    }
    expect(log.lines.filter((line) => line.includes("onellm: attempt"))).toHaveLength(5);
    expect(log.lines.some((line) => line.startsWith("info onellm: retrying openai/gpt-4o-mini"))).toBe(true);
    expect(log.lines.some((line) => line.startsWith("info onellm: openai/gpt-4o-mini failed") && line.includes("falling back to groq/llama-3.3-70b-versatile"))).toBe(true);
  });

  it("tries each target at most once, even when listed twice", async () => {
    fault.enqueue(PATHS.openai, failure(401, "bad key"));
    fault.enqueue(PATHS.groq, failure(401, "bad key too"));
    const error = await rejection(
      routerClient(fault).chat.completions.create({
        model: MODELS.openai,
        messages: hi,
        // "gpt-4o-mini" is openai/gpt-4o-mini again (a bare name means openai).
        fallback_models: [MODELS.openai, "gpt-4o-mini", MODELS.groq, MODELS.groq],
      }),
    );
    expect(error).toBeInstanceOf(AllTargetsFailedError);
    expect((error as AllTargetsFailedError).errors.map((entry) => entry.provider)).toEqual(["openai", "groq"]);
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(1);
  });

  it("skips a target that cannot take a parameter (error policy), records why, and serves from the next", async () => {
    fault.enqueue(PATHS.openai, ok("openai honoured logit_bias"));
    const log = captureLog();
    const completion = await routerClient(fault, { logger: log.sink, logLevel: "debug" }).chat.completions.create({
      model: MODELS.groq,
      messages: hi,
      logit_bias: { "50256": -100 },
      fallback_models: [MODELS.openai],
    });
    expect(completion.choices[0]?.message.content).toBe("openai honoured logit_bias");
    expect(fault.count(PATHS.groq)).toBe(0);
    expect(fault.count(PATHS.openai)).toBe(1);
    expect((fault.requests(PATHS.openai)[0]?.body as { logit_bias?: unknown }).logit_bias).toEqual({ "50256": -100 });
    expect(completion.onellm?.warnings).toEqual([
      'skipped groq/llama-3.3-70b-versatile: groq does not support `logit_bias` (unsupportedParams: "error")',
    ]);
    // No request went to groq: its entry says it was skipped, and why, with no status.
    expect(completion.onellm?.attempts).toMatchObject([
      {
        provider: "groq",
        model: "llama-3.3-70b-versatile",
        skipped: true,
        error: "UnsupportedParameterError",
        reason: 'groq does not support `logit_bias` (unsupportedParams: "error")',
      },
      { provider: "openai", status: 200 },
    ]);
    expect(completion.onellm?.attempts[0]).not.toHaveProperty("status");
    expect(completion.onellm?.attempts[1]).not.toHaveProperty("skipped");
    expect(log.lines.some((line) => line.includes("skipped groq/llama-3.3-70b-versatile"))).toBe(true);
  });

  it("skips an anthropic target given logit_bias (error policy) and serves from openai", async () => {
    fault.enqueue(PATHS.openai, ok("openai answered"));
    const client = routerClient(fault, { providers: { anthropic: { apiKey: "sk-ant-skip-0000000001", baseURL: `${fault.url}/anthropic` } } });
    const completion = await client.chat.completions.create({
      model: "anthropic/claude-sonnet-4-5",
      messages: hi,
      logit_bias: { "50256": -100 },
      fallback_models: [MODELS.openai],
    });
    expect(completion.onellm?.provider).toBe("openai");
    expect(completion.onellm?.warnings[0]).toBe('skipped anthropic/claude-sonnet-4-5: anthropic does not support `logit_bias` (unsupportedParams: "error")');
    expect(fault.count("/anthropic/v1/messages")).toBe(0);
    expect(fault.count(PATHS.openai)).toBe(1);
  });

  it("reports UnsupportedParameterError (nothing sent) when the only target cannot take a parameter", async () => {
    const error = await rejection(routerClient(fault).chat.completions.create({ model: MODELS.groq, messages: hi, logit_bias: { "1": 1 } }));
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe("logit_bias");
    expect(fault.requests()).toHaveLength(0);
  });

  it("lists the skipped target in AllTargetsFailedError when the rest fail too", async () => {
    fault.enqueue(PATHS.openai, failure(401, "bad key"));
    const error = await rejection(
      routerClient(fault).chat.completions.create({ model: MODELS.groq, messages: hi, logit_bias: { "1": 1 }, fallback_models: [MODELS.openai] }),
    );
    expect(error).toBeInstanceOf(AllTargetsFailedError);
    expect((error as AllTargetsFailedError).errors.map((entry) => entry.error.constructor)).toEqual([UnsupportedParameterError, AuthenticationError]);
    expect((error as AllTargetsFailedError).attempts.map((attempt) => [attempt.provider, attempt.skipped ?? false, attempt.status])).toEqual([
      ["groq", true, undefined],
      ["openai", false, 401],
    ]);
    expect(fault.count(PATHS.groq)).toBe(0);
  });

  it("skips a target with no key configured, records why, and serves from the next", async () => {
    fault.enqueue(PATHS.openai, ok("openai answered"));
    const client = routerClient(fault, { providers: { groq: { baseURL: `${fault.url}/groq` } } });
    const completion = await client.chat.completions.create({ model: MODELS.groq, messages: hi, fallback_models: [MODELS.openai] });
    expect(completion.onellm?.provider).toBe("openai");
    expect(fault.count(PATHS.groq)).toBe(0);
    expect(completion.onellm?.warnings[0]).toMatch(/^skipped groq\/llama-3.3-70b-versatile: MissingAPIKeyError: .*GROQ_API_KEY/);
    const only = await rejection(client.chat.completions.create({ model: MODELS.groq, messages: hi }));
    expect(only).toBeInstanceOf(MissingAPIKeyError);
  });
});

describe("a target whose translator cannot take the request", () => {
  it("is skipped for the next target, with the reason recorded, and nothing sent to it", async () => {
    const { OpenAI: Client } = await import("../../src/client.js");
    const sent: string[] = [];
    const client = new Client({
      env: {},
      maxRetries: 0,
      providers: { google: { apiKey: "gemini-key-skip-0001" }, openai: { apiKey: "sk-openai-skip-0001" } },
      fetch: async (request: Request) => {
        sent.push(new URL(request.url).hostname);
        return new Response(
          JSON.stringify({ id: "c", object: "chat.completion", created: 1, model: "gpt-4o-mini", choices: [{ index: 0, message: { role: "assistant", content: "ok", refusal: null }, logprobs: null, finish_reason: "stop" }] }),
          { headers: { "content-type": "application/json" } },
        );
      },
    });
    // Gemini needs a non-system turn; OpenAI takes a system-only conversation.
    const completion = await client.chat.completions.create({
      model: "google/gemini-2.5-flash",
      fallback_models: ["openai/gpt-4o-mini"],
      messages: [{ role: "system", content: "Say ok." }],
    });
    expect(sent).toEqual(["api.openai.com"]);
    expect(completion.onellm?.provider).toBe("openai");
    expect(completion.onellm?.warnings[0]).toMatch(/^skipped google\/gemini-2\.5-flash: /);
  });

  it("still throws the translator's InvalidRequestError when it is the only target", async () => {
    const { OpenAI: Client } = await import("../../src/client.js");
    const client = new Client({ env: {}, providers: { google: { apiKey: "gemini-key-skip-0002" } }, fetch: async () => new Response("{}") });
    const error = await client.chat.completions
      .create({ model: "google/gemini-2.5-flash", messages: [{ role: "system", content: "Say ok." }] })
      .catch((caught: unknown) => caught);
    expect((error as Error).name).toBe("InvalidRequestError");
  });
});
