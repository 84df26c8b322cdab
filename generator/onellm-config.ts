// Reads a spec's root `x-onellm` block: which provider it describes, the operations its client gets,
// and the component schemas its translator is typed by. Every name is checked against the document.
import { GeneratorError } from "./generator-error.js";
import {
  HTTP_METHODS,
  getOperation,
  isRecord,
  schemaNames,
  type HttpMethod,
  type OpenAPIDocument,
} from "./openapi.js";

export type QueryValue = string | number | boolean;

export interface OperationConfig {
  /** The client method's name, e.g. `chat`, `chatStream`. */
  readonly name: string;
  readonly path: string;
  readonly method: HttpMethod;
  /** Fixed query parameters sent on every call (Gemini's `alt=sse`), sorted by name. */
  readonly query: readonly (readonly [string, QueryValue])[];
}

export interface ProviderSchemas {
  readonly request: string;
  readonly response: string;
  readonly streamEvent: string;
  readonly error: string;
}

export const SCHEMA_ROLES = ["request", "response", "streamEvent", "error"] as const satisfies readonly (keyof ProviderSchemas)[];

/**
 * `openai`: the spec describes an OpenAI chat-completions dialect. The provider is served by the
 * shared adapter in src/providers/openai-compatible/ (no starter folder is written), and the
 * generator emits its accepted request surface (surface.gen.ts) for that adapter to read.
 */
export type DialectKind = "openai";

export interface ProviderConfig {
  readonly provider: string;
  readonly dialect: DialectKind | undefined;
  /**
   * Another provider's folder that serves this spec too (vertex-anthropic is hosted by
   * src/providers/vertex/): no starter folder of its own is written.
   */
  readonly implementedBy?: string;
  /** Sorted by name. */
  readonly operations: readonly OperationConfig[];
  readonly schemas: ProviderSchemas;
}

const PROVIDER_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const OPERATION_NAME = /^[a-z][A-Za-z0-9]*$/;

/** Reads `x-onellm` of the unified spec, which only names itself (the unified API gets no client). */
export function readUnifiedConfig(specPath: string, document: OpenAPIDocument): void {
  const block = extensionBlock(specPath, document);
  if (block["provider"] !== "unified") {
    throw new GeneratorError(`${specPath}: x-onellm.provider must be "unified", found ${JSON.stringify(block["provider"])}`);
  }
}

/** Reads `x-onellm` of `spec/providers/<expected>.yaml`. */
export function readProviderConfig(specPath: string, document: OpenAPIDocument, expected: string): ProviderConfig {
  const fail = (problem: string): never => {
    throw new GeneratorError(`${specPath}: x-onellm.${problem}`);
  };
  const block = extensionBlock(specPath, document);
  const provider = block["provider"];
  if (provider !== expected) {
    fail(`provider must be ${JSON.stringify(expected)} (the file's name), found ${JSON.stringify(provider)}`);
  }
  if (!PROVIDER_NAME.test(expected)) {
    fail(`provider ${JSON.stringify(expected)} must be lower-case words joined by "-"`);
  }

  const operationsBlock = block["operations"];
  if (!isRecord(operationsBlock) || Object.keys(operationsBlock).length === 0) {
    return fail("operations must map at least one operation name to { path, method }");
  }
  const operations = Object.keys(operationsBlock)
    .sort()
    .map((name) => readOperation(name, operationsBlock[name], document, fail));

  const schemasBlock = block["schemas"];
  if (!isRecord(schemasBlock)) {
    return fail(`schemas must name the ${SCHEMA_ROLES.join(", ")} schemas`);
  }
  const known = schemaNames(document);
  const schemas = Object.fromEntries(
    SCHEMA_ROLES.map((role) => {
      const name = schemasBlock[role];
      if (typeof name !== "string") {
        return fail(`schemas.${role} is missing`);
      }
      if (!known.has(name)) {
        return fail(`schemas.${role}: ${name} is not in components.schemas`);
      }
      return [role, name];
    }),
  ) as Record<(typeof SCHEMA_ROLES)[number], string>;
  const dialect = block["dialect"];
  if (dialect !== undefined && dialect !== "openai") {
    fail(`dialect must be "openai" (an OpenAI chat-completions dialect) or absent, found ${JSON.stringify(dialect)}`);
  }
  const implementedBy = block["implementedBy"];
  if (implementedBy !== undefined && (typeof implementedBy !== "string" || !PROVIDER_NAME.test(implementedBy))) {
    fail(`implementedBy must name a provider folder (lower-case words joined by "-"), found ${JSON.stringify(implementedBy)}`);
  }
  return {
    provider: expected,
    dialect: dialect as DialectKind | undefined,
    operations,
    schemas,
    ...(typeof implementedBy === "string" ? { implementedBy } : {}),
  };
}

function extensionBlock(specPath: string, document: OpenAPIDocument): Readonly<Record<string, unknown>> {
  const block = document["x-onellm"];
  if (!isRecord(block)) {
    throw new GeneratorError(`${specPath}: the x-onellm block is missing at the root of the spec`);
  }
  return block;
}

function readOperation(
  name: string,
  value: unknown,
  document: OpenAPIDocument,
  fail: (problem: string) => never,
): OperationConfig {
  if (!OPERATION_NAME.test(name)) {
    fail(`operations: ${JSON.stringify(name)} is not a camelCase method name`);
  }
  if (!isRecord(value) || typeof value["path"] !== "string" || typeof value["method"] !== "string") {
    return fail(`operations.${name} must be { path, method }`);
  }
  const { path } = value;
  const method = value["method"].toLowerCase();
  if (!isHttpMethod(method)) {
    return fail(`operations.${name}: ${value["method"]} is not an HTTP method`);
  }
  if (getOperation(document, path, method) === undefined) {
    fail(`operations.${name}: ${method.toUpperCase()} ${path} is not in the spec's paths`);
  }
  const queryBlock = value["query"] ?? {};
  if (!isRecord(queryBlock)) {
    return fail(`operations.${name}.query must map parameter names to values`);
  }
  const query = Object.keys(queryBlock)
    .sort()
    .map((key): [string, QueryValue] => {
      const queryValue = queryBlock[key];
      if (typeof queryValue !== "string" && typeof queryValue !== "number" && typeof queryValue !== "boolean") {
        return fail(`operations.${name}.query.${key} must be a string, number or boolean`);
      }
      return [key, queryValue];
    });
  return { name, path, method, query };
}

function isHttpMethod(method: string): method is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(method);
}
