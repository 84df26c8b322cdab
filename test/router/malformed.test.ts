// A 2xx the provider's translator cannot read (JSON without `choices`, an error object in a 200, a
// body that makes a parser throw a TypeError, a stream event that is not a chunk) is the provider's
// fault: a typed APIError, retried and fallen back like a 5xx — never a raw TypeError to the caller.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { InternalServerError } from "../../src/errors.js";
import { MalformedResponseError } from "../../src/errors-response.js";
import { createOpenAIDialectProvider } from "../../src/providers/openai-compatible/index.js";
import { OPENAI_DIALECT } from "../../src/providers/openai-compatible/openai-compatible-dialects.js";
import { SPEC_SURFACES, TRANSPORTS } from "../../src/providers/openai-compatible/openai-compatible-family.js";
import { registerProvider } from "../../src/providers/registry.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { chunkEvent, collect, DONE, hi, MODELS, ok, PATHS, recordingSleep, rejection, routerClient, sseOk } from "./harness.js";

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterEach(() => fault.reset());
afterAll(async () => {
  await fault.stop();
});

// A provider whose response parser trips over a body it does not expect, as a translator may.
const brittle = createOpenAIDialectProvider({
  definition: { ...OPENAI_DIALECT, name: "brittle", label: "Brittle", envPrefixes: ["BRITTLE"], defaultBaseURL: "http://127.0.0.1:9/v1" },
  surface: SPEC_SURFACES.openai,
  reference: SPEC_SURFACES.openai,
  transport: TRANSPORTS.openai,
  passthrough: true,
});
registerProvider({
  ...brittle,
  parseResponse: (body, call) => {
    const candidates = (body as { candidates?: { text: string }[] }).candidates;
    if (candidates !== undefined && candidates[0] === undefined) throw new TypeError("empty");
    return brittle.parseResponse(body, call);
  },
  parseError: (status, body) => {
    if (body.startsWith("<")) throw new TypeError("not JSON");
    return brittle.parseError(status, body, new Headers(), "m1");
  },
});

describe("malformed 2xx responses", () => {
  it("JSON without `choices` is a retryable APIError: retried, then served", async () => {
    fault.enqueue(PATHS.openai, { status: 200, body: { object: "chat.completion" } }, ok("second time"));
    const clock = recordingSleep();
    const completion = await routerClient(fault, { sleep: clock.sleep }).chat.completions.create({ model: MODELS.openai, messages: hi });
    expect(completion.choices[0]?.message.content).toBe("second time");
    expect(fault.count(PATHS.openai)).toBe(2);
    expect(completion.onellm?.attempts.map((attempt) => attempt.error ?? attempt.status)).toEqual(["APIError", 200]);
  });

  it("an error object in a 200 becomes the error it describes, and falls back", async () => {
    fault.enqueue(PATHS.openai, { status: 200, body: { error: { message: "Upstream provider failed", code: 502 } } });
    fault.enqueue(PATHS.groq, ok("from groq"));
    const client = routerClient(fault, { sleep: recordingSleep().sleep });
    const completion = await client.chat.completions.create({ model: MODELS.openai, messages: hi, fallback_models: [MODELS.groq], retries: 1 });
    expect(completion.onellm?.provider).toBe("groq");
    expect(fault.count(PATHS.openai)).toBe(2);
    fault.reset();
    fault.enqueue(PATHS.openai, { status: 200, body: { error: { message: "Upstream provider failed", code: 502 } } });
    const error = await rejection(client.chat.completions.create({ model: MODELS.openai, messages: hi, retries: 0 }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).message).toBe("502 Upstream provider failed (error in a 2xx response)");
  });

  it("a parser that throws a TypeError gives a typed, retryable APIError that falls back", async () => {
    fault.enqueue("/brittle/v1/chat/completions", { status: 200, body: { candidates: [] } });
    fault.enqueue(PATHS.groq, ok("from groq"));
    const client = routerClient(fault, {
      sleep: recordingSleep().sleep,
      providers: { brittle: { apiKey: "brittle-key-000001", baseURL: `${fault.url}/brittle/v1` } },
    });
    const completion = await client.chat.completions.create({ model: "brittle/m1", messages: hi, fallback_models: [MODELS.groq], retries: 1 });
    expect(completion.onellm?.provider).toBe("groq");
    expect(fault.count("/brittle/v1/chat/completions")).toBe(2);
    const failed = completion.onellm?.attempts.filter((attempt) => attempt.provider === "brittle");
    expect(failed?.map((attempt) => [attempt.status, attempt.error])).toEqual([
      [200, "MalformedResponseError"],
      [200, "MalformedResponseError"],
    ]);
    fault.reset();
    fault.enqueue("/brittle/v1/chat/completions", { status: 200, body: { candidates: [] } });
    const error = await rejection(client.chat.completions.create({ model: "brittle/m1", messages: hi, retries: 0 }));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error).toMatchObject({ status: 200, provider: "brittle", isRetryable: true });
    expect((error as Error).message).toContain("TypeError: empty");
  });

  it("a first stream event that is not a chunk is retried invisibly", async () => {
    fault.enqueue(PATHS.openai, { kind: "sse", events: ['data: {"object":"chat.completion.chunk"}\n\n', chunkEvent("never"), DONE], then: "end" }, sseOk("hello"));
    const stream = await routerClient(fault, { sleep: recordingSleep().sleep }).chat.completions.create({ model: MODELS.openai, messages: hi, stream: true });
    const { text, error } = await collect(stream);
    expect(error).toBeUndefined();
    expect(text).toBe("hello");
    expect(fault.count(PATHS.openai)).toBe(2);
  });

  it("an error body the provider's parser trips over still gets its status class (and its retry rules)", async () => {
    fault.enqueue("/brittle/v1/chat/completions", { kind: "html", status: 503, bytes: 300 }, ok("recovered"));
    const client = routerClient(fault, {
      sleep: recordingSleep().sleep,
      providers: { brittle: { apiKey: "brittle-key-000002", baseURL: `${fault.url}/brittle/v1` } },
    });
    const completion = await client.chat.completions.create({ model: "brittle/m1", messages: hi });
    expect(completion.choices[0]?.message.content).toBe("recovered");
    expect(completion.onellm?.attempts.map((attempt) => [attempt.status, attempt.error])).toEqual([
      [503, "InternalServerError"],
      [200, undefined],
    ]);
  });
});
