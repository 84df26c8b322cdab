// Contract: what the Cohere translator sends must satisfy spec/providers/cohere.yaml (sliced from
// Cohere's official OpenAPI file). Prism validates every request and answers 422 to one that breaks it.
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import { AuthenticationError, UnprocessableEntityError } from "../../src/errors.js";
import type { ChatCompletionCreateParamsNonStreaming } from "../../src/types.js";
import { prismUrl } from "../helpers/prism-urls.js";

type FetchImpl = (request: Request) => Promise<Response>;

function client(fetchImpl?: FetchImpl, apiKey = "test-key"): OpenAI {
  return new OpenAI({
    providers: { cohere: { apiKey, baseURL: prismUrl("cohere") } },
    env: {},
    maxRetries: 0,
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
}

/** Rewrites the JSON body on its way to Prism, as a translator bug would. */
function corrupting(edit: (body: Record<string, unknown>) => void): FetchImpl {
  return async (request) => {
    const body = (await request.json()) as Record<string, unknown>;
    edit(body);
    return fetch(new Request(request.url, { method: request.method, headers: request.headers, body: JSON.stringify(body), redirect: "manual" }));
  };
}

/** A request that exercises every field the Cohere translator maps. */
const everything: ChatCompletionCreateParamsNonStreaming = {
  model: "cohere/command-a-03-2025",
  messages: [
    { role: "system", content: "You are a careful travel assistant." },
    { role: "developer", content: [{ type: "text", text: "Answer briefly." }] },
    {
      role: "user",
      content: [
        { type: "text", text: "What's the weather where this photo was taken?" },
        { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "high" } },
      ],
    },
    {
      role: "assistant",
      content: "Let me check the weather in Paris.",
      tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
    },
    { role: "tool", tool_call_id: "call_1", content: '{"high":21}' },
    { role: "assistant", content: [{ type: "text", text: "It is 21°C." }] },
    { role: "user", content: "And tomorrow?" },
  ],
  tools: [{ type: "function", function: { name: "get_weather", description: "Forecast", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, strict: true } }],
  tool_choice: "required",
  temperature: 0.4,
  top_p: 0.9,
  max_completion_tokens: 256,
  stop: ["END"],
  seed: 7,
  logprobs: true,
  presence_penalty: 0.1,
  frequency_penalty: 0.2,
  reasoning_effort: "none",
  response_format: { type: "json_schema", json_schema: { name: "forecast", schema: { type: "object", properties: { high: { type: "number" } } } } },
};

describe("Cohere contract (Prism on spec/providers/cohere.yaml)", () => {
  it("accepts a request using every mapped field and returns a parsed ChatCompletion", async () => {
    const completion = await client().chat.completions.create({
      ...everything,
      provider_options: { cohere: { documents: [{ id: "doc:0", data: { title: "Paris", snippet: "Mild." } }, "plain text document"], citation_options: { mode: "FAST" }, safety_mode: "CONTEXTUAL" } },
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]?.message.role).toBe("assistant");
    expect(completion.onellm?.provider).toBe("cohere");
  });

  it("gets Prism's 422 for a body that breaks the spec (a translator bug would look like this)", async () => {
    const act = client(corrupting((body) => (body["messages"] = [{ role: "user" }]))).chat.completions.create({
      model: "cohere/command-a-03-2025",
      messages: [{ role: "user", content: "Hi" }],
    });
    await expect(act).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it("gets a 422 for a tool_choice outside Cohere's enum (the spec is really checked)", async () => {
    const act = client(corrupting((body) => (body["tool_choice"] = "ANY"))).chat.completions.create(everything);
    await expect(act).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it("gets a 401 without a bearer key", async () => {
    const dropKey: FetchImpl = (request) => {
      const headers = new Headers(request.headers);
      headers.delete("authorization");
      return fetch(new Request(request.url, { method: request.method, headers, body: request.body, duplex: "half", redirect: "manual" } as RequestInit));
    };
    const act = client(dropKey).chat.completions.create({ model: "cohere/command-a-03-2025", messages: [{ role: "user", content: "Hi" }] });
    await expect(act).rejects.toBeInstanceOf(AuthenticationError);
  });
});
