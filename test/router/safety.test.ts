// Safety: redirects are never followed, no key (or provider header) reaches another provider, error
// messages stay short, and a canary key never shows in an error (message, stack, inspection) or in
// the debug log, whatever the failure.
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  AllTargetsFailedError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  MAX_ERROR_BODY_CHARS,
  RateLimitError,
  StreamInterruptedError,
} from "../../src/errors.js";
import { refusedUrl, startFaultServer, type FaultResponse, type FaultServer } from "../helpers/fault-server.js";
import { captureLog, chunkEvent, collect, failure, hi, KEYS, MODELS, ok, PATHS, recordingSleep, rejection, routerClient } from "./harness.js";

let fault: FaultServer;
/** Another origin: where redirects point, and where a fallback provider may live. */
let other: FaultServer;
beforeAll(async () => {
  [fault, other] = await Promise.all([startFaultServer(), startFaultServer()]);
});
afterEach(() => {
  fault.reset();
  other.reset();
});
afterAll(async () => {
  await Promise.all([fault.stop(), other.stop()]);
});

describe("redirects", () => {
  it.each([301, 302, 307, 308])("does not follow a %i to another origin: error, and the other origin gets nothing", async (status) => {
    fault.enqueue(PATHS.openai, { status, headers: { location: `${other.url}${PATHS.openai}` } });
    other.enqueue(PATHS.openai, ok("stolen"));
    const error = await rejection(routerClient(fault, { sleep: recordingSleep().sleep }).chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(status);
    expect((error as Error).message).toContain(`Redirect to ${other.url} was not followed`);
    expect(fault.count(PATHS.openai)).toBe(1);
    expect(other.requests()).toHaveLength(0);
  });

  it("moves to the fallback after a refused redirect; the redirect target still gets nothing", async () => {
    fault.enqueue(PATHS.openai, { status: 302, headers: { location: `${other.url}/steal` } });
    fault.enqueue(PATHS.groq, ok("groq answered"));
    const completion = await routerClient(fault).chat.completions.create({ model: MODELS.openai, messages: hi, fallback_models: [MODELS.groq] });
    expect(completion.onellm?.provider).toBe("groq");
    expect(other.requests()).toHaveLength(0);
    expect(fault.count(PATHS.openai)).toBe(1);
  });
});

describe("keys stay with their provider", () => {
  it("a fallback on another origin gets only its own key and headers", async () => {
    fault.enqueue(PATHS.openai, failure(401, "bad key"));
    other.enqueue(PATHS.groq, ok("groq answered"));
    const client = routerClient(fault, {
      providers: {
        openai: { apiKey: KEYS.openai, baseURL: `${fault.url}/openai/v1`, headers: { "x-openai-only": "openai-private-header" } },
        groq: { apiKey: KEYS.groq, baseURL: `${other.url}/groq` },
      },
      organization: "org-openai-private",
    });
    await client.chat.completions.create({ model: MODELS.openai, messages: hi, fallback_models: [MODELS.groq] });
    const primary = fault.requests(PATHS.openai)[0]?.headers ?? {};
    const fallback = other.requests(PATHS.groq)[0]?.headers ?? {};
    expect(primary["authorization"]).toBe(`Bearer ${KEYS.openai}`);
    expect(primary["x-openai-only"]).toBe("openai-private-header");
    expect(primary["openai-organization"]).toBe("org-openai-private");
    expect(fallback["authorization"]).toBe(`Bearer ${KEYS.groq}`);
    const fallbackText = JSON.stringify(other.requests());
    expect(fallbackText).not.toContain(KEYS.openai);
    expect(fallbackText).not.toContain("openai-private-header");
    expect(fallbackText).not.toContain("org-openai-private");
  });
});

describe("error size", () => {
  it("turns a 20 KB HTML 502 page into a short message and a capped body", async () => {
    fault.enqueue(PATHS.openai, { kind: "html", status: 502 });
    const error = await rejection(routerClient(fault, { sleep: recordingSleep().sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, retries: 1 }));
    expect(error).toBeInstanceOf(InternalServerError);
    const apiError = error as InternalServerError;
    expect(apiError.status).toBe(502);
    // OpenAI-dialect errors read as `openai`'s do ("<status> <message>"); provider and model are fields.
    expect(apiError.message).toBe("502 HTML error page: 502 Bad Gateway (20480 bytes)");
    expect(apiError).toMatchObject({ provider: "openai", model: "gpt-4o-mini" });
    expect(apiError.body!.length).toBeLessThanOrEqual(MAX_ERROR_BODY_CHARS + 40);
    expect(apiError.body).toMatch(/^<!DOCTYPE html>/);
    expect(apiError.body).toMatch(/more chars\]$/);
    expect(fault.count(PATHS.openai)).toBe(2);
  });

  it("caps a huge JSON error message", async () => {
    fault.enqueue(PATHS.openai, failure(400, `bad: ${"very long explanation ".repeat(1000)}`));
    const error = await rejection(routerClient(fault).chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message.length).toBeLessThanOrEqual(600);
    expect((error as BadRequestError).body!.length).toBeLessThanOrEqual(MAX_ERROR_BODY_CHARS + 40);
    expect(inspect(error, { depth: 10 }).length).toBeLessThan(40_000);
  });
});

