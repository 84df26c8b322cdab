// A `response_format` type a dialect lacks, emulated with the one it has, so that JSON mode and
// `parse()` work on every OpenAI dialect (said in onellm.warnings; parse() then validates the answer
// against the schema itself):
// - json_schema where only json_object is taken (DeepSeek, Moonshot): json_object, with the schema
//   given to the model in a system message (DeepSeek's JSON mode also asks for the word "json" in
//   the prompt, which that message carries);
// - json_object where only json_schema is taken (LM Studio, Perplexity): json_schema with an open
//   object schema, which is what json_object means.
import type { TranslateContext } from "../contract.js";

type Json = Record<string, unknown>;

export interface ResponseFormatEmulation {
  /** The response_format to send. */
  format: Json;
  /** A system message to put first, when the model must be told the schema. */
  instruction?: string;
}

/** The response_format type a dialect's `accepted` types stand in for `type` with, if any. */
export function responseFormatStandIn(type: string, accepted: readonly string[]): string | undefined {
  if (type === "json_schema" && accepted.includes("json_object")) return "json_object";
  if (type === "json_object" && accepted.includes("json_schema")) return "json_schema";
  return undefined;
}

/** The emulation for a response_format whose type the dialect does not take, or undefined when none fits. */
export function emulateResponseFormat(format: Json, accepted: readonly string[], context: TranslateContext): ResponseFormatEmulation | undefined {
  const type = format["type"];
  const standIn = typeof type === "string" ? responseFormatStandIn(type, accepted) : undefined;
  if (standIn === "json_object") {
    const spec = (typeof format["json_schema"] === "object" && format["json_schema"] !== null ? format["json_schema"] : {}) as Json;
    const schema = spec["schema"];
    if (typeof schema !== "object" || schema === null) return undefined;
    const name = typeof spec["name"] === "string" ? spec["name"] : "response";
    context.emulated("response_format", `json_schema "${name}" as json_object, its schema given to the model in a system message; nothing upstream enforces the schema`);
    return { format: { type: "json_object" }, instruction: schemaInstruction(name, spec["description"], schema) };
  }
  if (standIn === "json_schema") {
    context.emulated("response_format", "json_object as json_schema with an open object schema");
    return { format: { type: "json_schema", json_schema: { name: "json_object", schema: { type: "object" } } } };
  }
  return undefined;
}

function schemaInstruction(name: string, description: unknown, schema: object): string {
  const about = typeof description === "string" && description !== "" ? ` (${description})` : "";
  return (
    `Answer with one JSON object only, no other text, that is valid against the JSON Schema "${name}"${about} below. ` +
    `Use exactly the property names it declares and give every required property.\n${JSON.stringify(schema)}`
  );
}
