// The Smithy JSON AST -> OpenAPI transform (generator/spec-sync/smithy*.ts), table-tested on small
// models: each shape kind, the constraint traits, HTTP bindings, streaming payloads and errors.
import { describe, expect, it } from "vitest";
import { isSmithyModel, smithyToOpenAPI } from "../../generator/spec-sync/smithy.js";
import { shapeSchema, type SmithyShape } from "../../generator/spec-sync/smithy-shapes.js";
import type { JsonObject } from "../../generator/spec-sync/walk.js";

const NS = "example.chat#";

describe("shapeSchema", () => {
  const shapes: Record<string, SmithyShape> = {
    [`${NS}Name`]: { type: "string", traits: { "smithy.api#length": { min: 1, max: 64 }, "smithy.api#pattern": "^[a-z]+$" } },
    [`${NS}Role`]: { type: "enum", members: { USER: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "user" } }, BOT: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "assistant" } } } },
    [`${NS}Level`]: { type: "intEnum", members: { LOW: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 1 } }, HIGH: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 3 } } } },
    [`${NS}Names`]: { type: "list", member: { target: `${NS}Name` }, traits: { "smithy.api#length": { max: 4 } } },
    [`${NS}Tags`]: { type: "map", key: { target: "smithy.api#String" }, value: { target: "smithy.api#Integer" } },
    [`${NS}When`]: { type: "timestamp", traits: { "smithy.api#timestampFormat": "date-time" } },
    [`${NS}Epoch`]: { type: "timestamp" },
    [`${NS}Bytes`]: { type: "blob" },
    [`${NS}Any`]: { type: "document" },
    [`${NS}Block`]: {
      type: "union",
      members: { text: { target: "smithy.api#String" }, image: { target: `${NS}Bytes` }, empty: { target: "smithy.api#Unit" } },
    },
    [`${NS}Message`]: {
      type: "structure",
      members: {
        role: { target: `${NS}Role`, traits: { "smithy.api#required": {} } },
        temperature: { target: "smithy.api#Float", traits: { "smithy.api#range": { min: 0, max: 1 } } },
        renamed: { target: "smithy.api#String", traits: { "smithy.api#jsonName": "Renamed" } },
        count: { target: "smithy.api#Integer", traits: { "smithy.api#default": 1 } },
        id: { target: "smithy.api#String", traits: { "smithy.api#httpLabel": {}, "smithy.api#required": {} } },
        trace: { target: "smithy.api#String", traits: { "smithy.api#httpHeader": "X-Trace" } },
      },
    },
  };
  const cases: Array<[string, JsonObject]> = [
    ["Name", { type: "string", minLength: 1, maxLength: 64, pattern: "^[a-z]+$" }],
    ["Role", { type: "string", enum: ["user", "assistant"] }],
    ["Level", { type: "integer", enum: [1, 3] }],
    ["Names", { type: "array", items: { $ref: "#/components/schemas/Name" }, maxItems: 4 }],
    ["Tags", { type: "object", additionalProperties: { type: "integer", format: "int32" } }],
    ["When", { type: "string", format: "date-time" }],
    ["Epoch", { type: "number" }],
    ["Bytes", { type: "string", contentEncoding: "base64" }],
    ["Any", {}],
    [
      "Block",
      {
        oneOf: [
          { type: "object", properties: { text: { type: "string" } }, required: ["text"], additionalProperties: false },
          { type: "object", properties: { image: { $ref: "#/components/schemas/Bytes" } }, required: ["image"], additionalProperties: false },
          { type: "object", properties: { empty: { type: "object", additionalProperties: false } }, required: ["empty"], additionalProperties: false },
        ],
      },
    ],
    [
      "Message",
      {
        type: "object",
        properties: {
          role: { $ref: "#/components/schemas/Role" },
          temperature: { type: "number", format: "float", minimum: 0, maximum: 1 },
          Renamed: { type: "string" },
          count: { type: "integer", format: "int32", default: 1 },
        },
        required: ["role"],
        additionalProperties: false,
      },
    ],
  ];
  it.each(cases)("%s", (name, expected) => {
    const id = `${NS}${name}`;
    expect(shapeSchema(shapes, id, shapes[id] as SmithyShape)).toEqual(expected);
  });

  it("refuses a shape that is not data", () => {
    expect(() => shapeSchema(shapes, `${NS}Op`, { type: "operation" })).toThrow(/not data/);
  });
});

