// `onellm-sdk/helpers/zod`: response formats and tools from zod 4 schemas, as `openai/helpers/zod`
// makes them. zod is an optional peer dependency; only this entry imports it, so the main entry
// works without it.
import * as core from "zod/v4/core";
import { InvalidRequestError } from "../errors.js";
import type { ResponseFormatJSONSchema } from "./parser.js";
import {
  makeParseableResponseFormat,
  makeParseableTool,
  parseAgainstSchema,
  type AutoParseableResponseFormat,
  type AutoParseableTool,
} from "./parser.js";
import { toStrictJsonSchema } from "./strict-json-schema.js";

/** A zod 4 schema (classic `zod` or `zod/mini`). */
export type ZodSchema = core.$ZodType;
type Output<T> = core.output<T>;

/**
 * A `response_format` from a zod schema. Given to `parse()`, `stream()` or `runTools()`, the answer
 * comes back parsed and validated by zod in `message.parsed`, typed as the schema's output.
 *
 * The schema is made strict (every field required; use `.nullable()` for an optional one), which
 * every provider accepts: OpenAI enforces it natively, others natively or by emulation, and
 * the parsed answer is always validated by zod.
 *
 * @example
 * ```ts
 * import OpenAI from "onellm-sdk";
 * import { zodResponseFormat } from "onellm-sdk/helpers/zod";
 * import { z } from "zod";
 *
 * const Step = z.object({ explanation: z.string(), output: z.string() });
 * const MathAnswer = z.object({ steps: z.array(Step), final_answer: z.string() });
 *
 * const completion = await new OpenAI().chat.completions.parse({
 *   model: "anthropic/claude-sonnet-4-5",
 *   messages: [{ role: "user", content: "solve 8x + 31 = 2" }],
 *   response_format: zodResponseFormat(MathAnswer, "math_answer"),
 * });
 * console.log(completion.choices[0]?.message.parsed?.final_answer);
 * ```
 */
export function zodResponseFormat<Schema extends ZodSchema>(
  schema: Schema,
  name: string,
  props?: Omit<ResponseFormatJSONSchema["json_schema"], "schema" | "strict" | "name">,
): AutoParseableResponseFormat<Output<Schema>> {
  const subject = `response_format "${name}"`;
  return makeParseableResponseFormat(
    { type: "json_schema", json_schema: { ...props, name, strict: true, schema: strictSchemaOf(schema, subject) } },
    (content) => parseWith(schema, parseAgainstSchema(subject, content, undefined)),
  );
}

/**
 * A function tool from a zod schema for its arguments. `parse()` and `stream()` return the call's
 * `parsed_arguments` validated by zod; `runTools()` calls `function` with them and sends its
 * result back to the model.
 *
 * @example
 * ```ts
 * import { zodFunction } from "onellm-sdk/helpers/zod";
 * import { z } from "zod";
 *
 * const runner = client.chat.completions.runTools({
 *   model: "google/gemini-2.5-flash",
 *   messages: [{ role: "user", content: "What is the weather in Paris?" }],
 *   tools: [
 *     zodFunction({
 *       name: "get_weather",
 *       parameters: z.object({ city: z.string() }),
 *       function: async ({ city }) => ({ city, celsius: 21 }),
 *     }),
 *   ],
 * });
 * console.log(await runner.finalContent());
 * ```
 */
export function zodFunction<Parameters extends ZodSchema>(options: {
  name: string;
  parameters: Parameters;
  function?: ((args: Output<Parameters>) => unknown | Promise<unknown>) | undefined;
  description?: string | undefined;
}): AutoParseableTool<{ arguments: Output<Parameters>; name: string; function: (args: Output<Parameters>) => unknown }> {
  const subject = `tool "${options.name}" arguments`;
  return makeParseableTool<{ arguments: Output<Parameters>; name: string; function: (args: Output<Parameters>) => unknown }>(
    {
      type: "function",
      function: {
        name: options.name,
        parameters: strictSchemaOf(options.parameters, subject),
        strict: true,
        ...(options.description ? { description: options.description } : {}),
      },
    },
    {
      callback: options.function as ((args: never) => unknown) | undefined,
      parser: (args) => parseWith(options.parameters, parseAgainstSchema(subject, args, undefined)),
    },
  ) as AutoParseableTool<{ arguments: Output<Parameters>; name: string; function: (args: Output<Parameters>) => unknown }>;
}

function strictSchemaOf(schema: ZodSchema, subject: string): Record<string, unknown> {
  if (typeof schema !== "object" || schema === null || !("_zod" in schema)) {
    throw new InvalidRequestError(
      `${subject}: expected a zod 4 schema (from "zod" 4.x or "zod/v4"); zod 3 schemas are not supported.`,
      undefined,
    );
  }
  return toStrictJsonSchema(core.toJSONSchema(schema, { target: "draft-7" }) as Record<string, unknown>);
}

/** Classic schemas parse with their own method (so a failure is the `ZodError` users catch); mini ones with core's. */
function parseWith<Schema extends ZodSchema>(schema: Schema, value: unknown): Output<Schema> {
  const own = (schema as { parse?: (input: unknown) => Output<Schema> }).parse;
  return typeof own === "function" ? own.call(schema, value) : core.parse(schema, value);
}
