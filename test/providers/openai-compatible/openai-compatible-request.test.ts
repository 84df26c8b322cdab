// Each rename and each refusal, on the native body a dialect is sent (an injected fetch records it;
// a refusal sends nothing). With unsupportedParams "warn" (or "drop") every dropped item is named in
// onellm.warnings; onellm's own message fields are dropped silently (the contract: no warning).
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import { InvalidRequestError, UnsupportedParameterError } from "../../../src/errors.js";
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from "../../../src/types.js";
import { DIALECTS } from "../../../src/providers/openai-compatible/openai-compatible-dialects.js";
import { SPEC_SURFACES, surfaceOf } from "../../../src/providers/openai-compatible/openai-compatible-family.js";
import { classifyDialect, effectiveSurface } from "../../../src/providers/openai-compatible/openai-compatible-rules.js";
import { toolCallIdPattern } from "../../../src/providers/tool-call-ids.js";
import { captureFetch, json, type CaptureFetch } from "../../helpers/capture-fetch.js";

const ANSWER = {
  id: "cmpl-1",
  object: "chat.completion",
  created: 1763107200,
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

const ENV = {
  MISTRAL_API_KEY: "mistral-key",
  GROQ_API_KEY: "groq-key",
  DEEPSEEK_API_KEY: "deepseek-key",
  XAI_API_KEY: "xai-key",
  OPENAI_API_KEY: "sk-openai-key",
  OPENROUTER_API_KEY: "sk-or-key",
  AZURE_OPENAI_API_KEY: "azure-key",
  AZURE_OPENAI_ENDPOINT: "https://contoso.openai.azure.com",
  MOONSHOT_API_KEY: "moonshot-key",
  PERPLEXITY_API_KEY: "pplx-key",
};

function setup(policy: "error" | "warn" | "drop" = "error"): { client: OpenAI; capture: CaptureFetch; logged: string[] } {
  const capture = captureFetch(json(ANSWER));
  const logged: string[] = [];
  const logger = { debug() {}, info() {}, warn: (message: string) => logged.push(message), error() {} };
  return { client: new OpenAI({ env: ENV, fetch: capture.fetch, unsupportedParams: policy, logger, maxRetries: 0 }), capture, logged };
}

async function sent(body: ChatCompletionCreateParamsNonStreaming, policy: "error" | "warn" | "drop" = "error") {
  const { client, capture, logged } = setup(policy);
  const completion = await client.chat.completions.create(body);
  return { body: capture.requests[0]!.body as Record<string, unknown>, warnings: completion.onellm?.warnings ?? [], logged };
}

async function refused(body: ChatCompletionCreateParamsNonStreaming): Promise<UnsupportedParameterError> {
  const { client, capture } = setup("error");
  const error = await client.chat.completions.create(body).catch((caught: unknown) => caught);
  expect(capture.requests).toHaveLength(0);
  expect(error).toBeInstanceOf(UnsupportedParameterError);
  return error as UnsupportedParameterError;
}

const hi: ChatCompletionMessageParam[] = [{ role: "user", content: "hi" }];

describe("renames", () => {
  it("seed -> random_seed (Mistral)", async () => {
    const { body } = await sent({ model: "mistral/mistral-small-latest", messages: hi, seed: 7 });
    expect(body).toMatchObject({ random_seed: 7 });
    expect(body).not.toHaveProperty("seed");
  });

  it.each(["mistral/mistral-small-latest", "deepseek/deepseek-chat", "xai/grok-4"])("max_completion_tokens -> max_tokens (%s knows only max_tokens)", async (model) => {
    const { body, warnings } = await sent({ model, messages: hi, max_completion_tokens: 64 });
    expect(body).toMatchObject({ max_tokens: 64 });
    expect(body).not.toHaveProperty("max_completion_tokens");
    expect(warnings).toEqual([]);
  });

  it("keeps max_completion_tokens for a dialect that knows it (Groq)", async () => {
    const { body } = await sent({ model: "groq/llama-3.3-70b-versatile", messages: hi, max_completion_tokens: 64 });
    expect(body).toMatchObject({ max_completion_tokens: 64 });
  });

  it("max_tokens and max_completion_tokens with different values, for a dialect with one field, is an error naming both", async () => {
    const { client, capture } = setup();
    const error = await client.chat.completions
      .create({ model: "mistral/mistral-small-latest", messages: hi, max_tokens: 10, max_completion_tokens: 20 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/`max_tokens` and `max_completion_tokens` are both set/);
    expect(capture.requests).toHaveLength(0);
  });

  it.each(["mistral/mistral-small-latest", "xai/grok-4", "deepseek/deepseek-chat"])("developer -> system where the role is unknown (%s)", async (model) => {
    const { body } = await sent({ model, messages: [{ role: "developer", content: "Be brief." }, ...hi] });
    expect((body["messages"] as Record<string, unknown>[])[0]).toEqual({ role: "system", content: "Be brief." });
  });

  it("keeps developer for a dialect that has it (Groq's spec maps it)", async () => {
    const { body } = await sent({ model: "groq/llama-3.3-70b-versatile", messages: [{ role: "developer", content: "Be brief." }, ...hi] });
    expect((body["messages"] as Record<string, unknown>[])[0]).toEqual({ role: "developer", content: "Be brief." });
  });

  it('tool_choice "required" -> "any" (Mistral)', async () => {
    const tools = [{ type: "function" as const, function: { name: "f", parameters: { type: "object" } } }];
    const { body } = await sent({ model: "mistral/mistral-small-latest", messages: hi, tools, tool_choice: "required" });
    expect(body["tool_choice"]).toBe("any");
  });
});

describe("refusals before any network call", () => {
  it.each([
    ["mistral/mistral-small-latest", { logprobs: true }, "logprobs"],
    ["mistral/mistral-small-latest", { user: "u-1" }, "user"],
    ["groq/llama-3.3-70b-versatile", { logit_bias: { "1": 1 } }, "logit_bias"],
    ["groq/llama-3.3-70b-versatile", { logprobs: true, top_logprobs: 2 }, "logprobs"],
    ["deepseek/deepseek-chat", { seed: 3 }, "seed"],
    ["ollama-openai/llama3.2", { tool_choice: "none", tools: [{ type: "function", function: { name: "f" } }] }, "tool_choice"],
    ["ollama-openai/llama3.2", { tool_choice: "required", tools: [{ type: "function", function: { name: "f" } }] }, "tool_choice"],
    ["ollama-openai/llama3.2", { user: "u-1" }, "user"],
  ] as const)("%s refuses %j", async (model, extra, parameter) => {
    const error = await refused({ model, messages: hi, ...extra } as ChatCompletionCreateParamsNonStreaming);
    expect(error.parameter).toBe(parameter);
    expect(error.message).toContain(`does not support \`${parameter}\``);
  });

  it("refuses a value outside the dialect's enum, naming what it takes", async () => {
    const error = await refused({ model: "mistral/magistral-medium-latest", messages: hi, reasoning_effort: "low" });
    expect(error.parameter).toBe('reasoning_effort: "low"');
    expect(error.message).toContain('mistral takes "high", "none"');
  });

  it("refuses a response_format the dialect lacks and cannot emulate (json_schema with no schema, where only json_object is taken)", async () => {
    const error = await refused({
      model: "deepseek/deepseek-chat",
      messages: hi,
      response_format: { type: "json_schema", json_schema: { name: "x" } },
    });
    expect(error.parameter).toBe('response_format.type: "json_schema"');
    expect(error.message).toContain('deepseek takes "text", "json_object"');
  });

  it("refuses a content part the role does not take, naming its place", async () => {
    const error = await refused({
      model: "groq/llama-3.3-70b-versatile",
      messages: [{ role: "user", content: [{ type: "text", text: "listen" }, { type: "input_audio", input_audio: { data: "UklGRg==", format: "wav" } }] }],
    });
    expect(error.parameter).toBe("messages[0].content[1] (input_audio)");
  });

  it("refuses an image by URL where only data: URIs are taken (Ollama's /v1)", async () => {
    const error = await refused({
      model: "ollama-openai/llava",
      messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/cat.png" } }] }],
    });
    expect(error.parameter).toBe("messages[0].content[0] (image_url by http(s) URL)");
  });

  it("refuses a message field a strict role does not declare (Mistral user `name`, Groq `name`)", async () => {
    for (const model of ["mistral/mistral-small-latest", "groq/llama-3.3-70b-versatile"]) {
      const error = await refused({ model, messages: [{ role: "user", name: "ada", content: "hi" }] });
      expect(error.parameter).toBe("messages[0].name");
    }
  });

  it("refuses a role the dialect does not have", async () => {
    const error = await refused({ model: "mistral/mistral-small-latest", messages: [...hi, { role: "function", name: "f", content: "1" }] });
    expect(error.parameter).toBe('messages[1] (role "function")');
  });

  it("refuses a field OpenAI does not define for a strict dialect, forwards it to a lenient one", async () => {
    const extension = { model: "mistral/mistral-small-latest", messages: hi, top_k: 40 } as unknown as ChatCompletionCreateParamsNonStreaming;
    expect((await refused(extension)).parameter).toBe("top_k");
    const { body } = await sent({ ...extension, model: "deepseek/deepseek-chat" });
    expect(body["top_k"]).toBe(40);
  });

  it("does not refuse what is honoured or OpenAI's default: Mistral stream_options, tool_choice auto, n 1, parallel_tool_calls true", async () => {
    const { body, warnings } = await sent({ model: "ollama-openai/llama3.2", messages: hi, tool_choice: "auto", n: 1, parallel_tool_calls: true });
    expect(body).toEqual({ model: "llama3.2", messages: hi });
    expect(warnings).toEqual([]);
  });
});

describe("onellm's own fields on a returned message", () => {
  const reply = {
    role: "assistant",
    content: "It is sunny.",
    refusal: null,
    annotations: [{ type: "url_citation", url_citation: { start_index: 0, end_index: 2, title: "t", url: "https://example.com" } }],
    reasoning_content: "Look it up.",
    reasoning_details: [{ type: "reasoning.text", text: "Look it up.", format: "anthropic-claude-v1" }],
    onellm: { provider: "anthropic" },
    tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: "{}" }, extra_content: { google: { thought_signature: "c2ln" } } }],
  } as unknown as ChatCompletionMessageParam;
  const messages: ChatCompletionMessageParam[] = [...hi, reply, { role: "tool", tool_call_id: "call_1", content: "sunny" }];

  it.each(["mistral/mistral-small-latest", "groq/llama-3.3-70b-versatile"])("are dropped silently for a strict dialect (%s)", async (model) => {
    const { body, warnings } = await sent({ model, messages });
    const sentMessages = body["messages"] as Record<string, unknown>[];
    // Mistral takes only 9 letters and digits as an id: `call_1` is rewritten, in the result too.
    const id = model.startsWith("mistral/") ? expect.stringMatching(/^[a-zA-Z0-9]{9}$/) : "call_1";
    expect(sentMessages[1]).toEqual({
      role: "assistant",
      content: "It is sunny.",
      tool_calls: [{ id, type: "function", function: { name: "f", arguments: "{}" } }],
    });
    expect(sentMessages[2]!["tool_call_id"]).toBe((sentMessages[1]!["tool_calls"] as { id: string }[])[0]!.id);
    expect(warnings).toEqual([]);
  });

  it("are kept where the dialect takes them (xAI and DeepSeek take reasoning_content back)", async () => {
    for (const model of ["xai/grok-4", "deepseek/deepseek-reasoner"]) {
      const { body } = await sent({ model, messages });
      const assistant = (body["messages"] as Record<string, unknown>[])[1]!;
      expect(assistant["reasoning_content"]).toBe("Look it up.");
      expect(assistant).not.toHaveProperty("annotations");
      expect(assistant).not.toHaveProperty("onellm");
    }
  });

  it("OpenAI gets the fields its request message takes (refusal) and none of onellm's (annotations are a response field)", async () => {
    const { body } = await sent({ model: "gpt-4o-mini", messages });
    const assistant = (body["messages"] as Record<string, unknown>[])[1]!;
    expect(Object.keys(assistant).sort()).toEqual(["content", "refusal", "role", "tool_calls"]);
    expect((assistant["tool_calls"] as Record<string, unknown>[])[0]).not.toHaveProperty("extra_content");
  });
});

