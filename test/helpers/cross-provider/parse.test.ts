// parse() on every provider over real HTTP: the provider's recorded native answer comes back as a
// typed, validated `message.parsed`, whatever the provider did with the schema.
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { BadRequestError } from "../../../src/errors.js";
import { ContentFilterFinishReasonError, LengthFinishReasonError } from "../../../src/errors-parse.js";
import { zodResponseFormat } from "../../../src/helpers/zod.js";
import { useReplayServer } from "../use-replay-server.js";
import { fixture, PROVIDERS, type ProviderCase } from "./providers.js";

const replay = useReplayServer();

const Weather = z.object({ city: z.string(), temperature_c: z.number(), conditions: z.string() });
const expected = { city: "Paris", temperature_c: 18, conditions: "partly cloudy" };
const messages = [{ role: "user" as const, content: "What's the weather in Paris right now?" }];

function routeParse(provider: ProviderCase): void {
  if (provider.name === "anthropic") {
    // Anthropic answers through the forced tool onellm emulates structured output with, or, where
    // the request uses Anthropic's native output_config.format, as text: each its own recording.
    replay().route((request) => request.path === provider.path(false), { file: fixture(provider, "parse-forced-tool.json") });
    replay().route(
      (request) => request.path === provider.path(false) && typeof (request.body as Record<string, unknown>)["output_config"] === "object",
      { file: fixture(provider, "parse-output-format.json") },
    );
    return;
  }
  replay().route(provider.path(false), { file: fixture(provider, "parse.json") });
}

/** Where the schema went in the provider's native request (it must have been sent, not dropped). */
function sentSchema(provider: ProviderCase, body: Record<string, any>): unknown {
  switch (provider.name) {
    case "openai":
    case "groq":
    case "mistral":
      return body["response_format"]?.json_schema?.schema;
    case "anthropic":
      return body["output_config"]?.format?.schema ?? body["tools"]?.find((tool: { name: string }) => tool.name === "weather")?.input_schema;
    case "gemini":
      return body["generationConfig"]?.responseJsonSchema;
    default: {
      const exhaustive: never = provider.name;
      throw new Error(`unknown provider ${String(exhaustive)}`);
    }
  }
}

describe.each(PROVIDERS)("parse() on $name", (provider) => {
  it("returns a typed parsed object from a zodResponseFormat", async () => {
    routeParse(provider);
    const completion = await provider.client(replay()).chat.completions.parse({
      model: provider.model,
      messages,
      response_format: zodResponseFormat(Weather, "weather"),
    });
    const parsed = completion.choices[0]?.message.parsed;
    expectTypeOf(parsed).toEqualTypeOf<z.infer<typeof Weather> | null | undefined>();
    expect(parsed).toEqual(expected);
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.onellm?.provider).toBe(provider.name === "gemini" ? "google" : provider.name);

    expect(replay().requests).toHaveLength(1);
    const schema = sentSchema(provider, replay().requests[0]!.body as Record<string, any>) as Record<string, any>;
    expect(Object.keys(schema?.["properties"] ?? {})).toEqual(["city", "temperature_c", "conditions"]);
    const warnings = completion.onellm?.warnings ?? [];
    if (warnings.some((warning) => warning.startsWith("response_format is emulated"))) {
      expect(warnings.some((warning) => warning.includes('validated against the "weather" schema'))).toBe(true);
    }
  });

  it("parses a plain JSON Schema response_format too", async () => {
    routeParse(provider);
    const completion = await provider.client(replay()).chat.completions.parse({
      model: provider.model,
      messages,
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "weather",
          strict: true,
          schema: {
            type: "object",
            properties: { city: { type: "string" }, temperature_c: { type: "number" }, conditions: { type: "string" } },
            required: ["city", "temperature_c", "conditions"],
            additionalProperties: false,
          },
        },
      },
    });
    expect(completion.choices[0]?.message.parsed).toEqual(expected);
  });

  it("rejects an answer that breaks the schema, naming the field", async () => {
    routeParse(provider);
    const Strict = z.object({ city: z.string(), temperature_c: z.number().int().max(10), conditions: z.string() });
    const failure = await provider
      .client(replay())
      .chat.completions.parse({ model: provider.model, messages, response_format: zodResponseFormat(Strict, "weather") })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(z.ZodError);
    expect((failure as z.ZodError).issues[0]?.path).toEqual(["temperature_c"]);
  });
});

describe("parse() when the model refuses or the answer is cut", () => {
  const format = () => zodResponseFormat(Weather, "weather");
  const anthropic = PROVIDERS.find((provider) => provider.name === "anthropic")!;
  const openai = PROVIDERS.find((provider) => provider.name === "openai")!;

  it("Anthropic's refusal stop reason becomes message.refusal with parsed null, as OpenAI's refusal", async () => {
    replay().route(anthropic.path(false), { file: fixture(anthropic, "parse-refusal.json") });
    const completion = await anthropic.client(replay()).chat.completions.parse({ model: anthropic.model, messages, response_format: format() });
    expect(completion.choices[0]?.message).toMatchObject({ refusal: "I can't help with synthesizing that compound.", content: null, parsed: null });
    expect(completion.onellm?.native_finish_reasons).toEqual(["refusal"]);
  });

  it("an answer cut by max_tokens raises LengthFinishReasonError (Anthropic max_tokens)", async () => {
    replay().route(anthropic.path(false), { file: "test/fixtures/anthropic/max-tokens.json" });
    const failure = await anthropic.client(replay()).chat.completions.parse({ model: anthropic.model, messages, response_format: format() }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LengthFinishReasonError);
  });

  it("a filtered answer raises ContentFilterFinishReasonError (Gemini SAFETY)", async () => {
    const gemini = PROVIDERS.find((provider) => provider.name === "gemini")!;
    replay().route(gemini.path(false), { file: "test/fixtures/gemini/safety-block.json" });
    const failure = await gemini.client(replay()).chat.completions.parse({ model: gemini.model, messages, response_format: format() }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ContentFilterFinishReasonError);
  });

  it("refuses a non-strict tool before sending anything", async () => {
    const failure = await openai
      .client(replay())
      .chat.completions.parse({ model: openai.model, messages, tools: [{ type: "function", function: { name: "lax", parameters: {} } }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadRequestError);
    expect(replay().requests).toHaveLength(0);
  });
});
