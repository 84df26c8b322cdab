// Retries on one target, against a real node:http fault server: which failures are retried, how
// many times, and how long the router asks to wait (recorded by an injected sleep).
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { APIConnectionError, APIError, BadRequestError, ConflictError, InternalServerError, RateLimitError, UnprocessableEntityError } from "../../src/errors.js";
import { MalformedResponseError } from "../../src/errors-response.js";
import { refusedUrl, startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { failure, hi, MODELS, ok, PATHS, recordingSleep, rejection, routerClient } from "./harness.js";

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterEach(() => fault.reset());
afterAll(async () => {
  await fault.stop();
});

describe("Retry-After", () => {
  it("waits the 2 s a 429 asks for (Retry-After: 2), then succeeds", async () => {
    fault.enqueue(PATHS.openai, failure(429, "Rate limit reached", { "retry-after": "2" }), ok("after the wait"));
    const clock = recordingSleep();
    const completion = await routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi });
    expect(completion.choices[0]?.message.content).toBe("after the wait");
    expect(clock.delays).toEqual([2000]);
    expect(fault.count(PATHS.openai)).toBe(2);
  });

  it("prefers retry-after-ms over Retry-After", async () => {
    fault.enqueue(PATHS.openai, failure(429, "slow down", { "retry-after-ms": "150", "retry-after": "30" }), ok("done"));
    const clock = recordingSleep();
    await routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi });
    expect(clock.delays).toEqual([150]);
    expect(fault.count(PATHS.openai)).toBe(2);
  });

  it("reads Retry-After given as an HTTP date", async () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    fault.enqueue(PATHS.openai, failure(503, "overloaded", { "retry-after": inTenSeconds }), ok("done"));
    const clock = recordingSleep();
    await routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi });
    expect(clock.delays).toHaveLength(1);
    // An HTTP date has whole seconds, and a little time passes before it is read.
    expect(clock.delays[0]).toBeGreaterThan(5000);
    expect(clock.delays[0]).toBeLessThanOrEqual(10_000);
    expect(fault.count(PATHS.openai)).toBe(2);
  });

  it("does not sleep a Retry-After of 120 s: moves to the fallback at once", async () => {
    fault.enqueue(PATHS.openai, failure(429, "quota", { "retry-after": "120" }));
    fault.enqueue(PATHS.groq, ok("from groq"));
    const clock = recordingSleep();
    const completion = await routerClient(fault, { sleep: clock.sleep }).chat.completions.create({
      model: MODELS.openai,
      messages: hi,
      fallback_models: [MODELS.groq],
    });
    expect(completion.choices[0]?.message.content).toBe("from groq");
    expect(completion.onellm?.provider).toBe("groq");
    expect(clock.delays).toEqual([]);
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(1);
  });

  it("without a fallback, throws RateLimitError carrying retryAfterMs 120000 after one request", async () => {
    fault.enqueue(PATHS.openai, failure(429, "quota", { "retry-after": "120" }));
    const clock = recordingSleep();
    const error = await rejection(routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect((error as RateLimitError).status).toBe(429);
    expect((error as RateLimitError).provider).toBe("openai");
    expect(clock.delays).toEqual([]);
    expect(fault.count(PATHS.openai)).toBe(1);
  });

  it("throws RateLimitError rather than sleep past the overall deadline (totalTimeout)", async () => {
    fault.enqueue(PATHS.openai, failure(429, "quota", { "retry-after": "5" }));
    const clock = recordingSleep();
    const client = routerClient(fault, { sleep: clock.sleep, totalTimeout: 2000 });
    const error = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(5000);
    expect(clock.delays).toEqual([]);
    expect(fault.count(PATHS.openai)).toBe(1);
  });

  it("really sleeps a short server wait with the built-in sleep", async () => {
    fault.enqueue(PATHS.openai, failure(429, "brief", { "retry-after-ms": "30" }), ok("slept for real"));
    const completion = await routerClient(fault).chat.completions.create({ model: MODELS.openai, messages: hi });
    expect(completion.choices[0]?.message.content).toBe("slept for real");
    expect(fault.count(PATHS.openai)).toBe(2);
  });
});

