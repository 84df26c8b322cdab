// The same faults over both transports: onellm's own node:http transport (the default on Node, no
// fetch given) and the platform's fetch (given as `fetch`, as a caller injecting one does). Every
// guarantee the router and the hostile suites prove must hold whichever one sends.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ClientOptions } from "../../src/client.js";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  IncompleteStreamError,
  InternalServerError,
  StreamInterruptedError,
} from "../../src/errors.js";
import { ResponseTooLargeError } from "../../src/errors-response.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { chunkEvent, collect, failure, hi, KEYS, MODELS, ok, PATHS, recordingSleep, rejection, routerClient, sseOk } from "./harness.js";

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterEach(() => fault.reset());
afterAll(async () => {
  await fault.stop();
});

const TRANSPORTS: [string, ClientOptions][] = [
  ["node:http (the default)", {}],
  ["fetch (given)", { fetch: (input, init) => fetch(input, init) }],
];

describe.each(TRANSPORTS)("over %s", (_name, transport) => {
  const client = (options: ClientOptions = {}) => routerClient(fault, { sleep: recordingSleep().sleep, ...transport, ...options });

  it("sends the request as fetch would (method, path, key, JSON body) and reads the answer", async () => {
    fault.enqueue(PATHS.openai, ok("hello there"));
    const completion = await client().chat.completions.create({ model: MODELS.openai, messages: hi, temperature: 0.5 });
    expect(completion.choices[0]?.message.content).toBe("hello there");
    const [sent] = fault.requests(PATHS.openai);
    expect(sent?.method).toBe("POST");
    expect(sent?.headers["authorization"]).toBe(`Bearer ${KEYS.openai}`);
    expect(sent?.headers["content-type"]).toBe("application/json");
    expect(sent?.body).toMatchObject({ model: "gpt-4o-mini", temperature: 0.5 });
    expect(Number(sent?.headers["content-length"])).toBe(Buffer.byteLength(sent?.rawBody ?? ""));
  });

  it("gives an error status its class, with the provider's message and the response headers", async () => {
    fault.enqueue(PATHS.openai, failure(500, "overloaded upstream", { "x-request-id": "req_transport_500" }));
    const error = await rejection(client().chat.completions.create({ model: MODELS.openai, messages: hi, retries: 0 }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).message).toContain("overloaded upstream");
    expect((error as APIError).requestId).toBe("req_transport_500");
    expect((error as APIError).headers?.get("x-request-id")).toBe("req_transport_500");
  });

  it("refuses a redirect without following it (the key never reaches another origin)", async () => {
    fault.enqueue(PATHS.openai, { status: 307, headers: { location: "http://127.0.0.1:9/elsewhere" } });
    const error = await rejection(client().chat.completions.create({ model: MODELS.openai, messages: hi, retries: 0 }));
    expect(error).toBeInstanceOf(APIError);
    expect((error as Error).message).toMatch(/was not followed/);
    expect(fault.count(PATHS.openai)).toBe(1);
  });

  it("maps a connection reset before the headers to APIConnectionError, retried", async () => {
    fault.enqueue(PATHS.openai, { kind: "reset-before-headers" }, ok("after the reset"));
    const completion = await client().chat.completions.create({ model: MODELS.openai, messages: hi });
    expect(completion.choices[0]?.message.content).toBe("after the reset");
    expect(completion.onellm?.attempts).toMatchObject([{ error: "APIConnectionError" }, { status: 200 }]);
    fault.enqueue(PATHS.openai, { kind: "reset-before-headers" });
    expect(await rejection(client().chat.completions.create({ model: MODELS.openai, messages: hi, retries: 0 }))).toBeInstanceOf(APIConnectionError);
  });

  it("times out a body that stalls after the headers", async () => {
    fault.enqueue(PATHS.openai, { kind: "stall-after-headers", status: 200, bodyPrefix: '{"id":"chatcmpl-stall","choices":[' });
    const error = await rejection(client({ timeout: 150 }).chat.completions.create({ model: MODELS.openai, messages: hi, retries: 0 }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/reading the body/);
  });

  it("refuses a body past maxResponseBytes while it arrives", async () => {
    fault.enqueue(PATHS.openai, ok("x".repeat(50_000)));
    const error = await rejection(client({ maxResponseBytes: 10_000 }).chat.completions.create({ model: MODELS.openai, messages: hi }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(fault.count(PATHS.openai)).toBe(1);
  });

  it("streams every chunk in order and ends at [DONE]", async () => {
    fault.enqueue(PATHS.openai, sseOk("one", " two", " three"));
    const stream = await client().chat.completions.create({ model: MODELS.openai, messages: hi, stream: true });
    expect(await collect(stream)).toMatchObject({ text: "one two three", error: undefined });
  });

  it("raises StreamInterruptedError (with the text so far) when the connection drops mid-stream", async () => {
    fault.enqueue(PATHS.openai, { kind: "sse", events: [chunkEvent("partial"), chunkEvent(" answer")], then: "reset" });
    const stream = await client().chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, retries: 0 });
    const { text, error } = await collect(stream);
    expect(text).toBe("partial answer");
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe("partial answer");
  });

  it("raises IncompleteStreamError when the stream ends cleanly without its end marker", async () => {
    fault.enqueue(PATHS.openai, { kind: "sse", events: [chunkEvent("cut")], then: "end" });
    const stream = await client().chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, retries: 0 });
    expect((await collect(stream)).error).toBeInstanceOf(IncompleteStreamError);
  });

  it("ends a stream with APIUserAbortError when the caller aborts, and the idle timeout ends a stalled one", async () => {
    fault.enqueue(PATHS.openai, { kind: "sse", events: [chunkEvent("first")], then: "hang" });
    const controller = new AbortController();
    const stream = await client().chat.completions.create({ model: MODELS.openai, messages: hi, stream: true }, { signal: controller.signal });
    const seen: string[] = [];
    const aborted = await (async () => {
      for await (const chunk of stream) {
        seen.push(chunk.choices[0]?.delta.content ?? "");
        controller.abort();
      }
    })().then(() => undefined, (caught: unknown) => caught);
    expect(seen).toEqual(["first"]);
    expect(aborted).toBeInstanceOf(APIUserAbortError);

    fault.enqueue(PATHS.openai, { kind: "sse", events: [chunkEvent("then silence")], then: "hang" });
    const stalled = await client({ streamIdleTimeout: 150 }).chat.completions.create({ model: MODELS.openai, messages: hi, stream: true, retries: 0 });
    const { error } = await collect(stalled);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(APIConnectionTimeoutError);
  });
});

describe("which transport sends", () => {
  // fetch marks every request it sends with `sec-fetch-mode`; node:http sends only what it is given.
  const sentBy = async (options: ClientOptions): Promise<string> => {
    fault.enqueue(PATHS.openai, ok("which"));
    await routerClient(fault, options).chat.completions.create({ model: MODELS.openai, messages: hi });
    return fault.requests(PATHS.openai).at(-1)?.headers["sec-fetch-mode"] === undefined ? "node:http" : "fetch";
  };

  it("on Node, node:http when the client is given neither a fetch nor fetch options", async () => {
    expect(await sentBy({})).toBe("node:http");
    expect(await sentBy({ fetchOptions: {} })).toBe("node:http");
  });

  it("fetch when the caller gives a fetch, or fetch options (a dispatcher, a cache mode) only fetch understands", async () => {
    expect(await sentBy({ fetch: (input, init) => fetch(input, init) })).toBe("fetch");
    expect(await sentBy({ fetchOptions: { cache: "no-store" } })).toBe("fetch");
  });
});
