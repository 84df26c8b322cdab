// The SDK against Prism started on spec/providers/openai.yaml: a request using every field must
// validate (200), and a body corrupted on its way out must be refused (422) — proof this test can fail.
import { describe, expect, it } from "vitest";
import { OpenAI, type Fetch } from "../../src/client.js";
import { UnprocessableEntityError } from "../../src/errors.js";
import { everyField } from "../fixtures/openai/every-field-request.js";
import { prismUrl } from "../helpers/prism-urls.js";


function client(fetchImpl?: Fetch) {
  return new OpenAI({ apiKey: "sk-contract-test", baseURL: prismUrl("openai"), env: {}, maxRetries: 0, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

describe("openai contract (Prism on spec/providers/openai.yaml)", () => {
  it("gets 200 for a request using every chat-completions field", async () => {
    const { data, response } = await client().chat.completions.create(everyField).withResponse();
    expect(response.status).toBe(200);
    expect(data.object).toBe("chat.completion");
    expect(Array.isArray(data.choices)).toBe(true);
    expect(data.onellm?.provider).toBe("openai");
  });

  it("gets 200 for a streamed request with stream_options", async () => {
    const stream = await client().chat.completions.create({ ...everyField, n: 1, stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
  });

  it("gets Prism's 422 when the outgoing body is corrupted (the contract test can fail)", async () => {
    const corrupt: Fetch = async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      body["temperature"] = "hot";
      return fetch(new Request(request.url, { method: request.method, headers: request.headers, body: JSON.stringify(body) }));
    };
    const error = await client(corrupt).chat.completions.create(everyField).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({ status: 422, provider: "openai" });
  });
});