describe("retry budget", () => {
  const serverErrors = () => [failure(500, "boom"), failure(500, "boom"), failure(500, "boom")];

  it("retries=3: three 500s, then 200 -> success after 4 requests, backing off 0.5, 1, 2 s (minus jitter)", async () => {
    fault.enqueue(PATHS.openai, ...serverErrors(), ok("fourth time lucky"));
    const clock = recordingSleep();
    const completion = await routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, retries: 3 });
    expect(completion.choices[0]?.message.content).toBe("fourth time lucky");
    expect(fault.count(PATHS.openai)).toBe(4);
    expect(clock.delays).toHaveLength(3);
    [500, 1000, 2000].forEach((base, index) => {
      expect(clock.delays[index]).toBeGreaterThanOrEqual(base * 0.75);
      expect(clock.delays[index]).toBeLessThanOrEqual(base);
    });
    expect(completion.onellm?.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500, 200]);
  });

  it("retries=2: three 500s -> InternalServerError after 3 requests", async () => {
    fault.enqueue(PATHS.openai, ...serverErrors(), ok("never reached"));
    const clock = recordingSleep();
    const error = await rejection(
      routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, retries: 2 }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(500);
    expect((error as InternalServerError).message).toContain("boom");
    expect(fault.count(PATHS.openai)).toBe(3);
    expect(clock.delays).toHaveLength(2);
  });

  it("defaults to 2 retries (3 requests)", async () => {
    fault.enqueue(PATHS.openai, failure(500, "boom"));
    const clock = recordingSleep();
    await rejection(routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(fault.count(PATHS.openai)).toBe(3);
  });

  it("takes requestOptions.maxRetries, with the body's retries over it", async () => {
    fault.enqueue(PATHS.openai, failure(500, "boom"));
    const clock = recordingSleep();
    const client = routerClient(fault, { sleep: clock.sleep });
    await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi }, { maxRetries: 0 }));
    expect(fault.count(PATHS.openai)).toBe(1);
    fault.reset();
    fault.enqueue(PATHS.openai, failure(500, "boom"));
    await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi, retries: 1 }, { maxRetries: 0 }));
    expect(fault.count(PATHS.openai)).toBe(2);
  });

  it("takes the client's maxRetries, and the body's retries over it", async () => {
    fault.enqueue(PATHS.openai, failure(500, "boom"));
    const clock = recordingSleep();
    const client = routerClient(fault, { sleep: clock.sleep, maxRetries: 1 });
    await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(fault.count(PATHS.openai)).toBe(2);
    fault.reset();
    fault.enqueue(PATHS.openai, failure(500, "boom"));
    await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi, retries: 0 }));
    expect(fault.count(PATHS.openai)).toBe(1);
    fault.reset();
    fault.enqueue(PATHS.openai, failure(500, "boom"));
    await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi, retries: 4 }));
    expect(fault.count(PATHS.openai)).toBe(5);
  });
});

