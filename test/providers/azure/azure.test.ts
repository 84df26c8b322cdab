// Azure OpenAI's settings and credentials, before any network call (an injected fetch records what
// would be sent). Over real HTTP: test/providers/openai-compatible/openai-compatible-http.test.ts.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import { AuthenticationError, InvalidRequestError, OneLLMError } from "../../../src/errors.js";
import { findProvider } from "../../../src/providers/registry.js";
import { resolveSettings } from "../../../src/settings.js";
import { captureFetch, json } from "../../helpers/capture-fetch.js";

const azure = findProvider("azure")!;
const ANSWER = { id: "c", object: "chat.completion", created: 1, model: "gpt-4o-mini", choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }] };
const hi = [{ role: "user" as const, content: "hi" }];

describe("Azure OpenAI settings", () => {
  it("builds the base URL from AZURE_OPENAI_ENDPOINT (a trailing slash is fine), and reads AZURE_OPENAI_API_VERSION", () => {
    const { settings } = resolveSettings(azure, undefined, {}, {
      AZURE_OPENAI_ENDPOINT: "https://contoso.openai.azure.com/",
      AZURE_OPENAI_API_KEY: "azure-env-key-0001",
      AZURE_OPENAI_API_VERSION: "2024-10-21",
    });
    expect(settings).toMatchObject({ apiKey: "azure-env-key-0001", baseURL: "https://contoso.openai.azure.com/openai" });
    expect(settings.extra).toMatchObject({ endpoint: "https://contoso.openai.azure.com/", apiVersion: "2024-10-21" });
  });

  it("takes providers.azure.endpoint over the environment, and a full baseURL over both", () => {
    const env = { AZURE_OPENAI_ENDPOINT: "https://env.openai.azure.com" };
    expect(resolveSettings(azure, { azure: { endpoint: "https://option.openai.azure.com" } }, {}, env).settings.baseURL).toBe("https://option.openai.azure.com/openai");
    expect(resolveSettings(azure, { azure: { baseURL: "https://gateway.example.com/azure/openai" } }, {}, env).settings.baseURL).toBe("https://gateway.example.com/azure/openai");
  });

  it("without an endpoint: an InvalidRequestError naming both ways to give one", () => {
    expect(() => resolveSettings(azure, undefined, {}, {})).toThrow(InvalidRequestError);
    expect(() => resolveSettings(azure, undefined, {}, {})).toThrow(/AZURE_OPENAI_ENDPOINT or pass providers\.azure\.endpoint/);
  });
});

describe("Azure OpenAI calls", () => {
  it("v1 path by default: the deployment is the body's model, the key in api-key (never a bearer)", async () => {
    const capture = captureFetch(json(ANSWER));
    const client = new OpenAI({ env: { AZURE_OPENAI_ENDPOINT: "https://contoso.openai.azure.com", AZURE_OPENAI_API_KEY: "azure-env-key-0002" }, fetch: capture.fetch });
    await client.chat.completions.create({ model: "azure/gpt-4o-mini-prod", messages: hi, logit_bias: { "1": 2 } });
    const request = capture.requests[0]!;
    expect(request.url).toBe("https://contoso.openai.azure.com/openai/v1/chat/completions");
    expect(request.headers["api-key"]).toBe("azure-env-key-0002");
    expect(request.headers["authorization"]).toBeUndefined();
    // OpenAI's surface: every field passes.
    expect(request.body).toEqual({ model: "gpt-4o-mini-prod", messages: hi, logit_bias: { "1": 2 } });
  });

  it("with apiVersion: the deployments path and api-version, beside defaultQuery", async () => {
    const capture = captureFetch(json(ANSWER));
    const client = new OpenAI({
      env: { AZURE_OPENAI_API_KEY: "azure-env-key-0003" },
      providers: { azure: { endpoint: "https://contoso.openai.azure.com", apiVersion: "2025-04-01-preview", defaultQuery: { trace: "1" } } },
      fetch: capture.fetch,
    });
    await client.chat.completions.create({ model: "azure/gpt-4o", messages: hi });
    expect(capture.requests[0]!.url).toBe("https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?trace=1&api-version=2025-04-01-preview");
  });

  it("no key and no token provider: an AuthenticationError before sending, and the next target serves", async () => {
    const capture = captureFetch(json(ANSWER));
    const client = new OpenAI({ env: { AZURE_OPENAI_ENDPOINT: "https://contoso.openai.azure.com", OPENAI_API_KEY: "sk-openai-0004" }, fetch: capture.fetch });
    const error = await client.chat.completions.create({ model: "azure/gpt-4o", messages: hi }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/AZURE_OPENAI_API_KEY.*azureADTokenProvider/);
    expect(capture.requests).toHaveLength(0);
    const completion = await client.chat.completions.create({ model: "azure/gpt-4o", messages: hi, fallback_models: ["openai/gpt-4o-mini"] });
    expect(completion.onellm?.provider).toBe("openai");
    expect(capture.requests[0]!.url).toBe("https://api.openai.com/v1/chat/completions");
  });

  it("a token provider's failure is a clear error, and its tokens never show in errors or inspect output", async () => {
    const failing = new OpenAI({
      env: {},
      providers: { azure: { endpoint: "https://contoso.openai.azure.com", azureADTokenProvider: () => Promise.reject(new Error("no credential")) } },
      fetch: captureFetch(json(ANSWER)).fetch,
    });
    const error = await failing.chat.completions.create({ model: "azure/gpt-4o", messages: hi }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OneLLMError);
    expect((error as Error).message).toBe("Failed to get a token from providers.azure.azureADTokenProvider: no credential");

    const token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.entra-token-secret-0005";
    const rejecting = new OpenAI({
      env: {},
      maxRetries: 0,
      providers: { azure: { endpoint: "https://contoso.openai.azure.com", azureADTokenProvider: async () => token } },
      fetch: async (request) => new Response(JSON.stringify({ error: { message: `token ${request.headers.get("authorization")} expired`, code: "401" } }), { status: 401 }),
    });
    const unauthorized = await rejecting.chat.completions.create({ model: "azure/gpt-4o", messages: hi }).catch((caught: unknown) => caught);
    expect(unauthorized).toBeInstanceOf(AuthenticationError);
    expect(inspect(unauthorized, { depth: 5 })).not.toContain("entra-token-secret-0005");
  });
});
