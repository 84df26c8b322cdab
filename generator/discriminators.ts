// openapi-typescript types a oneOf member's discriminator property with the value the discriminator
// implies: a `mapping` key, or without a mapping the member schema's NAME (OpenAPI's implicit rule).
// OpenAI's spec declares `discriminator: { propertyName: role }` without a mapping, so the member whose
// schema says `role: enum [tool]` would be typed `role: "ChatCompletionRequestToolMessage"`: a type no
// real message satisfies. Such contradictions are found here, before any type is generated.
import { isRecord, resolveRef, type OpenAPIDocument } from "./openapi.js";

/** One line per oneOf member whose implied discriminator value contradicts its own schema. */
export function findDiscriminatorConflicts(document: OpenAPIDocument): string[] {
  const conflicts: string[] = [];
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${pointer}/${index}`));
      return;
    }
    if (!isRecord(node)) return;
    const discriminator = node["discriminator"];
    if (isRecord(discriminator) && typeof discriminator["propertyName"] === "string" && Array.isArray(node["oneOf"])) {
      conflicts.push(...checkOneOf(document, pointer, discriminator["propertyName"], discriminator["mapping"], node["oneOf"]));
    }
    for (const [key, value] of Object.entries(node)) {
      visit(value, `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`);
    }
  };
  visit(document, "#");
  return conflicts;
}

function checkOneOf(
  document: OpenAPIDocument,
  pointer: string,
  propertyName: string,
  mapping: unknown,
  members: readonly unknown[],
): string[] {
  const mapped = isRecord(mapping) ? Object.entries(mapping) : [];
  return members.flatMap((member) => {
    const ref = isRecord(member) ? member["$ref"] : undefined;
    if (typeof ref !== "string") return [];
    const fromMapping = mapped.filter(([, target]) => target === ref).map(([value]) => value);
    const implied = fromMapping.length > 0 ? fromMapping : [ref.slice(ref.lastIndexOf("/") + 1)];
    const declared = declaredValues(document, resolveRef(document, member), propertyName);
    const contradicted = implied.filter((value) => declared !== undefined && !declared.includes(value));
    if (contradicted.length === 0) return [];
    const how = fromMapping.length > 0 ? "its discriminator.mapping gives" : "with no discriminator.mapping entry, OpenAPI implies";
    return [
      `${pointer}: for ${ref}, ${how} ${propertyName} = ${JSON.stringify(contradicted.join(", "))}, but that schema allows only ${JSON.stringify(declared)}`,
    ];
  });
}

/** The values a schema's own `enum`/`const` allows for `propertyName` (through allOf), if it says. */
function declaredValues(document: OpenAPIDocument, schema: unknown, propertyName: string): unknown[] | undefined {
  if (!isRecord(schema)) return undefined;
  const properties = schema["properties"];
  const property = isRecord(properties) ? resolveRef(document, properties[propertyName]) : undefined;
  if (isRecord(property)) {
    if (Array.isArray(property["enum"])) return property["enum"];
    if ("const" in property) return [property["const"]];
  }
  const parts = Array.isArray(schema["allOf"]) ? schema["allOf"] : [];
  for (const part of parts) {
    const values = declaredValues(document, resolveRef(document, part), propertyName);
    if (values !== undefined) return values;
  }
  return undefined;
}
