import { describe, expect, it } from "vitest";
import { UnsupportedParameterError } from "../../../src/errors.js";
import type { UnifiedRequest } from "../../../src/providers/contract.js";
import { buildRequest, mergeProviderOptions } from "../../../src/providers/gemini/gemini-request.js";
import { GEMINI_DECLARATIONS } from "../../../src/providers/gemini/gemini-fields.js";
import { GeminiTranslatorImpl } from "../../../src/providers/gemini/gemini-translator.js";
import { fixture, makeContext, PNG_BASE64, request } from "../../fixtures/gemini/fixtures.js";

const NO_MEDIA = new Map();
const hello = [{ role: "user" as const, content: "Hello" }];

function translate(body: UnifiedRequest, context = makeContext()) {
  return new GeminiTranslatorImpl().toNativeRequest(body, context);
}

describe("buildRequest", () => {
  it("sends a minimal request with no generationConfig at all", () => {
    expect(translate(request({ messages: hello }))).toEqual({ contents: [{ role: "user", parts: [{ text: "Hello" }] }] });
  });

  it("builds the system-instruction request exactly", () => {
    const body = translate(
      request({
        messages: [
          { role: "system", content: "You are a pirate." },
          { role: "system", content: "Answer in one sentence." },
          { role: "user", content: "What is the capital of France?" },
        ],
      }),
    );
    expect(body).toEqual(fixture("system-instruction.request.json"));
  });

  it("puts only the parameters the caller set into generationConfig (penalties on a model that takes them)", () => {
    const body = translate(
      request({
        model: "google/gemini-2.0-flash",
        messages: hello,
        temperature: 0.2,
        top_p: 0.9,
        max_tokens: 100,
        stop: "END",
        n: 2,
        presence_penalty: 0.5,
        frequency_penalty: -0.5,
        seed: 42,
        logprobs: true,
        top_logprobs: 3,
      }),
      makeContext("error", "gemini-2.0-flash"),
    );
    expect(body.generationConfig).toEqual({
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 100,
      stopSequences: ["END"],
      candidateCount: 2,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      seed: 42,
      responseLogprobs: true,
      logprobs: 3,
    });
  });

  it("maps each parameter on its own, and zero values are kept", () => {
    expect(translate(request({ messages: hello, temperature: 0 })).generationConfig).toEqual({ temperature: 0 });
    expect(translate(request({ messages: hello, max_completion_tokens: 50, max_tokens: 10 })).generationConfig).toEqual({ maxOutputTokens: 50 });
    expect(translate(request({ messages: hello, stop: ["a", "b"] })).generationConfig).toEqual({ stopSequences: ["a", "b"] });
    expect(translate(request({ messages: hello, logprobs: false })).generationConfig).toBeUndefined();
    expect(translate(request({ messages: hello, temperature: null, stop: null })).generationConfig).toBeUndefined();
  });

  it("converts a json_schema response format to Gemini's Schema (responseSchema) for models before full JSON Schema, reporting changes", () => {
    const context = makeContext("error", "gemini-2.0-flash");
    const schema = { type: "object", properties: { name: { type: "string" }, extra: {} }, required: ["name"] };
    expect(translate(request({ messages: hello, response_format: { type: "json_schema", json_schema: { name: "p", schema } } }), context).generationConfig).toEqual({
      responseMimeType: "application/json",
      responseSchema: { type: "OBJECT", properties: { name: { type: "STRING" }, extra: { type: "STRING" } }, required: ["name"] },
    });
    expect(context.warnings).toEqual([
      "google: response_format.json_schema.schema: a schema that accepts any value at /properties/extra was sent as type STRING (Gemini's Schema has no type for any value, and refuses TYPE_UNSPECIFIED).",
    ]);
  });

  it("maps response_format", () => {
    expect(translate(request({ messages: hello, response_format: { type: "text" } })).generationConfig).toBeUndefined();
    expect(translate(request({ messages: hello, response_format: { type: "json_object" } })).generationConfig).toEqual({
      responseMimeType: "application/json",
    });
    const schema = { type: "object", properties: { name: { type: "string" } }, required: ["name"], additionalProperties: false };
    expect(
      translate(request({ messages: hello, response_format: { type: "json_schema", json_schema: { name: "person", description: "A person", schema, strict: true } } }))
        .generationConfig,
    ).toEqual({ responseMimeType: "application/json", responseJsonSchema: { ...schema, description: "A person" } });
  });

  it("puts system text at the start of the first user turn for Gemma, which rejects systemInstruction", () => {
    const context = makeContext("error", "gemma-3-27b-it");
    const body = translate(request({ messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hello" }] }), context);
    expect(body).toEqual({ contents: [{ role: "user", parts: [{ text: "Be brief." }, { text: "Hello" }] }] });
    expect(context.warnings).toEqual(["system messages is emulated for google: Gemma takes no systemInstruction, so the system text opens the first user turn"]);
    const opensWithModel = translate(request({ messages: [{ role: "system", content: "Be brief." }, { role: "assistant", content: "Hi!" }, { role: "user", content: "Hello" }] }), makeContext("error", "models/gemma-3n-e4b-it"));
    expect(opensWithModel.contents).toEqual([
      { role: "user", parts: [{ text: "Be brief." }] },
      { role: "model", parts: [{ text: "Hi!" }] },
      { role: "user", parts: [{ text: "Hello" }] },
    ]);
    expect(opensWithModel.systemInstruction).toBeUndefined();
  });

  it("turns image detail into the request-wide mediaResolution before Gemini 3, and refuses details that disagree", () => {
    const image = (detail: "low" | "high" | "auto") => ({ type: "image_url" as const, image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail } });
    const body = translate(request({ messages: [{ role: "user", content: [image("high"), image("auto"), image("high")] }] }));
    expect(body.generationConfig).toEqual({ mediaResolution: "MEDIA_RESOLUTION_HIGH" });
    expect(body.contents[0]?.parts?.every((part) => part.mediaResolution === undefined)).toBe(true);
    const mixed = request({ messages: [{ role: "user", content: [image("low"), image("high")] }] });
    expect(() => translate(mixed)).toThrow(UnsupportedParameterError);
    expect(() => translate(mixed)).toThrow(/image_url\.detail.*needs Gemini 3/);
    expect(translate(mixed, makeContext("drop")).generationConfig).toBeUndefined();
    expect(translate(mixed, makeContext("error", "gemini-3-flash-preview")).generationConfig).toBeUndefined();
  });

  it("refuses penalties on Gemini 2.5 and later, which answer 400 \"Penalty is not enabled\" (0 asks for nothing)", () => {
    for (const model of ["gemini-2.5-flash", "gemini-2.5-pro", "gemini-3-flash-preview"]) {
      const act = () => translate(request({ messages: hello, presence_penalty: 0.5 }), makeContext("error", model));
      expect(act).toThrow(UnsupportedParameterError);
      expect(act).toThrow(/`presence_penalty`.*Penalty is not enabled/);
      expect(() => translate(request({ messages: hello, frequency_penalty: -1 }), makeContext("error", model))).toThrow(/`frequency_penalty`/);
    }
    expect(translate(request({ messages: hello, presence_penalty: 0, frequency_penalty: 0 })).generationConfig).toBeUndefined();
    const dropping = makeContext("drop");
    expect(translate(request({ messages: hello, presence_penalty: 0.5, temperature: 1 }), dropping).generationConfig).toEqual({ temperature: 1 });
    expect(dropping.warnings).toEqual([
      'google does not support `presence_penalty` (Gemini 2.5 Flash answers 400 "Penalty is not enabled"); it was not sent (unsupportedParams: "drop").',
    ]);
  });

  it("maps reasoning_effort to a thinking budget, or a thinking level on Gemini 3, always asking for the thoughts", () => {
    expect(translate(request({ messages: hello, reasoning_effort: "low" })).generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } });
    expect(translate(request({ messages: hello, reasoning_effort: "none" })).generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 0 } });
    expect(translate(request({ messages: hello, reasoning_effort: "high" }), makeContext("error", "gemini-3-pro-preview")).generationConfig).toEqual({
      thinkingConfig: { thinkingLevel: "HIGH", includeThoughts: true },
    });
    expect(translate(request({ messages: hello, reasoning_effort: "minimal" }), makeContext("error", "gemini-3-flash-preview")).generationConfig).toEqual({
      thinkingConfig: { thinkingLevel: "MINIMAL", includeThoughts: true },
    });
    // Gemini 3 Pro takes low and high only: another level is refused, never moved.
    expect(() => translate(request({ messages: hello, reasoning_effort: "medium" }), makeContext("error", "gemini-3-pro-preview"))).toThrow(/"medium": Gemini 3 Pro takes "low", "high"/);
    expect(() => translate(request({ messages: hello, reasoning_effort: "low" }), makeContext("error", "gemini-2.0-flash"))).toThrow(/Gemini 2\.0 does not think/);
    expect(() => translate(request({ messages: hello, reasoning_effort: "xhigh" }))).toThrow(/`reasoning_effort`.*"xhigh"/);
    expect(() => translate(request({ messages: hello, reasoning_effort: "none" }), makeContext("error", "gemini-3-flash"))).toThrow(UnsupportedParameterError);
  });

  it("refuses reasoning_effort none before the network for Gemini 2.5 Pro, which cannot stop thinking", () => {
    const act = () => translate(request({ messages: hello, reasoning_effort: "none" }), makeContext("error", "gemini-2.5-pro"));
    expect(act).toThrow(UnsupportedParameterError);
    expect(act).toThrow(/"none": Gemini 2\.5 Pro cannot turn thinking off/);
    const dropped = makeContext("drop", "models/gemini-2.5-pro");
    expect(translate(request({ messages: hello, reasoning_effort: "none" }), dropped).generationConfig).toBeUndefined();
    expect(translate(request({ messages: hello, reasoning_effort: "none" }), makeContext("error", "gemini-2.5-flash-lite")).generationConfig).toEqual({
      thinkingConfig: { thinkingBudget: 0 },
    });
  });

  it("sends tools and tool_choice", () => {
    const body = translate(
      request({
        messages: hello,
        tools: [{ type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
        tool_choice: "required",
      }),
    );
    expect(body.tools).toEqual([
      { functionDeclarations: [{ name: "get_weather", description: "Weather", parametersJsonSchema: { type: "object", properties: { city: { type: "string" } } } }] },
    ]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: "ANY" } });
  });

  const unsupported: [string, Partial<UnifiedRequest>][] = [
    ["logit_bias", { logit_bias: { "50256": -100 } }],
    ["user", { user: "u-1" }],
    ["parallel_tool_calls", { parallel_tool_calls: false }],
    ["store", { store: true }],
    ["metadata", { metadata: { k: "v" } }],
    ["modalities", { modalities: ["text", "audio"] }],
    ["audio", { audio: { voice: "alloy", format: "mp3" } }],
    ["prediction", { prediction: { type: "content", content: "x" } }],
    ["service_tier", { service_tier: "flex" }],
    ["verbosity", { verbosity: "low" }],
    ["safety_identifier", { safety_identifier: "s" }],
    ["prompt_cache_key", { prompt_cache_key: "k" }],
  ];

  it.each(unsupported)("reports %s under the error policy before anything is sent", (field, extra) => {
    const act = () => translate({ ...request({ messages: hello }), ...extra } as UnifiedRequest);
    expect(act).toThrow(UnsupportedParameterError);
    expect(act).toThrow(new RegExp(`google does not support \`${field}\``));
  });

  it("reports unknown top-level fields (Gemini takes no unknown fields)", () => {
    const body = { ...request({ messages: hello }), frobnicate: 1 } as unknown as UnifiedRequest;
    expect(() => translate(body)).toThrow(/google does not support `frobnicate`/);
  });

  it("drops unsupported fields with a warning under drop and warn", () => {
    for (const policy of ["drop", "warn"] as const) {
      const context = makeContext(policy);
      const body = translate({ ...request({ messages: hello, temperature: 1 }), logit_bias: { "1": 2 }, user: "u" } as UnifiedRequest, context);
      expect(body).toEqual({ contents: [{ role: "user", parts: [{ text: "Hello" }] }], generationConfig: { temperature: 1 } });
      expect(context.warnings).toEqual([
        `google does not support \`logit_bias\` (Gemini has no token biasing); it was not sent (unsupportedParams: "${policy}").`,
        `google does not support \`user\`; it was not sent (unsupportedParams: "${policy}").`,
      ]);
    }
  });

  it("accepts values that ask for what Gemini does anyway", () => {
    const context = makeContext();
    expect(translate(request({ messages: hello, parallel_tool_calls: true, store: false, stream: false }), context)).toEqual({
      contents: [{ role: "user", parts: [{ text: "Hello" }] }],
    });
    expect(context.warnings).toEqual([]);
  });

  it("declares which fields it translates, in one place", () => {
    const translated = Object.entries(GEMINI_DECLARATIONS.fields).filter(([, declared]) => declared.support !== "unsupported").map(([field]) => field);
    expect(translated.sort()).toEqual([
      "model", "messages", "stream", "stream_options", "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop", "n",
      "presence_penalty", "frequency_penalty", "seed", "logprobs", "top_logprobs", "response_format", "reasoning_effort", "tools", "tool_choice",
      "web_search_options",
    ].sort());
  });

  it("is the same as buildRequest with no media", () => {
    const body = request({ messages: hello, temperature: 0.5 });
    expect(translate(body)).toEqual(buildRequest(body, makeContext(), NO_MEDIA));
  });
});

