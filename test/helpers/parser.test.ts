import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zodResponseFormat as theirZodResponseFormat, zodFunction as theirZodFunction } from "openai/helpers/zod";
import { InvalidRequestError } from "../../src/errors.js";
import { ContentFilterFinishReasonError, LengthFinishReasonError, StructuredOutputError } from "../../src/errors-parse.js";
import { parseChatCompletion, validateInputTools } from "../../src/helpers/parser.js";
import { zodFunction, zodResponseFormat } from "../../src/helpers/zod.js";
import { completion, toolCall } from "./mock-client.js";
import { OpenAI } from "../../src/client.js";
import { captureFetch, json } from "./capture-fetch.js";

const Weather = z.object({ city: z.string(), celsius: z.number() });
const plain = {
  type: "json_schema" as const,
  json_schema: {
    name: "weather",
    strict: true,
    schema: { type: "object", properties: { city: { type: "string" }, celsius: { type: "number" } }, required: ["city", "celsius"], additionalProperties: false },
  },
};

describe("parseChatCompletion", () => {
  it("parses content with a zod format and with a plain JSON Schema", () => {
    const answer = completion({ content: '{"city":"Paris","celsius":18}' });
    expect(parseChatCompletion(answer, { response_format: zodResponseFormat(Weather, "weather") }).choices[0]?.message.parsed).toEqual({ city: "Paris", celsius: 18 });
    expect(parseChatCompletion(answer, { response_format: plain }).choices[0]?.message.parsed).toEqual({ city: "Paris", celsius: 18 });
  });

  it("checks a plain schema and names each mismatch", () => {
    const answer = completion({ content: '{"city":"Paris","celsius":"warm","extra":1}' });
    const error = (() => {
      try {
        parseChatCompletion(answer, { response_format: plain });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(StructuredOutputError);
    expect((error as StructuredOutputError).issues).toEqual([
      { path: "/celsius", message: "expected number, got string" },
      { path: "/extra", message: "is not allowed (additionalProperties: false)" },
    ]);
    expect((error as Error).message).toContain('response_format "weather"');
  });

  it("says so when the content is not JSON", () => {
    expect(() => parseChatCompletion(completion({ content: "Sure! Here it is" }), { response_format: plain })).toThrow(StructuredOutputError);
  });

  it("leaves parsed null for a refusal and for a request without a format", () => {
    expect(parseChatCompletion(completion({ content: null, refusal: "I can't help with that." }), { response_format: plain }).choices[0]?.message.parsed).toBeNull();
    expect(parseChatCompletion(completion({ content: "hi" }), {}).choices[0]?.message.parsed).toBeNull();
  });

  it("raises openai's errors for length and content-filter finishes", () => {
    expect(() => parseChatCompletion(completion({ content: '{"ci' }, "length"), { response_format: plain })).toThrow(LengthFinishReasonError);
    expect(() => parseChatCompletion(completion({ content: "" }, "content_filter"), { response_format: plain })).toThrow(ContentFilterFinishReasonError);
    expect(new LengthFinishReasonError().message).toBe("Could not parse response content as the length limit was reached");
  });

  it("parses tool-call arguments for zod and strict tools, not for others", () => {
    const answer = completion({ tool_calls: [toolCall("a", "zod", { city: "Paris", celsius: 1 }), toolCall("b", "strict", { x: 1 }), toolCall("c", "loose", { x: 1 })] }, "tool_calls");
    const parsed = parseChatCompletion(answer, {
      tools: [
        zodFunction({ name: "zod", parameters: Weather }),
        { type: "function", function: { name: "strict", strict: true, parameters: { type: "object", properties: { x: { type: "integer" } } } } },
        { type: "function", function: { name: "loose", parameters: {} } },
      ],
    });
    expect(parsed.choices[0]?.message.tool_calls?.map((call) => call.function.parsed_arguments)).toEqual([{ city: "Paris", celsius: 1 }, { x: 1 }, null]);
  });

  it("takes formats and tools made by openai's own zod helpers (the same protocol)", () => {
    const answer = completion({ content: '{"city":"Paris","celsius":18}', tool_calls: [toolCall("a", "w", { city: "Oslo", celsius: -2 })] });
    const parsed = parseChatCompletion(answer, {
      response_format: theirZodResponseFormat(Weather, "weather"),
      tools: [theirZodFunction({ name: "w", parameters: Weather })],
    });
    expect(parsed.choices[0]?.message.parsed).toEqual({ city: "Paris", celsius: 18 });
    expect(parsed.choices[0]?.message.tool_calls?.[0]?.function.parsed_arguments).toEqual({ city: "Oslo", celsius: -2 });
  });
});

describe("validateInputTools", () => {
  it("accepts strict function tools and refuses others by index", () => {
    expect(() => validateInputTools([zodFunction({ name: "ok", parameters: Weather })])).not.toThrow();
    expect(() => validateInputTools([{ type: "function", function: { name: "lax", parameters: {} } }])).toThrow(/tools\[0\].*`lax`.*strict: true/);
    expect(() => validateInputTools([{ type: "custom", custom: { name: "x" } }])).toThrow(InvalidRequestError);
  });
});

describe("parse() where the dialect has json_object only (DeepSeek): emulated, then validated here", () => {
  const answer = (content: string) => ({
    id: "c-1",
    object: "chat.completion",
    created: 1763107200,
    model: "deepseek-chat",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 9, completion_tokens: 9, total_tokens: 18 },
  });
  const client = (content: string) => {
    const capture = captureFetch(json(answer(content)));
    return { capture, client: new OpenAI({ env: { DEEPSEEK_API_KEY: "deepseek-key" }, fetch: capture.fetch, maxRetries: 0 }) };
  };

  it("sends json_object with the schema told to the model, and returns message.parsed", async () => {
    const { capture, client: deepseek } = client('{"city":"Paris","celsius":18}');
    const completion = await deepseek.chat.completions.parse({
      model: "deepseek/deepseek-chat",
      messages: [{ role: "user", content: "Weather in Paris?" }],
      response_format: zodResponseFormat(Weather, "weather"),
    });
    expect(completion.choices[0]?.message.parsed).toEqual({ city: "Paris", celsius: 18 });
    const body = capture.requests[0]!.body as { response_format: unknown; messages: { role: string; content: string }[] };
    expect(body.response_format).toEqual({ type: "json_object" });
    expect(body.messages[0]!.role).toBe("system");
    expect(body.messages[0]!.content).toContain('"celsius"');
    expect(completion.onellm?.warnings).toEqual([
      expect.stringMatching(/^response_format is emulated for deepseek: json_schema "weather" as json_object/),
      'parse(): message.parsed was validated against the "weather" schema with its parser, as the provider\'s structured output is emulated',
    ]);
  });

  it("an answer that does not fit the schema is a StructuredOutputError, not a parsed object", async () => {
    const { client: deepseek } = client('{"city":"Paris","celsius":"mild"}');
    const error = await deepseek.chat.completions
      .parse({ model: "deepseek/deepseek-chat", messages: [{ role: "user", content: "Weather?" }], response_format: plain })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StructuredOutputError);
    expect((error as StructuredOutputError).issues).toEqual([{ path: "/celsius", message: "expected number, got string" }]);
  });
});
