// Smithy 2.0 JSON AST (an AWS service model) -> an OpenAPI 3.1 document, so the rest of spec:sync
// (slice, overlay, prune) and the generator treat it like any provider's OpenAPI file. Covers what
// AWS's restJson1 protocol needs: each operation with an @http trait becomes a path operation
// (@httpLabel members are path parameters, @httpQuery / @httpHeader members query and header
// parameters, @httpPayload names the whole body), every data shape a component schema, an
// @streaming union payload an `application/vnd.amazon.eventstream` body, and the operation's
// errors the responses of their @httpError codes. A SigV4 service gets an Authorization scheme.

import {
  HTTP_BINDING_TRAITS,
  hasTrait,
  memberSchema,
  shapeName,
  shapeSchema,
  targetSchema,
  type SmithyMember,
  type SmithyShape,
  type SmithyShapes,
} from "./smithy-shapes.js";
import { isObject, type JsonObject } from "./walk.js";

export const EVENT_STREAM_MEDIA_TYPE = "application/vnd.amazon.eventstream";

/** A Smithy JSON AST: `{ smithy: "2.0", shapes: {...} }`. */
export function isSmithyModel(doc: unknown): doc is { smithy: string; shapes: Record<string, SmithyShape> } {
  return isObject(doc) && typeof doc["smithy"] === "string" && isObject(doc["shapes"]);
}

interface HttpTrait {
  method: string;
  uri: string;
  code?: number;
}

function httpTrait(id: string, shape: SmithyShape): HttpTrait | undefined {
  const trait = shape.traits?.["smithy.api#http"];
  if (trait === undefined) return undefined;
  if (!isObject(trait) || typeof trait["method"] !== "string" || typeof trait["uri"] !== "string") throw new Error(`${id}: malformed @http trait`);
  return trait as unknown as HttpTrait;
}

function targetOf(reference: unknown): string | undefined {
  return isObject(reference) && typeof reference["target"] === "string" ? reference["target"] : undefined;
}

function requireShape(shapes: SmithyShapes, id: string): SmithyShape {
  const shape = shapes[id];
  if (shape === undefined) throw new Error(`dangling shape reference ${id}`);
  return shape;
}

/** `/model/{modelId+}/x` -> `/model/{modelId}/x` (OpenAPI has no greedy labels). */
function openAPIPath(uri: string): string {
  return uri.replace(/\{([^}+]+)\+\}/g, "{$1}");
}

function parameters(shapes: SmithyShapes, input: SmithyShape | undefined): JsonObject[] {
  const result: JsonObject[] = [];
  for (const [name, member] of Object.entries(input?.members ?? {})) {
    const traits = member.traits ?? {};
    const schema = memberSchema(shapes, member);
    delete schema["description"];
    if (hasTrait(traits, "smithy.api#httpLabel")) {
      result.push({ name, in: "path", required: true, schema });
    } else if (typeof traits["smithy.api#httpQuery"] === "string") {
      result.push({ name: traits["smithy.api#httpQuery"], in: "query", required: hasTrait(traits, "smithy.api#required"), schema });
    } else if (typeof traits["smithy.api#httpHeader"] === "string") {
      result.push({ name: traits["smithy.api#httpHeader"], in: "header", required: hasTrait(traits, "smithy.api#required"), schema });
    }
  }
  return result;
}

function payloadMember(shape: SmithyShape | undefined): [string, SmithyMember] | undefined {
  return Object.entries(shape?.members ?? {}).find(([, member]) => hasTrait(member.traits, "smithy.api#httpPayload"));
}

/** The media type and schema of a body: the @httpPayload member's, or the structure's own members. */
function bodyContent(shapes: SmithyShapes, id: string, shape: SmithyShape): JsonObject | undefined {
  const payload = payloadMember(shape);
  if (payload !== undefined) {
    const [, member] = payload;
    const target = shapes[member.target];
    if (target?.type === "union" && hasTrait(target.traits, "smithy.api#streaming")) {
      return {
        [EVENT_STREAM_MEDIA_TYPE]: {
          schema: { type: "string", contentMediaType: EVENT_STREAM_MEDIA_TYPE, contentSchema: targetSchema(member.target) },
        },
      };
    }
    const mediaType = target?.type === "blob" ? "application/octet-stream" : target?.type === "string" ? "text/plain" : "application/json";
    return { [mediaType]: { schema: targetSchema(member.target) } };
  }
  const bodyMembers = Object.values(shape.members ?? {}).filter((member) => !HTTP_BINDING_TRAITS.some((trait) => hasTrait(member.traits, trait)));
  if (bodyMembers.length === 0) return undefined;
  return { "application/json": { schema: { $ref: `#/components/schemas/${shapeName(id)}` } } };
}

function errorStatus(id: string, shape: SmithyShape): number {
  const code = shape.traits?.["smithy.api#httpError"];
  if (typeof code === "number") return code;
  const kind = shape.traits?.["smithy.api#error"];
  if (kind === "client") return 400;
  if (kind === "server") return 500;
  throw new Error(`${id}: listed as an error but has no @error trait`);
}

