// The `openai` package itself (a devDependency) is the reference: both clients get the same HTTP
// response through an injected fetch, and what a caller can observe must match field for field.
import { readFileSync } from "node:fs";
import OpenAIPackage from "openai";
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  BadRequestError,
  InvalidRequestError,
  OpenAIError,
  RateLimitError,
  UnsupportedParameterError,
} from "../../src/errors.js";

const fixture = (name: string) => readFileSync(`test/fixtures/openai/${name}`, "utf8");
const hi = [{ role: "user" as const, content: "hi" }];
const KEY = "sk-parity-000000000001";

type Reply = { status: number; body: string; headers?: Record<string, string> };

function fetchReplying(reply: Reply) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = async (url: unknown, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    return new Response(reply.body === "" ? null : reply.body, { status: reply.status, headers: reply.headers ?? {} });
  };
  return { fetchImpl, calls };
}

function ours(reply: Reply) {
  const { fetchImpl, calls } = fetchReplying(reply);
  const client = new OpenAI({ apiKey: KEY, env: {}, maxRetries: 0, fetch: fetchImpl as never });
  return { client, calls };
}

function theirs(reply: Reply) {
  const { fetchImpl, calls } = fetchReplying(reply);
  const client = new OpenAIPackage({ apiKey: KEY, baseURL: "https://api.openai.com/v1", maxRetries: 0, fetch: fetchImpl as never });
  return { client, calls };
}

async function failureOf(promise: PromiseLike<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error("expected a failure");
}

/** What code written for `openai` reads off an API error. */
function observable(error: Record<string, unknown>) {
  const headers = error["headers"] as Headers | undefined;
  return {
    status: error["status"],
    message: error["message"],
    error: error["error"],
    code: error["code"],
    param: error["param"],
    type: error["type"],
    requestID: error["requestID"],
    requestHeader: headers?.get("x-request-id"),
  };
}

const JSON_HEADERS = { "content-type": "application/json", "x-request-id": "req_parity_1" };

const RECORDINGS: [string, Reply, string][] = [
  ["a 400 with OpenAI's error body", { status: 400, body: fixture("error-invalid.json"), headers: JSON_HEADERS }, "BadRequestError"],
  ["a 429 rate limit", { status: 429, body: fixture("error-rate-limit.json"), headers: JSON_HEADERS }, "RateLimitError"],
  [
    "a 401 with code and type",
    {
      status: 401,
      body: JSON.stringify({ error: { message: "Incorrect API key provided: sk-wrong.", type: "invalid_request_error", param: null, code: "invalid_api_key" } }),
      headers: JSON_HEADERS,
    },
    "AuthenticationError",
  ],
  ["a 404 whose error has no message", { status: 404, body: JSON.stringify({ error: { code: "model_not_found" } }), headers: JSON_HEADERS }, "NotFoundError"],
  ["a 500 with no body", { status: 500, body: "", headers: { "x-request-id": "req_parity_2" } }, "InternalServerError"],
  ["a 503 with a short text body and no request id", { status: 503, body: "upstream connect error", headers: {} }, "InternalServerError"],
];

describe("API errors read as the openai package's", () => {
  it.each(RECORDINGS)("%s", async (_name, reply, className) => {
    const mine = await failureOf(ours(reply).client.chat.completions.create({ model: "gpt-4o-mini", messages: hi }));
    const reference = await failureOf(theirs(reply).client.chat.completions.create({ model: "gpt-4o-mini", messages: hi }));
    expect(reference.constructor.name).toBe(className);
    expect(mine.constructor.name).toBe(className);
    expect(mine).toBeInstanceOf(APIError);
    expect(mine).toBeInstanceOf(OpenAIError);
    expect(observable(mine)).toEqual(observable(reference));
  });
});