describe("what is retried", () => {
  it.each([
    [408, APIError],
    [409, ConflictError],
    [502, InternalServerError],
    [504, InternalServerError],
    [529, InternalServerError],
  ])("retries HTTP %i once, then succeeds (2 requests)", async (status, ErrorClass) => {
    fault.enqueue(PATHS.openai, failure(status, `status ${status}`), ok(`recovered from ${status}`));
    const clock = recordingSleep();
    const completion = await routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, retries: 1 });
    expect(completion.choices[0]?.message.content).toBe(`recovered from ${status}`);
    expect(fault.count(PATHS.openai)).toBe(2);
    expect(clock.delays).toHaveLength(1);
    expect(completion.onellm?.attempts).toMatchObject([
      { provider: "openai", model: "gpt-4o-mini", status, error: ErrorClass.name },
      { provider: "openai", model: "gpt-4o-mini", status: 200 },
    ]);
  });

  it.each([
    [400, BadRequestError],
    [422, UnprocessableEntityError],
  ])("never retries HTTP %i", async (status, ErrorClass) => {
    fault.enqueue(PATHS.openai, failure(status, `bad request ${status}`), ok("never reached"));
    const clock = recordingSleep();
    const error = await rejection(routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as APIError).status).toBe(status);
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(clock.delays).toEqual([]);
  });

  it("does not retry a 500 that says x-should-retry: false", async () => {
    fault.enqueue(PATHS.openai, failure(500, "do not retry me", { "x-should-retry": "false" }), ok("never reached"));
    const clock = recordingSleep();
    const error = await rejection(routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(clock.delays).toEqual([]);
  });

  it("retries a refused connection, then throws APIConnectionError", async () => {
    const refused = await refusedUrl();
    const sent: string[] = [];
    const clock = recordingSleep();
    const client = routerClient(fault, {
      sleep: clock.sleep,
      providers: { openai: { apiKey: "sk-refused-000001", baseURL: `${refused}/v1` } },
      fetch: (request) => {
        sent.push(request.url);
        return fetch(request);
      },
    });
    const error = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).status).toBeUndefined();
    expect((error as APIConnectionError).message).toMatch(/Connection error: .*ECONNREFUSED/);
    expect(sent).toEqual([`${refused}/v1/chat/completions`, `${refused}/v1/chat/completions`, `${refused}/v1/chat/completions`]);
    expect(clock.delays).toHaveLength(2);
  });

  it("retries a connection reset before the headers, then succeeds", async () => {
    fault.enqueue(PATHS.openai, { kind: "reset-before-headers" }, ok("after the reset"));
    const clock = recordingSleep();
    const completion = await routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi });
    expect(completion.choices[0]?.message.content).toBe("after the reset");
    expect(fault.count(PATHS.openai)).toBe(2);
    expect(completion.onellm?.attempts).toMatchObject([{ error: "APIConnectionError" }, { status: 200 }]);
    expect(completion.onellm?.attempts[0]).not.toHaveProperty("status");
  });

  it("retries resets until the budget is spent, then throws APIConnectionError", async () => {
    fault.enqueue(PATHS.openai, { kind: "reset-before-headers" });
    const clock = recordingSleep();
    const error = await rejection(
      routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, retries: 1 }),
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(fault.count(PATHS.openai)).toBe(2);
  });

  it("does not retry a 200 whose body is not JSON (the work may be done and billed), and says so in a short message", async () => {
    fault.enqueue(PATHS.openai, { status: 200, body: `not json ${"x".repeat(50_000)}` }, ok("never asked for"));
    const clock = recordingSleep();
    const error = await rejection(
      routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, retries: 2, fallback_models: [MODELS.groq] }),
    );
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error).toMatchObject({ status: 200, isRetryable: false });
    expect((error as APIError).message).toMatch(/openai answered 200 with a body that is not JSON; not retried/);
    expect((error as APIError).message.length).toBeLessThan(300);
    expect((error as APIError).body!.length).toBeLessThan(2200);
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(fault.count(PATHS.groq)).toBe(0);
    expect(clock.delays).toEqual([]);
  });
});

describe("provider-native retry signals", () => {
  const fixture = (path: string) => JSON.parse(readFileSync(path, "utf8")) as object;
  const providers = () => ({
    anthropic: { apiKey: "sk-ant-retry-000000001", baseURL: `${fault.url}/anthropic` },
    google: { apiKey: "AIza-retry-gemini-00001", baseURL: `${fault.url}/gemini` },
  });

  it("retries Anthropic's 529 overloaded_error once, then succeeds", async () => {
    const path = "/anthropic/v1/messages";
    fault.enqueue(path, { status: 529, body: fixture("test/fixtures/anthropic/error-overloaded.json") }, { status: 200, body: fixture("test/fixtures/anthropic/text.json") });
    const clock = recordingSleep();
    const completion = await routerClient(fault, { sleep: clock.sleep, providers: providers() }).chat.completions.create({
      model: "anthropic/claude-sonnet-4-5",
      messages: hi,
      retries: 1,
    });
    expect(completion.onellm?.provider).toBe("anthropic");
    expect(completion.onellm?.attempts).toMatchObject([{ status: 529, error: "InternalServerError" }, { status: 200 }]);
    expect(fault.count(path)).toBe(2);
    expect(clock.delays).toHaveLength(1);
  });

  it("sleeps the retryDelay a Gemini 429 names in its body", async () => {
    const path = "/gemini/v1beta/models/gemini-2.5-flash:generateContent";
    fault.enqueue(path, { status: 429, body: fixture("test/fixtures/gemini/error-429-retry.json") }, { status: 200, body: fixture("test/fixtures/gemini/text.json") });
    const clock = recordingSleep();
    const completion = await routerClient(fault, { sleep: clock.sleep, providers: providers() }).chat.completions.create({
      model: "google/gemini-2.5-flash",
      messages: hi,
    });
    expect(completion.onellm?.provider).toBe("google");
    expect(clock.delays).toEqual([13_000]);
    expect(fault.count(path)).toBe(2);
  });
});
