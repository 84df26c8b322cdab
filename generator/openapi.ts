// The few OpenAPI reads the generator needs, on a document parsed from YAML (so typed as unknown and
// checked at each step: redocly lint is skippable, and x-onellm is our own extension it never checks).
import { GeneratorError } from "./generator-error.js";

export type OpenAPIDocument = Readonly<Record<string, unknown>>;

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ParameterObject {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  readonly enum: readonly unknown[] | undefined;
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/components/...`); anything else is returned as is. */
export function resolveRef(document: OpenAPIDocument, value: unknown): unknown {
  const seen = new Set<string>();
  let current = value;
  while (isRecord(current) && typeof current["$ref"] === "string") {
    const ref = current["$ref"];
    if (!ref.startsWith("#/") || seen.has(ref)) {
      throw new GeneratorError(`cannot resolve $ref ${ref} (only local, non-circular refs are supported)`);
    }
    seen.add(ref);
    current = ref
      .slice(2)
      .split("/")
      .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), document);
    if (current === undefined) {
      throw new GeneratorError(`$ref ${ref} points at nothing`);
    }
  }
  return current;
}

export function getOperation(document: OpenAPIDocument, path: string, method: HttpMethod): Readonly<Record<string, unknown>> | undefined {
  const paths = document["paths"];
  const pathItem = isRecord(paths) ? resolveRef(document, paths[path]) : undefined;
  const operation = isRecord(pathItem) ? pathItem[method] : undefined;
  return isRecord(operation) ? operation : undefined;
}

export function schemaNames(document: OpenAPIDocument): Set<string> {
  const components = document["components"];
  const schemas = isRecord(components) ? components["schemas"] : undefined;
  return new Set(isRecord(schemas) ? Object.keys(schemas) : []);
}

/** An operation's parameters, path-item ones included (the operation's win on the same name and place). */
export function operationParameters(document: OpenAPIDocument, path: string, method: HttpMethod): ParameterObject[] {
  const paths = document["paths"];
  const pathItem = isRecord(paths) ? resolveRef(document, paths[path]) : undefined;
  const operation = getOperation(document, path, method);
  const declared = [
    ...(isRecord(pathItem) && Array.isArray(pathItem["parameters"]) ? pathItem["parameters"] : []),
    ...(operation && Array.isArray(operation["parameters"]) ? operation["parameters"] : []),
  ];
  const byKey = new Map<string, ParameterObject>();
  for (const entry of declared) {
    const parameter = resolveRef(document, entry);
    if (!isRecord(parameter) || typeof parameter["name"] !== "string") {
      throw new GeneratorError(`${method.toUpperCase()} ${path}: a parameter has no name`);
    }
    const place = parameter["in"];
    if (place !== "path" && place !== "query" && place !== "header" && place !== "cookie") {
      throw new GeneratorError(`${method.toUpperCase()} ${path}: parameter ${parameter["name"]} has no valid "in"`);
    }
    const schema = resolveRef(document, parameter["schema"]);
    const values = isRecord(schema) && Array.isArray(schema["enum"]) ? schema["enum"] : undefined;
    byKey.set(`${place} ${parameter["name"]}`, {
      name: parameter["name"],
      in: place,
      required: parameter["required"] === true,
      enum: values,
    });
  }
  return [...byKey.values()];
}