describe("smithyToOpenAPI", () => {
  const model = {
    smithy: "2.0",
    shapes: {
      [`${NS}ChatService`]: {
        type: "service",
        version: "2024-01-01",
        operations: [{ target: `${NS}Chat` }, { target: `${NS}ChatStream` }],
        errors: [{ target: `${NS}ServerError` }],
        traits: { "aws.auth#sigv4": { name: "chat" }, "aws.protocols#restJson1": {}, "smithy.api#title": "Example Chat" },
      },
      [`${NS}Chat`]: {
        type: "operation",
        input: { target: `${NS}ChatRequest` },
        output: { target: `${NS}ChatResponse` },
        errors: [{ target: `${NS}Throttled` }, { target: `${NS}Invalid` }, { target: `${NS}Denied` }],
        traits: { "smithy.api#http": { method: "POST", uri: "/model/{modelId+}/chat", code: 200 } },
      },
      [`${NS}ChatStream`]: {
        type: "operation",
        input: { target: `${NS}ChatRequest` },
        output: { target: `${NS}ChatStreamResponse` },
        traits: { "smithy.api#http": { method: "POST", uri: "/model/{modelId+}/chat-stream" } },
      },
      [`${NS}Unrouted`]: { type: "operation" },
      [`${NS}ChatRequest`]: {
        type: "structure",
        members: {
          modelId: { target: "smithy.api#String", traits: { "smithy.api#httpLabel": {}, "smithy.api#required": {} } },
          tier: { target: "smithy.api#String", traits: { "smithy.api#httpQuery": "tier" } },
          trace: { target: "smithy.api#String", traits: { "smithy.api#httpHeader": "X-Trace", "smithy.api#required": {} } },
          prompt: { target: "smithy.api#String", traits: { "smithy.api#required": {} } },
        },
      },
      [`${NS}ChatResponse`]: { type: "structure", members: { text: { target: "smithy.api#String" } } },
      [`${NS}ChatStreamResponse`]: { type: "structure", members: { stream: { target: `${NS}Events`, traits: { "smithy.api#httpPayload": {} } } } },
      [`${NS}Events`]: {
        type: "union",
        members: { delta: { target: `${NS}ChatResponse` }, throttled: { target: `${NS}Throttled` } },
        traits: { "smithy.api#streaming": {} },
      },
      [`${NS}Throttled`]: { type: "structure", members: { message: { target: "smithy.api#String" } }, traits: { "smithy.api#error": "client", "smithy.api#httpError": 429 } },
      [`${NS}Invalid`]: { type: "structure", members: { message: { target: "smithy.api#String" } }, traits: { "smithy.api#error": "client" } },
      [`${NS}Denied`]: { type: "structure", members: { message: { target: "smithy.api#String" } }, traits: { "smithy.api#error": "client", "smithy.api#httpError": 400 } },
      [`${NS}ServerError`]: { type: "structure", members: { message: { target: "smithy.api#String" } }, traits: { "smithy.api#error": "server" } },
    },
  };
  const doc = smithyToOpenAPI(model);
  const paths = doc["paths"] as Record<string, Record<string, JsonObject>>;

  it("recognises a Smithy model and nothing else", () => {
    expect(isSmithyModel(model)).toBe(true);
    expect(isSmithyModel({ openapi: "3.1.0", paths: {} })).toBe(false);
  });

  it("takes title and version from the service, and gives a SigV4 service an Authorization scheme", () => {
    expect(doc["openapi"]).toBe("3.1.0");
    expect(doc["info"]).toEqual({ title: "Example Chat", version: "2024-01-01" });
    expect(doc["security"]).toEqual([{ awsSigV4: [] }]);
    expect((doc["components"] as JsonObject)["securitySchemes"]).toEqual({
      awsSigV4: { type: "apiKey", in: "header", name: "Authorization", description: "AWS Signature Version 4, signing name chat" },
    });
  });

  it("turns each @http operation into a path (greedy labels made plain), skipping operations without one", () => {
    expect(Object.keys(paths).sort()).toEqual(["/model/{modelId}/chat", "/model/{modelId}/chat-stream"]);
    expect(paths["/model/{modelId}/chat"]?.["post"]?.["operationId"]).toBe("Chat");
  });

  it("binds labels, query and header members as parameters and leaves them out of the body schema", () => {
    const operation = paths["/model/{modelId}/chat"]?.["post"] as JsonObject;
    expect(operation["parameters"]).toEqual([
      { name: "modelId", in: "path", required: true, schema: { type: "string" } },
      { name: "tier", in: "query", required: false, schema: { type: "string" } },
      { name: "X-Trace", in: "header", required: true, schema: { type: "string" } },
    ]);
    expect(operation["requestBody"]).toEqual({ required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ChatRequest" } } } });
    const schemas = (doc["components"] as JsonObject)["schemas"] as JsonObject;
    expect(schemas["ChatRequest"]).toEqual({ type: "object", properties: { prompt: { type: "string" } }, required: ["prompt"], additionalProperties: false });
  });

  it("groups errors by @httpError (client without a code is 400; service errors join every operation)", () => {
    const responses = paths["/model/{modelId}/chat"]?.["post"]?.["responses"] as JsonObject;
    expect(Object.keys(responses)).toEqual(["200", "400", "429", "500"]);
    expect(responses["400"]).toEqual({
      description: "Invalid or Denied",
      headers: { "x-amzn-errortype": { schema: { type: "string" } } },
      content: { "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/Invalid" }, { $ref: "#/components/schemas/Denied" }] } } },
    });
    expect((responses["429"] as JsonObject)["content"]).toEqual({ "application/json": { schema: { $ref: "#/components/schemas/Throttled" } } });
  });

  it("serves a @streaming union payload as an AWS event stream whose contentSchema is the event union", () => {
    const success = (paths["/model/{modelId}/chat-stream"]?.["post"]?.["responses"] as JsonObject)["200"];
    expect(success).toEqual({
      description: "Success",
      content: {
        "application/vnd.amazon.eventstream": {
          schema: { type: "string", contentMediaType: "application/vnd.amazon.eventstream", contentSchema: { $ref: "#/components/schemas/Events" } },
        },
      },
    });
  });

  it("refuses two shapes that would share a component name, and models older than Smithy 2", () => {
    const clash = { smithy: "2.0", shapes: { ...model.shapes, "other.ns#ChatResponse": { type: "string" } } };
    expect(() => smithyToOpenAPI(clash)).toThrow(/would both be components\/schemas\/ChatResponse/);
    expect(() => smithyToOpenAPI({ ...model, smithy: "1.0" })).toThrow(/2\.x only/);
  });
});
