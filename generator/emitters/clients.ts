// templates/client.hbs -> generated/providers/<p>/client.gen.ts: one typed openapi-fetch method per
// x-onellm operation. Everything the template prints is computed and checked here.
import { formatTypeScript } from "../format.js";
import { GeneratorError } from "../generator-error.js";
import { pascalCase, propertyKey } from "../naming.js";
import type { OperationConfig } from "../onellm-config.js";
import { getOperation, isRecord, operationParameters, resolveRef, type OpenAPIDocument } from "../openapi.js";
import { providerDir, type GeneratedFile } from "../output-paths.js";
import type { ProviderSpec } from "../spec-files.js";
import { banner, renderTemplate } from "../templates.js";

export interface ClientOperationView {
  name: string;
  /** `POST /v1beta/models/{model}:streamGenerateContent?alt=sse` */
  summary: string;
  /** openapi-fetch's method: `POST`. */
  fetchMethod: string;
  /** The path as a string literal. */
  pathLiteral: string;
  bodyType: string;
  initType: string;
  /** The `params` object passed to openapi-fetch. */
  params: string;
}

export function emitClient(spec: ProviderSpec): GeneratedFile[] {
  const { provider, operations } = spec.config;
  const contents = renderTemplate("client", {
    banner: banner(spec.path, spec.sha256),
    pascal: pascalCase(provider),
    operations: operations.map((operation) => clientOperationView(spec.path, spec.document, operation)),
  });
  return [{ path: `${providerDir(provider)}/client.gen.ts`, contents: formatTypeScript(contents) }];
}

export function clientOperationView(
  specPath: string,
  document: OpenAPIDocument,
  operation: OperationConfig,
): ClientOperationView {
  const { name, path, method, query } = operation;
  const where = `${specPath}: x-onellm.operations.${name} (${method.toUpperCase()} ${path})`;
  const parameters = operationParameters(document, path, method);

  for (const parameter of parameters) {
    const fixed = parameter.in === "query" && query.some(([key]) => key === parameter.name);
    if (parameter.required && parameter.in !== "path" && !fixed) {
      throw new GeneratorError(
        `${where}: required ${parameter.in} parameter ${parameter.name} is not supported; give it a value in x-onellm query or make it optional in the overlay`,
      );
    }
  }
  for (const [key, value] of query) {
    const declared = parameters.find((parameter) => parameter.in === "query" && parameter.name === key);
    if (declared === undefined) {
      throw new GeneratorError(`${where}: query ${key} is not a query parameter of the operation; declare it in the overlay`);
    }
    if (declared.enum !== undefined && !declared.enum.includes(value)) {
      throw new GeneratorError(`${where}: query ${key}=${String(value)} is not one of ${JSON.stringify(declared.enum)}`);
    }
  }

  const pathLiteral = JSON.stringify(path);
  const hasPathParameters = parameters.some((parameter) => parameter.in === "path");
  const paramsMembers = [
    ...(hasPathParameters ? ["path: init.path"] : []),
    ...(query.length > 0
      ? [`query: { ${query.map(([key, value]) => `${propertyKey(key)}: ${JSON.stringify(value)}`).join(", ")} }`]
      : []),
  ];
  const queryString = query.map(([key, value]) => `${key}=${String(value)}`).join("&");
  return {
    name,
    summary: `${method.toUpperCase()} ${path}${queryString === "" ? "" : `?${queryString}`}`,
    fetchMethod: method.toUpperCase(),
    pathLiteral,
    bodyType: `components["schemas"][${JSON.stringify(requestBodySchema(where, document, operation))}]`,
    initType: hasPathParameters ? `SendInit & { path: paths[${pathLiteral}]["${method}"]["parameters"]["path"] }` : "SendInit",
    params: paramsMembers.length === 0 ? "{}" : `{ ${paramsMembers.join(", ")} }`,
  };
}

/** The component schema the operation's JSON request body refers to. */
function requestBodySchema(where: string, document: OpenAPIDocument, operation: OperationConfig): string {
  const requestBody = resolveRef(document, getOperation(document, operation.path, operation.method)?.["requestBody"]);
  const content = isRecord(requestBody) ? requestBody["content"] : undefined;
  const json = isRecord(content) ? content["application/json"] : undefined;
  const ref = isRecord(json) && isRecord(json["schema"]) ? json["schema"]["$ref"] : undefined;
  const match = typeof ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(ref) : null;
  if (match?.[1] === undefined) {
    throw new GeneratorError(`${where}: the application/json request body must be a $ref to a components.schemas entry`);
  }
  return match[1].replaceAll("~1", "/").replaceAll("~0", "~");
}
