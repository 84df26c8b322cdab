import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutgoingRequest } from "../../src/core/outgoing-request.js";
import { stringify } from "yaml";
import { clientOperationView, emitClient } from "../../generator/emitters/clients.js";
import { emitTypes } from "../../generator/emitters/types.js";
import { parseSpec, sha256, type ProviderSpec } from "../../generator/spec-files.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface AcmeOptions {
  operations?: Record<string, unknown>;
  parameters?: unknown[];
  requestBody?: unknown;
}

/** A provider spec with one `/v1/models/{model}:chat` POST; options replace its parts. */
function acmeSpec({ operations, parameters, requestBody }: AcmeOptions = {}): ProviderSpec {
  const text = stringify({
    openapi: "3.1.0",
    info: { title: "acme", version: "1" },
    "x-onellm": {
      provider: "acme",
      operations: operations ?? { chat: { path: "/v1/models/{model}:chat", method: "post" } },
      schemas: { request: "ChatRequest", response: "ChatResponse", streamEvent: "ChatResponse", error: "ErrorBody" },
    },
    paths: {
      "/v1/models/{model}:chat": {
        parameters: [{ $ref: "#/components/parameters/model" }],
        post: {
          parameters: parameters ?? [{ name: "alt", in: "query", schema: { type: "string", enum: ["json", "sse"] } }],
          requestBody: requestBody ?? { $ref: "#/components/requestBodies/Chat" },
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/ChatResponse" } } } } },
        },
      },
      "/v1/chat": {
        post: {
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/ChatRequest" } } } },
          responses: { "200": { description: "ok" } },
        },
      },
    },
    components: {
      parameters: { model: { name: "model", in: "path", required: true, schema: { type: "string" } } },
      requestBodies: { Chat: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ChatRequest" } } } } },
      schemas: {
        ChatRequest: { type: "object", required: ["prompt"], properties: { prompt: { type: "string" } } },
        ChatResponse: { type: "object", properties: { text: { type: "string" } } },
        ErrorBody: { type: "object", properties: { message: { type: "string" } } },
      },
    },
  });
  const spec = parseSpec({ path: "spec/providers/acme.yaml", sha256: sha256(text), text });
  if (spec.kind !== "provider") throw new Error("expected a provider spec");
  return spec;
}

function view(spec: ProviderSpec, name = "chat") {
  const operation = spec.config.operations.find((candidate) => candidate.name === name);
  if (operation === undefined) throw new Error(`no operation ${name}`);
  return clientOperationView(spec.path, spec.document, operation);
}

describe("clientOperationView", () => {
  it.each([
    {
      name: "an operation without parameters",
      operations: { chat: { path: "/v1/chat", method: "post" } },
      expected: {
        name: "chat",
        summary: "POST /v1/chat",
        fetchMethod: "POST",
        pathLiteral: '"/v1/chat"',
        bodyType: 'components["schemas"]["ChatRequest"]',
        initType: "SendInit",
        params: "{}",
      },
    },
    {
      name: "a path parameter (declared on the path item, through $refs)",
      operations: { chat: { path: "/v1/models/{model}:chat", method: "post" } },
      expected: {
        name: "chat",
        summary: "POST /v1/models/{model}:chat",
        fetchMethod: "POST",
        pathLiteral: '"/v1/models/{model}:chat"',
        bodyType: 'components["schemas"]["ChatRequest"]',
        initType: 'SendInit & { path: paths["/v1/models/{model}:chat"]["post"]["parameters"]["path"] }',
        params: "{ path: init.path }",
      },
    },
    {
      name: "a path parameter and a fixed query",
      operations: { chatStream: { path: "/v1/models/{model}:chat", method: "post", query: { alt: "sse" } } },
      expected: {
        name: "chatStream",
        summary: "POST /v1/models/{model}:chat?alt=sse",
        fetchMethod: "POST",
        pathLiteral: '"/v1/models/{model}:chat"',
        bodyType: 'components["schemas"]["ChatRequest"]',
        initType: 'SendInit & { path: paths["/v1/models/{model}:chat"]["post"]["parameters"]["path"] }',
        params: '{ path: init.path, query: { alt: "sse" } }',
      },
    },
  ])("describes $name", ({ operations, expected }) => {
    const spec = acmeSpec({ operations });
    expect(view(spec, expected.name)).toEqual(expected);
  });

  it("quotes a query name that is not an identifier", () => {
    const spec = acmeSpec({
      operations: { chat: { path: "/v1/models/{model}:chat", method: "post", query: { "$alt": "sse" } } },
      parameters: [{ name: "$alt", in: "query", schema: { type: "string" } }],
    });
    expect(view(spec).params).toBe('{ path: init.path, query: { $alt: "sse" } }');
    const dashed = acmeSpec({
      operations: { chat: { path: "/v1/models/{model}:chat", method: "post", query: { "api-format": "sse" } } },
      parameters: [{ name: "api-format", in: "query", schema: { type: "string" } }],
    });
    expect(view(dashed).params).toBe('{ path: init.path, query: { "api-format": "sse" } }');
  });

  const streamOperation = { chat: { path: "/v1/models/{model}:chat", method: "post", query: { alt: "sse" } } };
  it.each([
    {
      name: "a fixed query the operation does not declare",
      options: { operations: streamOperation, parameters: [] },
      message: "query alt is not a query parameter of the operation",
    },
    {
      name: "a fixed query value outside the declared enum",
      options: { operations: streamOperation, parameters: [{ name: "alt", in: "query", schema: { type: "string", enum: ["json", "media"] } }] },
      message: 'query alt=sse is not one of ["json","media"]',
    },
    {
      name: "a required query parameter without a fixed value",
      options: { parameters: [{ name: "key", in: "query", required: true, schema: { type: "string" } }] },
      message: "required query parameter key is not supported",
    },
    {
      name: "a required header parameter",
      options: { parameters: [{ name: "x-version", in: "header", required: true, schema: { type: "string" } }] },
      message: "required header parameter x-version is not supported",
    },
    {
      name: "an inline request body schema",
      options: { requestBody: { content: { "application/json": { schema: { type: "object" } } } } },
      message: "the application/json request body must be a $ref to a components.schemas entry",
    },
    {
      name: "no request body",
      options: { requestBody: {} },
      message: "the application/json request body must be a $ref",
    },
  ])("rejects $name", ({ options, message }) => {
    const spec = acmeSpec(options);
    expect(() => view(spec)).toThrow("spec/providers/acme.yaml: x-onellm.operations.chat (POST /v1/models/{model}:chat)");
    expect(() => view(spec)).toThrow(message);
  });
});

describe("emitClient", () => {
  it("writes client.gen.ts with the banner, an interface and a factory per provider", () => {
    const spec = acmeSpec();
    const [file, ...rest] = emitClient(spec);
    expect(rest).toEqual([]);
    expect(file?.path).toBe("generated/providers/acme/client.gen.ts");
    const contents = file?.contents ?? "";
    expect(contents.startsWith(`// Generated by npm run generate from spec/providers/acme.yaml (sha256 ${spec.sha256.slice(0, 12)}). Do not edit.\n`)).toBe(true);
    expect(contents).toContain("export interface AcmeClient {");
    expect(contents).toContain("export function createAcmeClient(baseUrl: string): AcmeClient {");
    expect(contents).toContain('client.POST("/v1/models/{model}:chat", {');
    expect(contents).toContain('redirect: "manual",');
  });
});

// The generated client, run for real on an injected fetch: it must build the request from the spec
// and hand back the provider's Response without reading its body.
describe("the generated client at run time", () => {
  let dir = "";
  let createAcmeClient: (baseUrl: string) => {
    chat(body: { prompt: string }, init: { headers: Record<string, string>; signal: AbortSignal; fetch: (request: Request) => Promise<Response>; path: { model: string } }): Promise<Response>;
  };

  beforeAll(async () => {
    const spec = acmeSpec({ operations: { chat: { path: "/v1/models/{model}:chat", method: "post", query: { alt: "sse" } } } });
    // Inside the repository (in the git-ignored .tmp/) so that `openapi-fetch` resolves.
    await mkdir(path.join(REPO_ROOT, ".tmp"), { recursive: true });
    dir = await mkdtemp(path.join(REPO_ROOT, ".tmp", "generator-client-"));
    // Two levels below .tmp, like generated/providers/<p>/, so `../../../src/...` imports resolve.
    const providerDirectory = path.join(dir, "acme");
    await mkdir(providerDirectory);
    for (const file of [...(await emitTypes(spec)), ...emitClient(spec)]) {
      await writeFile(path.join(providerDirectory, path.basename(file.path)), file.contents);
    }
    ({ createAcmeClient } = await import(pathToFileURL(path.join(providerDirectory, "client.gen.ts")).href));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function call(response: Response): Promise<{ request: Request; returned: Response }> {
    const requests: Request[] = [];
    const client = createAcmeClient("https://api.acme.test/");
    const returned = await client.chat(
      { prompt: "hi" },
      {
        headers: { "x-api-key": "k" },
        signal: new AbortController().signal,
        fetch: async (request) => {
          // The generated client describes requests with OutgoingRequest; a real Request is made on demand.
          requests.push(request instanceof OutgoingRequest ? request.toRequest() : request);
          return response;
        },
        path: { model: "m 1" },
      },
    );
    const [request] = requests;
    if (request === undefined) throw new Error("fetch was not called");
    return { request, returned };
  }

  it("sends the JSON body to the path with its parameters, headers and no redirects", async () => {
    const { request } = await call(new Response("{}", { status: 200 }));
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://api.acme.test/v1/models/m%201:chat?alt=sse");
    expect(request.headers.get("x-api-key")).toBe("k");
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(request.redirect).toBe("manual");
    expect(await request.json()).toEqual({ prompt: "hi" });
  });

  it("returns the transport's Response with an unread stream body", async () => {
    const response = new Response("data: {}\n\n", { status: 200, headers: { "content-type": "text/event-stream" } });
    const { returned } = await call(response);
    expect(returned).toBe(response);
    expect(returned.bodyUsed).toBe(false);
    expect(await returned.text()).toBe("data: {}\n\n");
  });

  it("returns an error Response with its body unread, for the provider to parse", async () => {
    const response = new Response('{"message":"bad"}', { status: 400 });
    const { returned } = await call(response);
    expect(returned.status).toBe(400);
    expect(returned.bodyUsed).toBe(false);
    expect(await returned.text()).toBe('{"message":"bad"}');
  });
});
