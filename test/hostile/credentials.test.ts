// Item 5: no key leaks, whatever the answer or the configuration. Redaction fails closed past its
// depth limit; keys are header-safe before anything is sent and `cause` is redacted; a baseURL with
// user:password@ is refused; a call's own credential headers reach only the primary model's provider.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import { TOO_DEEP } from "../../src/core/redact.js";
import { APIConnectionError, APIError, BadRequestError, InvalidRequestError, registerSecret } from "../../src/errors.js";
import { captureLog, failure, hi, KEYS, MODELS, ok, PATHS, recordingSleep, rejection, routerClient } from "../router/harness.js";
import { useFaultServer } from "./hostile-kit.js";

const server = useFaultServer();

/** Everything a user may print or serialise of an error. */
function everything(error: unknown, lines: readonly string[] = []): string {
  const value = error as APIError;
  return [
    value.message,
    value.stack ?? "",
    inspect(error, { depth: Number.POSITIVE_INFINITY }),
    JSON.stringify(error),
    JSON.stringify(value.error ?? null),
    String(error),
    inspect((error as { cause?: unknown }).cause, { depth: Number.POSITIVE_INFINITY }),
    ...lines,
  ].join("\n");
}

describe("redaction fails closed at its depth limit", () => {
  it("a key echoed 12 levels deep in an error body shows nowhere: not in inspect, JSON.stringify or error.error", async () => {
    let nested: object = { echoed: `your key was ${KEYS.openai}` };
    for (let level = 0; level < 12; level++) nested = { [`level${level}`]: nested };
    server().enqueue(PATHS.openai, failure(400, "bad request", {}, { details: nested }));
    const error = await rejection(routerClient(server()).chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(everything(error)).not.toContain(KEYS.openai);
    expect(JSON.stringify((error as APIError).error)).toContain(TOO_DEEP);
    // What is shallower than the limit is kept as sent.
    expect((error as APIError).error).toMatchObject({ message: "bad request", type: "invalid_request_error" });
  });
});

describe("keys are header-safe before anything is sent", () => {
  it("a key with a newline given in the options is refused at construction, without showing it", () => {
    const key = "sk-newline-key-0123456789abcdef\n";
    let error: unknown;
    try {
      new OpenAI({ env: {}, providers: { openai: { apiKey: key } } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/The API key for openai \(providers\.openai\.apiKey\) cannot be sent: it contains a line break at its end/);
    expect(everything(error)).not.toContain("sk-newline-key-0123456789abcdef");
  });

  it("a key from the environment with a line break inside is refused at its first call: zero requests, the variable named", async () => {
    const key = "sk-env-first-half-000000\nsk-env-second-half-0000";
    const client = new OpenAI({ env: { OPENAI_API_KEY: key, OPENAI_BASE_URL: `${server().url}/openai/v1` }, logger: {} });
    const error = await rejection(client.chat.completions.create({ model: "gpt-4o-mini", messages: hi }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain("the OPENAI_API_KEY environment variable");
    expect((error as InvalidRequestError).param).toBe("OPENAI_API_KEY");
    expect(everything(error)).not.toMatch(/sk-env-(first|second)-half/);
    expect(server().requests()).toHaveLength(0);
  });

  it.each(["a space", "é"])("refuses a key containing %s too", (character) => {
    expect(() => new OpenAI({ env: {}, apiKey: `sk-odd-key-0000${character}0000` })).toThrow(InvalidRequestError);
  });

  it("a header value with a line break is refused by name, before sending", async () => {
    expect(() => new OpenAI({ env: {}, defaultHeaders: { "x-team": "a\r\nx-injected: 1" } })).toThrow(/Header `x-team` in defaultHeaders cannot be sent: it contains a line break/);
    const error = await rejection(routerClient(server()).chat.completions.create({ model: MODELS.openai, messages: hi }, { headers: { Authorization: "Bearer per-call-secret-000\n" } }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(everything(error)).not.toContain("per-call-secret-000");
    expect(server().requests()).toHaveLength(0);
  });

  it("error.cause is redacted: a platform error quoting the key does not carry it", async () => {
    const key = "sk-cause-canary-0123456789";
    registerSecret(key);
    const client = new OpenAI({
      env: {},
      logger: {},
      maxRetries: 0,
      providers: { openai: { apiKey: key, baseURL: `${server().url}/openai/v1` } },
      fetch: async (request) => {
        throw new TypeError("fetch failed", { cause: new Error(`socket hang up while sending Authorization: Bearer ${key}`) });
        return new Response(String(request));
      },
    });
    const error = await rejection(client.chat.completions.create({ model: "gpt-4o-mini", messages: hi }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(everything(error)).not.toContain(key);
    // Still the same kind of error, with its message cleaned.
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(inspect((error as Error).cause, { depth: 5 })).toContain("Bearer [REDACTED]");
  });
});

describe("a baseURL with user:password@", () => {
  it("is refused before sending, and the password shows nowhere", async () => {
    const password = "hunter2-basic-password";
    const baseURL = `http://alice:${password}@127.0.0.1:${server().port}/openai/v1`;
    const log = captureLog();
    const client = new OpenAI({ env: {}, logger: log.sink, logLevel: "debug", providers: { openai: { apiKey: KEYS.openai, baseURL } } });
    const error = await rejection(client.chat.completions.create({ model: "gpt-4o-mini", messages: hi }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/carries credentials \(user:password@127\.0\.0\.1:\d+\).*Authorization: "Basic/);
    expect(everything(error, log.lines)).not.toContain(password);
    expect(server().requests()).toHaveLength(0);
  });

  it("from OPENAI_BASE_URL too", async () => {
    const client = new OpenAI({ env: { OPENAI_API_KEY: KEYS.openai, OPENAI_BASE_URL: `http://bob:s3cret-env-password@127.0.0.1:${server().port}/v1` }, logger: {} });
    const error = await rejection(client.chat.completions.create({ model: "gpt-4o-mini", messages: hi }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(everything(error)).not.toContain("s3cret-env-password");
  });
});

describe("a call's own credential headers", () => {
  const perCall = "Bearer per-call-token-for-openai-0001";

  it("reach the primary model's provider only: the fallback keeps its own key", async () => {
    server().enqueue(PATHS.openai, failure(503, "overloaded"));
    server().enqueue(PATHS.groq, ok("groq answered"));
    const client = routerClient(server(), { sleep: recordingSleep().sleep });
    const result = await client.chat.completions.create(
      { model: MODELS.openai, messages: hi, fallback_models: [MODELS.groq], retries: 0 },
      { headers: { Authorization: perCall, "x-trace": "kept-for-all" } },
    );
    expect(result.onellm?.provider).toBe("groq");
    expect(server().requests(PATHS.openai)[0]?.headers["authorization"]).toBe(perCall);
    const groq = server().requests(PATHS.groq)[0]?.headers ?? {};
    // Before: the per-call Authorization replaced Groq's own key.
    expect(groq["authorization"]).toBe(`Bearer ${KEYS.groq}`);
    expect(groq["x-trace"]).toBe("kept-for-all");
  });

  it("a null credential header (removing auth) does not strip another provider's key either", async () => {
    server().enqueue(PATHS.openai, failure(503, "overloaded"));
    server().enqueue(PATHS.groq, ok("groq answered"));
    await routerClient(server(), { sleep: recordingSleep().sleep }).chat.completions.create(
      { model: MODELS.openai, messages: hi, fallback_models: [MODELS.groq], retries: 0 },
      { headers: { Authorization: null } },
    );
    expect(server().requests(PATHS.openai)[0]?.headers["authorization"]).toBeUndefined();
    expect(server().requests(PATHS.groq)[0]?.headers["authorization"]).toBe(`Bearer ${KEYS.groq}`);
  });

  it("are registered as secrets: an echo of the token is redacted", async () => {
    const token = "per-call-token-echoed-0002";
    server().enqueue(PATHS.openai, failure(401, `Incorrect API key provided: ${token}`));
    const log = captureLog();
    const error = await rejection(
      routerClient(server(), { logger: log.sink, logLevel: "debug" }).chat.completions.create({ model: MODELS.openai, messages: hi }, { headers: { "api-key": token } }),
    );
    expect(everything(error, log.lines)).not.toContain(token);
  });
});