describe("the client class", () => {
  it("has openai's static members (error classes, DEFAULT_TIMEOUT) with the same names", () => {
    const theirs = Object.getOwnPropertyNames(OpenAIPackage).filter(
      (name) => /Error$/.test(name) && name !== "InvalidWebhookSignatureError",
    );
    expect(theirs.length).toBeGreaterThan(10);
    for (const name of theirs) expect(OpenAI, name).toHaveProperty(name);
    expect(OpenAI.DEFAULT_TIMEOUT).toBe(OpenAIPackage.DEFAULT_TIMEOUT);
    expect(new OpenAI({ env: {} }).timeout).toBe(new OpenAIPackage({ apiKey: KEY }).timeout);
    expect(new OpenAI({ env: {} }).maxRetries).toBe(new OpenAIPackage({ apiKey: KEY }).maxRetries);
  });
});

describe("the promise create() returns", () => {
  const reply: Reply = { status: 200, body: fixture("text.json"), headers: JSON_HEADERS };

  it("is a Promise, as openai's APIPromise is", () => {
    const promise = ours(reply).client.chat.completions.create({ model: "gpt-4o-mini", messages: hi });
    expect(promise).toBeInstanceOf(Promise);
    expect(theirs(reply).client.chat.completions.create({ model: "gpt-4o-mini", messages: hi })).toBeInstanceOf(Promise);
  });

  it("withResponse() gives { data, response, request_id } and the data carries a hidden _request_id", async () => {
    const { client, calls } = ours(reply);
    const promise = client.chat.completions.create({ model: "gpt-4o-mini", messages: hi });
    const mine = await promise.withResponse();
    const reference = await theirs(reply).client.chat.completions.create({ model: "gpt-4o-mini", messages: hi }).withResponse();
    expect(Object.keys(mine).sort()).toEqual(Object.keys(reference).sort());
    expect(mine.request_id).toBe(reference.request_id);
    expect(mine.request_id).toBe("req_parity_1");
    // openai types withResponse().data without `_request_id`, though the value carries it.
    expect(mine.data._request_id).toBe((reference.data as { _request_id?: string | null })._request_id);
    expect((await promise)._request_id).toBe("req_parity_1");
    // Hidden as in openai: it neither enumerates nor serializes.
    expect(Object.keys(mine.data)).not.toContain("_request_id");
    expect(JSON.stringify(mine.data)).not.toContain("_request_id");
    expect(calls).toHaveLength(1);
  });
});

describe("streams", () => {
  const SSE = { "content-type": "text/event-stream", "x-request-id": "req_stream" };

  it.each(["text-usage.sse", "tool-calls.sse"])("%s: the same chunks as openai's, plus onellm metadata", async (name) => {
    const reply: Reply = { status: 200, body: fixture(name), headers: SSE };
    const stream = await ours(reply).client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, stream: true });
    const reference = await theirs(reply).client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, stream: true });
    const mine: unknown[] = [];
    for await (const chunk of stream) {
      const { onellm: _metadata, ...rest } = chunk;
      mine.push(rest);
    }
    const expected: unknown[] = [];
    for await (const chunk of reference) expected.push(chunk);
    expect(mine).toEqual(expected);
  });

  it("reads `\"error\": null` on a chunk as no error, and nothing after [DONE], as openai does", async () => {
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", error: null, choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    const body = `${chunk("a")}${chunk("b")}data: [DONE]\n\n${chunk("after")}`;
    const reply: Reply = { status: 200, body, headers: SSE };
    const texts = async (stream: AsyncIterable<{ choices: { delta: { content?: string | null } }[] }>) => {
      const seen: string[] = [];
      for await (const item of stream) seen.push(item.choices[0]?.delta.content ?? "");
      return seen;
    };
    const mine = await texts(await ours(reply).client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, stream: true }));
    const reference = await texts(await theirs(reply).client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, stream: true }));
    expect(mine).toEqual(reference);
    expect(mine).toEqual(["a", "b"]);
  });

  it("an error event mid-stream fails the iteration, as in openai", async () => {
    const reply: Reply = { status: 200, body: fixture("error-mid-stream.sse"), headers: SSE };
    const read = async (stream: AsyncIterable<unknown>) => {
      let count = 0;
      try {
        for await (const _chunk of stream) count++;
      } catch (error) {
        return { count, error };
      }
      return { count, error: undefined };
    };
    const mine = await read(await ours(reply).client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, stream: true }));
    const reference = await read(await theirs(reply).client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, stream: true }));
    expect(mine.count).toBe(reference.count);
    expect(reference.error).toBeInstanceOf(OpenAIPackage.APIError);
    expect(mine.error).toBeInstanceOf(OpenAIError);
  });
});