describe("the canary key never shows", () => {
  const canary = KEYS.openai;
  expect(canary).toMatch(/^sk-canary-/);

  interface Case {
    name: string;
    setup: () => Promise<{ baseURL?: string }> | { baseURL?: string };
    stream?: boolean;
    expected: new (...args: never[]) => Error;
  }

  const echo = { "x-echo-authorization": `Bearer ${canary}` };
  const respond = (...responses: FaultResponse[]) => () => {
    fault.enqueue(PATHS.openai, ...responses);
    return {};
  };
  const cases: Case[] = [
    {
      name: "401 whose body and headers echo the key",
      setup: respond(failure(401, `Incorrect API key provided: ${canary}.`, echo, { param: canary, code: "invalid_api_key" })),
      expected: AuthenticationError,
    },
    { name: "400 echoing the key", setup: respond(failure(400, `Your request carried ${canary}`)), expected: BadRequestError },
    {
      name: "429 with a long Retry-After echoing the key",
      setup: respond(failure(429, `slow down ${canary}`, { "retry-after": "120", ...echo })),
      expected: RateLimitError,
    },
    { name: "500 with an HTML page echoing the key", setup: respond({ status: 500, body: `<html><title>Oops ${canary}</title>${canary}</html>` }), expected: InternalServerError },
    { name: "200 that is not JSON, echoing the key", setup: respond({ status: 200, body: `not json ${canary}` }), expected: APIError },
    {
      name: "302 whose Location carries the key",
      setup: () => respond({ status: 302, headers: { location: `${other.url}/login?key=${canary}&next=${encodeURIComponent(canary)}` } })(),
      expected: APIError,
    },
    { name: "connection refused", setup: async () => ({ baseURL: `${await refusedUrl()}/v1` }), expected: APIConnectionError },
    { name: "headers that never come", setup: respond({ kind: "never-respond" }), expected: APIConnectionTimeoutError },
    { name: "a reset before the headers", setup: respond({ kind: "reset-before-headers" }), expected: APIConnectionError },
    {
      name: "a stream that fails after output with an in-band error echoing the key",
      stream: true,
      setup: respond({
        kind: "sse",
        events: [chunkEvent("Hi"), `data: ${JSON.stringify({ error: { message: `server error for ${canary}`, type: "server_error" } })}\n\n`],
        then: "end",
      }),
      expected: StreamInterruptedError,
    },
    {
      name: "a stream reset after output",
      stream: true,
      setup: respond({ kind: "sse", events: [chunkEvent("Hi")], then: "reset" }),
      expected: StreamInterruptedError,
    },
  ];

  it.each(cases)("$name", async ({ setup, stream, expected }) => {
    const { baseURL } = await setup();
    const log = captureLog();
    const client = routerClient(fault, {
      sleep: recordingSleep().sleep,
      timeout: 150,
      logger: log.sink,
      logLevel: "debug",
      providers: { openai: { apiKey: canary, baseURL: baseURL ?? `${fault.url}/openai/v1` } },
    });
    const body = { model: MODELS.openai, messages: hi, retries: 1 };
    const error = stream
      ? (await collect(await client.chat.completions.create({ ...body, stream: true }))).error
      : await rejection(client.chat.completions.create(body));
    expect(error).toBeInstanceOf(expected);
    const seen = [
      (error as Error).message,
      (error as Error).stack ?? "",
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      String(error),
      ...log.lines,
    ].join("\n");
    expect(seen).not.toContain(canary);
    // The key did travel to the server it belongs to (the canary is a real, registered key).
    if (!baseURL) expect(fault.requests(PATHS.openai)[0]?.headers["authorization"]).toBe(`Bearer ${canary}`);
  });

  it("nor in AllTargetsFailedError across targets", async () => {
    fault.enqueue(PATHS.openai, failure(401, `Incorrect API key provided: ${canary}`, { "x-echo": canary }));
    fault.enqueue(PATHS.groq, failure(403, `forbidden; the openai key ${canary} is not ours; neither is ${KEYS.groq}`));
    const log = captureLog();
    const client = routerClient(fault, { logger: log.sink, logLevel: "debug" });
    const error = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi, fallback_models: [MODELS.groq] }));
    expect(error).toBeInstanceOf(AllTargetsFailedError);
    const seen = [(error as Error).message, (error as Error).stack ?? "", inspect(error, { depth: 10 }), ...log.lines].join("\n");
    expect(seen).not.toContain(canary);
    expect(seen).not.toContain(KEYS.groq);
    expect(seen).toContain("[REDACTED]");
  });
});
