import { describe, expect, it } from "vitest";
import { readProviderConfig, readUnifiedConfig } from "../../generator/onellm-config.js";

const SPEC = "spec/providers/acme.yaml";

function document(block: Record<string, unknown>): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    "x-onellm": block,
    paths: {
      "/v1/chat": { post: { responses: {} } },
      "/v1/models/{model}:stream": { post: { responses: {} } },
    },
    components: { schemas: { Request: {}, Response: {}, Event: {}, Failure: {} } },
  };
}

const schemas = { request: "Request", response: "Response", streamEvent: "Event", error: "Failure" };

describe("readProviderConfig", () => {
  it("reads operations sorted by name, with their fixed query, and the four schemas", () => {
    const config = readProviderConfig(
      SPEC,
      document({
        provider: "acme",
        operations: {
          chatStream: { path: "/v1/models/{model}:stream", method: "POST", query: { b: 2, a: "sse" } },
          chat: { path: "/v1/chat", method: "post" },
        },
        schemas,
      }),
      "acme",
    );
    expect(config).toEqual({
      provider: "acme",
      dialect: undefined,
      operations: [
        { name: "chat", path: "/v1/chat", method: "post", query: [] },
        { name: "chatStream", path: "/v1/models/{model}:stream", method: "post", query: [["a", "sse"], ["b", 2]] },
      ],
      schemas,
    });
  });

  const chat = { chat: { path: "/v1/chat", method: "post" } };
  it("reads implementedBy, the folder that serves a spec cut for another host", () => {
    const config = readProviderConfig(SPEC, document({ provider: "acme", implementedBy: "acme-cloud", operations: chat, schemas }), "acme");
    expect(config.implementedBy).toBe("acme-cloud");
  });

  it.each([
    { name: "an implementedBy that is no folder name", block: { provider: "acme", implementedBy: "../x", operations: chat, schemas }, message: "implementedBy must name a provider folder" },
    { name: "a provider that is not the file's name", block: { provider: "other", operations: chat, schemas }, message: 'provider must be "acme"' },
    { name: "no operations", block: { provider: "acme", operations: {}, schemas }, message: "operations must map at least one" },
    { name: "an operation without method", block: { provider: "acme", operations: { chat: { path: "/v1/chat" } }, schemas }, message: "operations.chat must be { path, method }" },
    { name: "an unknown HTTP method", block: { provider: "acme", operations: { chat: { path: "/v1/chat", method: "send" } }, schemas }, message: "send is not an HTTP method" },
    { name: "a path the spec lacks", block: { provider: "acme", operations: { chat: { path: "/v2/chat", method: "post" } }, schemas }, message: "POST /v2/chat is not in the spec's paths" },
    { name: "a method the path lacks", block: { provider: "acme", operations: { chat: { path: "/v1/chat", method: "get" } }, schemas }, message: "GET /v1/chat is not in the spec's paths" },
    { name: "a bad method name", block: { provider: "acme", operations: { "chat-stream": chat.chat }, schemas }, message: "is not a camelCase method name" },
    { name: "an object query value", block: { provider: "acme", operations: { chat: { ...chat.chat, query: { alt: {} } } }, schemas }, message: "query.alt must be a string" },
    { name: "no schemas", block: { provider: "acme", operations: chat }, message: "schemas must name the request, response, streamEvent, error schemas" },
    { name: "a missing schema role", block: { provider: "acme", operations: chat, schemas: { ...schemas, error: undefined } }, message: "schemas.error is missing" },
    { name: "an unknown dialect", block: { provider: "acme", dialect: "anthropic", operations: chat, schemas }, message: 'dialect must be "openai"' },
    { name: "an unknown schema", block: { provider: "acme", operations: chat, schemas: { ...schemas, response: "Nope" } }, message: "schemas.response: Nope is not in components.schemas" },
  ])("rejects $name", ({ block, message }) => {
    expect(() => readProviderConfig(SPEC, document(block), "acme")).toThrow(`${SPEC}: x-onellm.`);
    expect(() => readProviderConfig(SPEC, document(block), "acme")).toThrow(message);
  });

  it("reads dialect: openai (the shared adapter serves the provider; its surface is generated)", () => {
    expect(readProviderConfig(SPEC, document({ provider: "acme", dialect: "openai", operations: chat, schemas }), "acme").dialect).toBe("openai");
  });

  it("rejects a provider name that cannot become an identifier", () => {
    expect(() => readProviderConfig("spec/providers/Acme_1.yaml", document({ provider: "Acme_1", operations: chat, schemas }), "Acme_1")).toThrow(
      "must be lower-case words",
    );
  });
});

describe("readUnifiedConfig", () => {
  it("requires provider: unified", () => {
    expect(() => readUnifiedConfig("spec/unified/openapi.yaml", { "x-onellm": { provider: "unified" } })).not.toThrow();
    expect(() => readUnifiedConfig("spec/unified/openapi.yaml", { "x-onellm": { provider: "openai" } })).toThrow(
      'x-onellm.provider must be "unified", found "openai"',
    );
    expect(() => readUnifiedConfig("spec/unified/openapi.yaml", {})).toThrow("the x-onellm block is missing");
  });
});