describe('unsupportedParams: "warn" and "drop"', () => {
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: "mistral/mistral-small-latest",
    messages: [
      // Ogg audio: Mistral takes audio as input_audio, wav or mp3 only.
      { role: "user", name: "ada", content: [{ type: "text", text: "hi" }, { type: "audio_url", audio_url: { url: "data:audio/ogg;base64,T2dnUwACAAAAAAAAAAA=" } }] },
    ],
    logprobs: true,
    top_logprobs: 2,
    logit_bias: { "1": 1 },
    user: "u-1",
    store: true,
    service_tier: "auto",
    reasoning_effort: "low",
  };
  const expected = [
    "`messages[0].name`",
    "`messages[0].content[1] (audio_url, audio/ogg)`",
    "`logprobs`",
    "`top_logprobs`",
    "`logit_bias`",
    "`user`",
    "`store`",
    "`service_tier`",
    '`reasoning_effort: "low"`',
  ];

  it("warn: each drop is named in onellm.warnings and logged; the rest is sent", async () => {
    const { body: native, warnings, logged } = await sent(body, "warn");
    expect(native).toEqual({ model: "mistral-small-latest", messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] });
    for (const name of expected) expect(warnings.some((warning) => warning.includes(name))).toBe(true);
    expect(warnings).toHaveLength(expected.length);
    expect(logged).toEqual(warnings);
  });

  it("drop: the same warnings, nothing logged", async () => {
    const { warnings, logged } = await sent(body, "drop");
    expect(warnings).toHaveLength(expected.length);
    expect(logged).toEqual([]);
  });
});

