// Contract: Gemini and Claude on Vertex AI against Prism on the Vertex cuts of their specs
// (spec/providers/vertex.yaml, spec/providers/vertex-anthropic.yaml): Vertex paths with project and
// location, OAuth bearer, and for Claude anthropic_version in the body and no model field.
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import { AuthenticationError, UnprocessableEntityError } from "../../src/errors.js";
import type { ChatCompletionCreateParamsNonStreaming } from "../../src/types.js";
import { prismUrl } from "../helpers/prism-urls.js";

type FetchImpl = (request: Request) => Promise<Response>;

function client(name: "vertex" | "vertex-anthropic", fetchImpl?: FetchImpl, accessToken: string | undefined = "ya29.contract-token"): OpenAI {
  return new OpenAI({
    providers: { [name]: { baseURL: prismUrl(name), project: "acme-ml-prod", location: "us-east5", ...(accessToken === undefined ? {} : { accessToken }) } },
    env: {},
    maxRetries: 0,
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
}

function corrupting(edit: (body: Record<string, unknown>) => void): FetchImpl {
  return async (request) => {
    const body = (await request.json()) as Record<string, unknown>;
    edit(body);
    return fetch(new Request(request.url, { method: request.method, headers: request.headers, body: JSON.stringify(body), redirect: "manual" }));
  };
}

const withoutAuthorization: FetchImpl = (request) => {
  const headers = new Headers(request.headers);
  headers.delete("authorization");
  return fetch(new Request(request.url, { method: request.method, headers, body: request.body, duplex: "half", redirect: "manual" } as RequestInit));
};

const conversation: ChatCompletionCreateParamsNonStreaming["messages"] = [
  { role: "system", content: "You are a careful travel assistant." },
  {
    role: "user",
    content: [
      { type: "text", text: "What's the weather where this was taken?" },
      { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
    ],
  },
  { role: "assistant", content: "Let me check.", tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
  { role: "tool", tool_call_id: "call_1", content: '{"high":21}' },
  { role: "user", content: "Summarise it." },
];
const tools: ChatCompletionCreateParamsNonStreaming["tools"] = [
  { type: "function", function: { name: "get_weather", description: "Forecast", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } },
];

describe("Vertex Gemini contract (Prism on spec/providers/vertex.yaml)", () => {
  it("accepts a full request under the Vertex path with a bearer token", async () => {
    const completion = await client("vertex").chat.completions.create({
      model: "vertex/gemini-2.5-flash",
      messages: conversation,
      tools,
      tool_choice: "auto",
      temperature: 0.4,
      top_p: 0.9,
      max_tokens: 256,
      stop: ["END"],
      n: 2,
      seed: 7,
      response_format: { type: "json_schema", json_schema: { name: "summary", schema: { type: "object", properties: { summary: { type: "string" } } } } },
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.onellm?.provider).toBe("vertex");
  });

  it("gets Prism's 422 for a body that breaks the spec", async () => {
    const act = client("vertex", corrupting((body) => (body["contents"] = 5))).chat.completions.create({ model: "vertex/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }] });
    await expect(act).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it("gets a 401 without the bearer token", async () => {
    const act = client("vertex", withoutAuthorization).chat.completions.create({ model: "vertex/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }] });
    await expect(act).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("Vertex Claude contract (Prism on spec/providers/vertex-anthropic.yaml)", () => {
  it("accepts a full rawPredict request: anthropic_version in the body, no model", async () => {
    const completion = await client("vertex-anthropic").chat.completions.create({
      model: "vertex-anthropic/claude-sonnet-4-5@20250929",
      messages: conversation,
      tools,
      tool_choice: { type: "function", function: { name: "get_weather" } },
      temperature: 0.4,
      max_completion_tokens: 256,
      stop: ["END"],
      user: "user-42",
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.onellm?.provider).toBe("vertex-anthropic");
  });

  it("gets a 422 when the body names the model (Vertex takes it from the path)", async () => {
    const act = client("vertex-anthropic", corrupting((body) => (body["model"] = "claude-sonnet-4-5"))).chat.completions.create({
      model: "vertex-anthropic/claude-sonnet-4-5@20250929",
      messages: [{ role: "user", content: "Hi" }],
    });
    await expect(act).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it("gets a 422 without anthropic_version", async () => {
    const act = client("vertex-anthropic", corrupting((body) => delete body["anthropic_version"])).chat.completions.create({
      model: "vertex-anthropic/claude-sonnet-4-5@20250929",
      messages: [{ role: "user", content: "Hi" }],
    });
    await expect(act).rejects.toBeInstanceOf(UnprocessableEntityError);
  });
});
