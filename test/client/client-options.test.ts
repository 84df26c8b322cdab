// The options `openai`'s constructor and request options take, with `openai`'s conventions: headers in
// any HeadersLike form with null removing one, explicit null/empty values, a key function, the
// OPENAI_LOG level, defaultQuery and fetchOptions — plus the User-Agent onellm identifies itself with.
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import { AuthenticationError, InvalidRequestError, OpenAIError } from "../../src/errors.js";
import { USER_AGENT, VERSION } from "../../src/settings.js";
import { captureFetch, json } from "../helpers/capture-fetch.js";

const text = JSON.parse(readFileSync("test/fixtures/openai/text.json", "utf8")) as unknown;
const hi = [{ role: "user" as const, content: "hi" }];
const call = { model: "gpt-4o-mini", messages: hi };

describe("headers", () => {
  it("takes defaultHeaders as a Headers object or as [name, value] pairs", async () => {
    for (const defaultHeaders of [new Headers({ "x-team": "core" }), [["x-team", "core"]] as [string, string][]]) {
      const capture = captureFetch(json(text));
      await new OpenAI({ apiKey: "sk-opt-000001", env: {}, fetch: capture.fetch, defaultHeaders }).chat.completions.create(call);
      expect(capture.requests[0]!.headers["x-team"]).toBe("core");
    }
  });

  it("a null default header removes it (here the organization read from the environment)", async () => {
    const capture = captureFetch(json(text));
    const client = new OpenAI({
      apiKey: "sk-opt-000002",
      env: { OPENAI_ORG_ID: "org-env", OPENAI_PROJECT_ID: "proj-env" },
      fetch: capture.fetch,
      defaultHeaders: { "openai-organization": null },
    });
    await client.chat.completions.create(call);
    expect(capture.requests[0]!.headers).not.toHaveProperty("openai-organization");
    expect(capture.requests[0]!.headers["openai-project"]).toBe("proj-env");
  });

  it("organization: null and project: null mean none, without reading the environment (as in openai)", async () => {
    const capture = captureFetch(json(text));
    const env = { OPENAI_ORG_ID: "org-env", OPENAI_PROJECT_ID: "proj-env" };
    await new OpenAI({ apiKey: "sk-opt-000003", env, fetch: capture.fetch, organization: null, project: null }).chat.completions.create(call);
    expect(capture.requests[0]!.headers).not.toHaveProperty("openai-organization");
    expect(capture.requests[0]!.headers).not.toHaveProperty("openai-project");
  });

  it("request headers: a Headers object adds, a null removes a default header, names compare case-insensitively", async () => {
    const capture = captureFetch(json(text));
    const client = new OpenAI({ apiKey: "sk-opt-000004", env: {}, fetch: capture.fetch, defaultHeaders: { "X-Team": "core", "X-Drop": "me" } });
    await client.chat.completions.create(call, { headers: new Headers({ "x-team": "edge" }) });
    await client.chat.completions.create(call, { headers: { "x-drop": null } });
    expect(capture.requests[0]!.headers["x-team"]).toBe("edge");
    expect(capture.requests[1]!.headers["x-team"]).toBe("core");
    expect(capture.requests[1]!.headers).not.toHaveProperty("x-drop");
  });

  it("identifies as onellm/<version> in User-Agent, unless the caller sets one", async () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
    const capture = captureFetch(json(text));
    await new OpenAI({ apiKey: "sk-opt-000005", env: {}, fetch: capture.fetch }).chat.completions.create(call);
    await new OpenAI({ apiKey: "sk-opt-000005", env: {}, fetch: capture.fetch, defaultHeaders: { "user-agent": "my-app/2" } }).chat.completions.create(call);
    expect(capture.requests[0]!.headers["user-agent"]).toBe(USER_AGENT);
    expect(capture.requests[1]!.headers["user-agent"]).toBe("my-app/2");
  });
});