describe("the surface's tool-call id slot", () => {
  it("Mistral's id constraint is declared for the id rewriting to read", () => {
    const mistral = DIALECTS.find((dialect) => dialect.name === "mistral")!;
    const surface = effectiveSurface(SPEC_SURFACES.mistral, mistral.quirks);
    const pattern = new RegExp(toolCallIdPattern(surface.toolCallId!));
    expect(pattern.source).toBe("^[a-zA-Z0-9]{9}$");
    expect(pattern.test("D681PevKs")).toBe(true);
    expect(pattern.test("call_8fJ2kLm3Nq4Rs5Tu6Vw7Xy9Z")).toBe(false);
  });
});

describe("part and tool fields beyond OpenAI's core: cache_control (onellm's), prompt_cache_breakpoint (OpenAI's)", () => {
  const cached = (model: string): ChatCompletionCreateParamsNonStreaming => ({
    model,
    messages: [{ role: "user", content: [{ type: "text", text: "A long document…", cache_control: { type: "ephemeral" } }] }],
    tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } }, cache_control: { type: "ephemeral", ttl: "1h" } }],
  });

  it.each(["mistral/mistral-small-latest", "groq/llama-3.3-70b-versatile", "deepseek/deepseek-chat", "gpt-4o-mini", "azure/gpt-4o"])(
    "%s: cache_control on a part and on a tool goes through the policy",
    async (model) => {
      expect((await refused(cached(model))).parameter).toBe("messages[0].content[0].cache_control");
      const capture = captureFetch(json(ANSWER));
      const client = new OpenAI({ env: ENV, fetch: capture.fetch, unsupportedParams: "drop" });
      const completion = await client.chat.completions.create(cached(model));
      const body = capture.requests[0]!.body as Record<string, unknown>;
      expect(JSON.stringify(body)).not.toContain("cache_control");
      expect(completion.onellm?.warnings).toEqual([
        expect.stringContaining("`messages[0].content[0].cache_control`"),
        expect.stringContaining("`tools[0].cache_control`"),
      ]);
    },
  );

  it("OpenRouter takes cache_control on parts (it passes breakpoints on)", async () => {
    const { tools: _tools, ...withoutTools } = cached("openrouter/anthropic/claude-sonnet-4.5");
    const { body } = await sent(withoutTools);
    expect((body["messages"] as { content: unknown[] }[])[0]!.content[0]).toEqual({ type: "text", text: "A long document…", cache_control: { type: "ephemeral" } });
  });

  it("OpenAI's own prompt_cache_breakpoint passes to OpenAI, and is refused by a dialect without it", async () => {
    const body = {
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: [{ type: "text", text: "Long.", prompt_cache_breakpoint: { mode: "explicit" } }] }],
    } as unknown as ChatCompletionCreateParamsNonStreaming;
    const openai = await sent(body);
    expect((openai.body["messages"] as { content: Record<string, unknown>[] }[])[0]!.content[0]).toHaveProperty("prompt_cache_breakpoint");
    expect((await refused({ ...body, model: "mistral/mistral-small-latest" })).parameter).toBe("messages[0].content[0].prompt_cache_breakpoint");
  });
});