describe("mergeProviderOptions", () => {
  it("merges provider_options.google into the body last, objects key by key", () => {
    const body = translate(request({ messages: hello, temperature: 0.3 }));
    expect(
      mergeProviderOptions(body, {
        safetySettings: [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_NONE" }],
        generationConfig: { thinkingConfig: { includeThoughts: true }, temperature: 0.9 },
      }),
    ).toEqual({
      contents: [{ role: "user", parts: [{ text: "Hello" }] }],
      safetySettings: [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_NONE" }],
      generationConfig: { temperature: 0.9, thinkingConfig: { includeThoughts: true } },
    });
  });

  it("adds provider_options tools (built-in ones such as googleSearch) to the translated functions instead of replacing them", () => {
    const tools = [{ type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }];
    const body = translate(request({ messages: hello, tools }));
    expect(mergeProviderOptions(body, { tools: [{ googleSearch: {} }, { urlContext: {} }] }).tools).toEqual([
      { functionDeclarations: [{ name: "get_weather", description: "", parametersJsonSchema: { type: "object", properties: { city: { type: "string" } } } }] },
      { googleSearch: {} },
      { urlContext: {} },
    ]);
    expect(mergeProviderOptions(translate(request({ messages: hello })), { tools: [{ googleSearch: {} }] }).tools).toEqual([{ googleSearch: {} }]);
  });

  it("asks for thoughts whenever provider_options sends a thinking config (unless it turns thinking off or says otherwise)", () => {
    const body = translate(request({ messages: hello }));
    expect(mergeProviderOptions(body, { generationConfig: { thinkingConfig: { thinkingBudget: 2048 } } }).generationConfig).toEqual({
      thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
    });
    expect(mergeProviderOptions(body, { generationConfig: { thinkingConfig: { thinkingBudget: 0 } } }).generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 0 } });
    expect(mergeProviderOptions(body, { generationConfig: { thinkingConfig: { thinkingLevel: "LOW", includeThoughts: false } } }).generationConfig).toEqual({
      thinkingConfig: { thinkingLevel: "LOW", includeThoughts: false },
    });
  });

  it("returns the body untouched without options", () => {
    const body = translate(request({ messages: hello }));
    expect(mergeProviderOptions(body, undefined)).toBe(body);
  });
});