/** Error shapes grouped by HTTP status -> responses; several errors on one status share a oneOf. */
function errorResponses(shapes: SmithyShapes, errors: readonly string[]): JsonObject {
  const byStatus = new Map<number, string[]>();
  for (const id of errors) {
    const status = errorStatus(id, requireShape(shapes, id));
    byStatus.set(status, [...(byStatus.get(status) ?? []), id]);
  }
  const responses: JsonObject = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const ids = byStatus.get(status) ?? [];
    const refs = ids.map((id) => targetSchema(id));
    responses[String(status)] = {
      description: ids.map(shapeName).join(" or "),
      headers: { "x-amzn-errortype": { schema: { type: "string" } } },
      content: { "application/json": { schema: refs.length === 1 ? refs[0] : { oneOf: refs } } },
    };
  }
  return responses;
}

function operation(shapes: SmithyShapes, id: string, shape: SmithyShape, http: HttpTrait, serviceErrors: readonly string[]): JsonObject {
  const inputId = targetOf(shape["input"]);
  const outputId = targetOf(shape["output"]);
  const input = inputId === undefined ? undefined : requireShape(shapes, inputId);
  const output = outputId === undefined ? undefined : requireShape(shapes, outputId);
  // redocly wants a summary on every operation; the operation's name is Smithy's own short title.
  const result: JsonObject = { operationId: shapeName(id), summary: shapeName(id) };
  const documentation = shape.traits?.["smithy.api#documentation"];
  if (typeof documentation === "string") result["description"] = documentation;
  const params = parameters(shapes, input);
  if (params.length > 0) result["parameters"] = params;
  const requestContent = inputId === undefined || input === undefined ? undefined : bodyContent(shapes, inputId, input);
  if (requestContent !== undefined) result["requestBody"] = { required: true, content: requestContent };
  const success: JsonObject = { description: "Success" };
  const responseContent = outputId === undefined || output === undefined ? undefined : bodyContent(shapes, outputId, output);
  if (responseContent !== undefined) success["content"] = responseContent;
  const errors = [...(Array.isArray(shape["errors"]) ? shape["errors"].map(targetOf) : []), ...serviceErrors].filter((error): error is string => error !== undefined);
  result["responses"] = { [String(http.code ?? 200)]: success, ...errorResponses(shapes, errors) };
  return result;
}

/** Every data shape the model declares, by its short name; two shapes with one name are an error. */
function componentSchemas(shapes: SmithyShapes): JsonObject {
  const schemas: JsonObject = {};
  const owners = new Map<string, string>();
  for (const id of Object.keys(shapes).sort()) {
    const shape = shapes[id] as SmithyShape;
    if (["service", "operation", "resource"].includes(shape.type)) continue;
    const name = shapeName(id);
    const owner = owners.get(name);
    if (owner !== undefined) throw new Error(`shapes ${owner} and ${id} would both be components/schemas/${name}`);
    owners.set(name, id);
    schemas[name] = shapeSchema(shapes, id, shape);
  }
  return schemas;
}

/** The whole model -> an OpenAPI 3.1 document (paths sorted, components by short shape name). */
export function smithyToOpenAPI(model: { smithy: string; shapes: Record<string, SmithyShape> }): JsonObject {
  if (!model.smithy.startsWith("2.")) throw new Error(`Smithy ${model.smithy} models are not supported (2.x only)`);
  const shapes: SmithyShapes = model.shapes;
  const services = Object.entries(shapes).filter(([, shape]) => shape.type === "service");
  if (services.length !== 1) throw new Error(`expected one service shape, found ${services.length}`);
  const [serviceId, service] = services[0] as [string, SmithyShape];
  const serviceErrors = (Array.isArray(service["errors"]) ? service["errors"].map(targetOf) : []).filter((error): error is string => error !== undefined);
  const title = service.traits?.["smithy.api#title"];
  const sigv4 = service.traits?.["aws.auth#sigv4"];

  const paths: JsonObject = {};
  for (const id of Object.keys(shapes).sort()) {
    const shape = shapes[id] as SmithyShape;
    if (shape.type !== "operation") continue;
    const http = httpTrait(id, shape);
    if (http === undefined) continue;
    const path = openAPIPath(http.uri);
    const item = (paths[path] as JsonObject | undefined) ?? {};
    item[http.method.toLowerCase()] = operation(shapes, id, shape, http, serviceErrors);
    paths[path] = item;
  }
  const doc: JsonObject = {
    openapi: "3.1.0",
    info: { title: typeof title === "string" ? title : shapeName(serviceId), version: typeof service["version"] === "string" ? service["version"] : "0" },
  };
  if (isObject(sigv4)) doc["security"] = [{ awsSigV4: [] }];
  doc["paths"] = paths;
  const components: JsonObject = { schemas: componentSchemas(shapes) };
  if (isObject(sigv4)) {
    // SigV4 travels in the Authorization header (API Gateway's OpenAPI export describes it the same way).
    components["securitySchemes"] = {
      awsSigV4: { type: "apiKey", in: "header", name: "Authorization", description: `AWS Signature Version 4, signing name ${String(sigv4["name"])}` },
    };
  }
  doc["components"] = components;
  return doc;
}