describe("response_format a dialect lacks, emulated with the one it has", () => {
  const weather = {
    type: "object",
    properties: { city: { type: "string" }, temperature_c: { type: "number" } },
    required: ["city", "temperature_c"],
    additionalProperties: false,
  };

  it.each(["deepseek/deepseek-chat", "moonshot/kimi-k2-0905-preview"])("json_schema -> json_object with the schema in a first system message (%s)", async (model) => {
    const system: ChatCompletionMessageParam = { role: "system", content: "Be brief." };
    const { body, warnings } = await sent(
      { model, messages: [system, ...hi], response_format: { type: "json_schema", json_schema: { name: "weather", description: "today's weather", schema: weather, strict: true } } },
      "error",
    );
    expect(body["response_format"]).toEqual({ type: "json_object" });
    const messages = body["messages"] as { role: string; content: string }[];
    expect(messages.map((message) => message.role)).toEqual(["system", "system", "user"]);
    expect(messages[1]).toEqual({ role: "system", content: "Be brief." });
    // The model is told the schema itself (and the word JSON, which DeepSeek's JSON mode asks for).
    expect(messages[0]!.content).toContain('JSON Schema "weather" (today\'s weather)');
    expect(JSON.parse(messages[0]!.content.slice(messages[0]!.content.indexOf("\n") + 1))).toEqual(weather);
    expect(warnings).toEqual([expect.stringMatching(/^response_format is emulated for (deepseek|moonshot): json_schema "weather" as json_object/)]);
  });

  it.each(["lmstudio/qwen3-8b", "perplexity/sonar"])("json_object -> json_schema with an open object schema (%s)", async (model) => {
    const { body, warnings } = await sent({ model, messages: hi, response_format: { type: "json_object" } }, "error");
    expect(body["response_format"]).toEqual({ type: "json_schema", json_schema: { name: "json_object", schema: { type: "object" } } });
    expect(body["messages"]).toEqual([{ role: "user", content: "hi" }]);
    expect(warnings).toEqual([expect.stringMatching(/^response_format is emulated for (lmstudio|perplexity): json_object as json_schema/)]);
  });

  it("a type the dialect takes is sent as it is, with no warning (DeepSeek json_object, Groq json_schema)", async () => {
    const deepseek = await sent({ model: "deepseek/deepseek-chat", messages: hi, response_format: { type: "json_object" } });
    expect(deepseek.body["response_format"]).toEqual({ type: "json_object" });
    expect(deepseek.body["messages"]).toEqual([{ role: "user", content: "hi" }]);
    const format = { type: "json_schema" as const, json_schema: { name: "weather", schema: weather } };
    const groq = await sent({ model: "groq/openai/gpt-oss-20b", messages: hi, response_format: format });
    expect(groq.body["response_format"]).toEqual(format);
    expect([...deepseek.warnings, ...groq.warnings]).toEqual([]);
  });
});