describe("a custom fetch", () => {
  it("is called as openai calls it: fetch(url, init) with the whole request in init", async () => {
    const reply: Reply = { status: 200, body: fixture("text.json"), headers: JSON_HEADERS };
    const mine = ours(reply);
    const reference = theirs(reply);
    await mine.client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, temperature: 0.5 });
    await reference.client.chat.completions.create({ model: "gpt-4o-mini", messages: hi, temperature: 0.5 });
    const [sent, expected] = [mine.calls[0]!, reference.calls[0]!];
    expect(sent.url).toBe(expected.url);
    expect(sent.init?.method).toBe(expected.init?.method);
    expect(JSON.parse(String(sent.init?.body))).toEqual(JSON.parse(String(expected.init?.body)));
    const headers = new Headers(sent.init?.headers);
    expect(headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(headers.get("content-type")).toBe("application/json");
    expect(sent.init?.signal).toBeInstanceOf(AbortSignal);
  });
});

describe("error classes built with openai's constructor arguments", () => {
  it("new APIError(status, error, message, headers) fills the same fields as openai's", () => {
    const body = { message: "Rate limited", type: "requests", param: null, code: "rate_limit_exceeded" };
    const headers = new Headers({ "x-request-id": "req_built" });
    const mine = new RateLimitError(429, body, undefined, headers);
    const reference = new OpenAIPackage.RateLimitError(429, body, undefined, headers);
    expect(observable(mine as never)).toEqual(observable(reference as never));
    expect(mine.isRetryable).toBe(true);
  });

  it("APIError.generate picks the subclass from the status and the body's `error`", () => {
    const headers = new Headers();
    const mine = APIError.generate(400, { error: { message: "bad", code: null } }, undefined, headers);
    const reference = OpenAIPackage.APIError.generate(400, { error: { message: "bad", code: null } }, undefined, headers);
    expect(mine).toBeInstanceOf(BadRequestError);
    expect(observable(mine as never)).toEqual(observable(reference as never));
    expect(APIError.generate(undefined, undefined, "socket hang up", undefined)).toBeInstanceOf(APIConnectionError);
  });

  it("status-less errors take { message, cause } and default their messages as openai does", () => {
    const cause = new Error("ECONNRESET");
    const connection = new APIConnectionError({ message: "Connection error.", cause });
    expect(connection.message).toBe(new OpenAIPackage.APIConnectionError({ message: "Connection error.", cause }).message);
    expect(connection.cause).toBe(cause);
    expect(new APIConnectionError({}).message).toBe(new OpenAIPackage.APIConnectionError({}).message);
    expect(new APIConnectionTimeoutError().message).toBe(new OpenAIPackage.APIConnectionTimeoutError().message);
    expect(new APIUserAbortError().message).toBe(new OpenAIPackage.APIUserAbortError().message);
    expect(new APIUserAbortError({ message: "stop" }).message).toBe("stop");
  });
});

describe("onellm's own validation errors", () => {
  it("are BadRequestErrors (status 400, invalid_request_error), as the API's answer would be", async () => {
    const { client, calls } = ours({ status: 200, body: fixture("text.json") });
    // @ts-expect-error deliberately wrong role
    const error = await failureOf(client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "robot", content: "x" }] }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, type: "invalid_request_error", param: "messages[0].role" });
    expect(String(error["message"])).toMatch(/^Invalid `messages\[0\]\.role`/);
    expect(calls).toHaveLength(0);
  });

  it("an unsupported parameter says so in `code`, as OpenAI does", () => {
    const error = new UnsupportedParameterError("logit_bias", "anthropic");
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: "unsupported_parameter", param: "logit_bias", provider: "anthropic" });
    expect(error.message).toMatch(/^anthropic does not support `logit_bias`/);
  });
});