describe("base URL and key", () => {
  it("an empty or null baseURL means the default, as in openai", async () => {
    const capture = captureFetch(json(text));
    await new OpenAI({ apiKey: "sk-opt-000006", env: {}, fetch: capture.fetch, baseURL: "" }).chat.completions.create(call);
    await new OpenAI({ apiKey: "sk-opt-000006", env: { OPENAI_BASE_URL: "http://127.0.0.1:9/v1" }, fetch: capture.fetch, baseURL: null }).chat.completions.create(call);
    expect(capture.requests.map((request) => request.url)).toEqual([
      "https://api.openai.com/v1/chat/completions",
      "https://api.openai.com/v1/chat/completions",
    ]);
  });

  it("a baseURL that is not an absolute URL is a clear error before sending, not a retried connection error", async () => {
    const capture = captureFetch(json(text));
    const client = new OpenAI({ apiKey: "sk-opt-000013", env: {}, fetch: capture.fetch, baseURL: "localhost:8080/v1" });
    const error = await client.chat.completions.create(call).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).param).toBe("providers.openai.baseURL");
    expect((error as Error).message).toContain('"localhost:8080/v1" is not an absolute http(s) URL');
    expect(capture.requests).toHaveLength(0);
  });

  it("a key function is called for every call, and what it returns is redacted like any key", async () => {
    let calls = 0;
    const apiKey = async () => `sk-rotated-${String(++calls).padStart(6, "0")}`;
    const capture = captureFetch(json(text), json({ error: { message: "bad key sk-rotated-000002" } }, 401));
    const client = new OpenAI({ apiKey, env: {}, fetch: capture.fetch, maxRetries: 0 });
    await client.chat.completions.create(call);
    const error = await client.chat.completions.create(call).catch((caught: unknown) => caught);
    expect(capture.requests.map((request) => request.headers["authorization"])).toEqual(["Bearer sk-rotated-000001", "Bearer sk-rotated-000002"]);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(inspect(error, { depth: 5 })).not.toContain("sk-rotated-000002");
  });

  it("a key function that fails or returns nothing is an OpenAIError with openai's wording", async () => {
    const capture = captureFetch(json(text));
    const failing = new OpenAI({ apiKey: () => Promise.reject(new Error("vault down")), env: {}, fetch: capture.fetch });
    await expect(failing.chat.completions.create(call)).rejects.toThrow("Failed to get token from 'apiKey' function: vault down");
    const empty = new OpenAI({ apiKey: async () => "", env: {}, fetch: capture.fetch });
    const error = await empty.chat.completions.create(call).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAIError);
    expect((error as Error).message).toBe("Expected 'apiKey' function argument to return a string but it returned ");
    expect(capture.requests).toHaveLength(0);
  });

  it("exposes baseURL, maxRetries, timeout and apiKey as openai's client does, without showing the key in inspect", () => {
    const client = new OpenAI({ apiKey: "sk-visible-000007", env: {}, baseURL: "https://proxy.example.com/v1/", maxRetries: 4, timeout: 9_000 });
    expect(client).toMatchObject({ baseURL: "https://proxy.example.com/v1", maxRetries: 4, timeout: 9_000, apiKey: "sk-visible-000007" });
    expect(inspect(client, { depth: 6 })).not.toContain("sk-visible-000007");
    expect(new OpenAI({ env: { OPENAI_ORG_ID: "org-1" }, defaultHeaders: { "openai-project": "proj-1" } })).toMatchObject({ organization: "org-1", project: "proj-1" });
    const copy = client.withOptions({ maxRetries: 1 });
    expect(copy).toMatchObject({ baseURL: "https://proxy.example.com/v1", maxRetries: 1, timeout: 9_000 });
  });
});

describe("other openai options", () => {
  it("defaultQuery is added to the request URL", async () => {
    const capture = captureFetch(json(text));
    const client = new OpenAI({ apiKey: "sk-opt-000008", env: {}, fetch: capture.fetch, defaultQuery: { "api-version": "2024-10-21", skip: undefined } });
    await client.chat.completions.create(call);
    expect(capture.requests[0]!.url).toBe("https://api.openai.com/v1/chat/completions?api-version=2024-10-21");
  });

  it("fetchOptions (client, then per call) reach fetch's init, but never replace redirect, signal or body", async () => {
    const inits: RequestInit[] = [];
    const fetchImpl = async (_url: Request, init?: RequestInit) => {
      inits.push(init!);
      return json(text)();
    };
    const client = new OpenAI({ apiKey: "sk-opt-000009", env: {}, fetch: fetchImpl, fetchOptions: { keepalive: true, cache: "no-store", redirect: "follow" } });
    await client.chat.completions.create(call, { fetchOptions: { cache: "reload", body: "nope" } });
    expect(inits[0]).toMatchObject({ keepalive: true, cache: "reload", redirect: "manual" });
    expect(JSON.parse(String(inits[0]!.body))).toMatchObject({ model: "gpt-4o-mini" });
  });

  it("accepts openai's other options without effect (dangerouslyAllowBrowser, webhookSecret, idempotencyKey)", async () => {
    const capture = captureFetch(json(text));
    const client = new OpenAI({ apiKey: "sk-opt-000010", env: {}, fetch: capture.fetch, dangerouslyAllowBrowser: true, webhookSecret: null });
    await client.chat.completions.create(call, { idempotencyKey: "idem-1", signal: null });
    expect(capture.requests).toHaveLength(1);
  });

  it("reads the log level from OPENAI_LOG, and warns about a level it does not know", async () => {
    const lines: string[] = [];
    const logger = { debug: (message: string) => lines.push(`debug ${message}`), warn: (message: string) => lines.push(`warn ${message}`) };
    const capture = captureFetch(json(text));
    await new OpenAI({ apiKey: "sk-opt-000011", env: { OPENAI_LOG: "debug" }, fetch: capture.fetch, logger }).chat.completions.create(call);
    expect(lines.some((line) => line.startsWith("debug onellm: attempt openai/gpt-4o-mini"))).toBe(true);
    lines.length = 0;
    new OpenAI({ apiKey: "sk-opt-000011", env: { OPENAI_LOG: "loud" }, logger });
    expect(lines).toEqual([`warn process.env['OPENAI_LOG'] was set to "loud", expected one of ["debug","info","warn","error","off"]`]);
  });

  it("rejects a request timeout or maxRetries that is not a positive number, before sending", async () => {
    const capture = captureFetch(json(text));
    const client = new OpenAI({ apiKey: "sk-opt-000012", env: {}, fetch: capture.fetch });
    await expect(client.chat.completions.create(call, { timeout: -1 })).rejects.toThrow(InvalidRequestError);
    await expect(client.chat.completions.create(call, { maxRetries: 1.5 })).rejects.toThrow(/maxRetries/);
    expect(capture.requests).toHaveLength(0);
  });
});