describe("the capability tables' value notes are what the translator does", () => {
  // docs/capabilities.md and README say, per dialect, which of OpenAI's values of a field it
  // refuses or emulates (classifyDialect's notes). Every value of these fields is sent through the
  // real client here: refused exactly when the note says so, emulated exactly when it says so.
  const reference = SPEC_SURFACES.openai;
  const tool = { type: "function" as const, function: { name: "f", parameters: { type: "object", properties: {} } } };
  const bodies: Record<string, (value: string) => Record<string, unknown>> = {
    reasoning_effort: (value) => ({ reasoning_effort: value }),
    service_tier: (value) => ({ service_tier: value }),
    response_format: (value) => ({ response_format: value === "json_schema" ? { type: value, json_schema: { name: "x", schema: { type: "object" } } } : { type: value } }),
    tools: (value) => ({ tools: [value === "custom" ? { type: "custom", custom: { name: "c" } } : tool] }),
  };
  const enumKey: Record<string, string> = { reasoning_effort: "reasoning_effort", service_tier: "service_tier", response_format: "response_format.type", tools: "tools[].type" };
  const env = Object.fromEntries(DIALECTS.flatMap((dialect) => dialect.envPrefixes.map((prefix) => [`${prefix}_API_KEY`, "key"])));
  const dialects = DIALECTS.filter((dialect) => dialect.name !== "openai" && dialect.name !== "azure");
  const cases = dialects.flatMap((dialect) => {
    const classification = classifyDialect(surfaceOf(dialect), dialect.quirks, dialect.nativeN, reference);
    return Object.keys(bodies).flatMap((field) => {
      const support = classification.fields.get(field);
      if (support?.support !== "native") return [];
      return (reference.enums[enumKey[field]!] ?? []).map((value) => ({ dialect: dialect.name, field, value, note: support.note ?? "" }));
    });
  });

  it("covers every dialect", () => {
    expect(new Set(cases.map((entry) => entry.dialect)).size).toBe(dialects.length);
    expect(dialects.length).toBeGreaterThanOrEqual(13);
  });

  it.each(cases)("$dialect $field $value", async ({ dialect, field, value, note }) => {
    const capture = captureFetch(json(ANSWER));
    const client = new OpenAI({ env: { ...ENV, ...env }, fetch: capture.fetch, maxRetries: 0 });
    const model = dialect === "mistral" ? "mistral/magistral-medium-latest" : `${dialect}/some-model`;
    const outcome = await client.chat.completions
      .create({ model, messages: hi, ...bodies[field]!(value) } as ChatCompletionCreateParamsNonStreaming)
      .then((completion) => completion.onellm?.warnings ?? [], (error: unknown) => error);
    const refused = new RegExp(`(^|, )("[^"]+", )*"${value}"(, "[^"]+")* refused`).test(note);
    const emulated = note.includes(`"${value}" emulated with`);
    if (refused) {
      expect(outcome).toBeInstanceOf(UnsupportedParameterError);
      expect(capture.requests).toHaveLength(0);
    } else {
      expect(outcome).toBeInstanceOf(Array);
      expect((outcome as string[]).some((warning) => warning.startsWith(`${field} is emulated`))).toBe(emulated);
    }
  });
});
