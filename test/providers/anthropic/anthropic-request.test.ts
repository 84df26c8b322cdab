import { describe, expect, it } from "vitest";
import { InvalidRequestError, UnsupportedParameterError } from "../../../src/errors.js";
import type { TranslateContext, UnifiedRequest, UnsupportedPolicy } from "../../../src/providers/contract.js";
import { DEFAULT_MAX_TOKENS, toAnthropicRequest } from "../../../src/providers/anthropic/anthropic-request.js";
import { createTranslateContext } from "../../../src/router/translate-context.js";

const MODEL = "claude-sonnet-4-5";

function context(policy: UnsupportedPolicy = "error"): TranslateContext {
  return createTranslateContext("anthropic", MODEL, policy, undefined);
}

function request(fields: Partial<UnifiedRequest> & Pick<UnifiedRequest, "messages">): UnifiedRequest {
  return { model: `anthropic/${MODEL}`, ...fields };
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("toAnthropicRequest: messages", () => {
  it("maps a one-message conversation, with the default max_tokens Anthropic requires", () => {
    const body = toAnthropicRequest(request({ messages: [{ role: "user", content: "Hello" }] }), context());
    expect(body).toEqual({
      model: MODEL,
      max_tokens: DEFAULT_MAX_TOKENS,
      messages: [{ role: "user", content: [{ type: "text", text: "Hello" }] }],
    });
    expect(DEFAULT_MAX_TOKENS).toBe(4096);
  });

  it("collects every system and developer message, in order and wherever it is, into system blocks", () => {
    const body = toAnthropicRequest(
      request({
        messages: [
          { role: "system", content: "You are terse." },
          { role: "user", content: "Hi" },
          { role: "developer", content: [{ type: "text", text: "Answer in French." }, { type: "text", text: "No emoji." }] },
          { role: "assistant", content: "Bonjour." },
          { role: "system", content: "Never mention the weather." },
          { role: "user", content: "How are you?" },
        ],
      }),
      context(),
    );
    expect(body.system).toEqual([
      { type: "text", text: "You are terse." },
      { type: "text", text: "Answer in French." },
      { type: "text", text: "No emoji." },
      { type: "text", text: "Never mention the weather." },
    ]);
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Hi" }] },
      { role: "assistant", content: [{ type: "text", text: "Bonjour." }] },
      { role: "user", content: [{ type: "text", text: "How are you?" }] },
    ]);
  });

  it("merges consecutive same-role messages into one turn, as Anthropic requires alternation", () => {
    const body = toAnthropicRequest(
      request({
        messages: [
          { role: "user", content: "First." },
          { role: "user", content: "Second." },
          { role: "system", content: "Be brief." },
          { role: "user", content: "Third." },
          { role: "assistant", content: "A" },
          { role: "assistant", content: "B" },
          { role: "user", content: "C" },
        ],
      }),
      context(),
    );
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "First." },
          { type: "text", text: "Second." },
          { type: "text", text: "Third." },
        ],
      },
      { role: "assistant", content: [{ type: "text", text: "A" }, { type: "text", text: "B" }] },
      { role: "user", content: [{ type: "text", text: "C" }] },
    ]);
    expect(body.system).toEqual([{ type: "text", text: "Be brief." }]);
  });

  it("turns parallel tool calls into tool_use blocks and groups their results in one user turn, ids kept", () => {
    const body = toAnthropicRequest(
      request({
        messages: [
          { role: "user", content: "Weather in SF and Paris?" },
          {
            role: "assistant",
            content: "Checking both.",
            tool_calls: [
              { id: "toolu_01A09q90qw90lq917835lq9", type: "function", function: { name: "get_weather", arguments: '{"location":"San Francisco, CA"}' } },
              { id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", type: "function", function: { name: "get_weather", arguments: '{"location":"Paris, France"}' } },
            ],
          },
          { role: "tool", tool_call_id: "toolu_01A09q90qw90lq917835lq9", content: "15°C, fog" },
          { role: "tool", tool_call_id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", content: [{ type: "text", text: "22°C, sunny" }] },
          { role: "user", content: "Which is warmer?" },
          { role: "assistant", content: "Paris." },
          { role: "user", content: "Thanks" },
        ],
        tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { location: { type: "string" } } } } }],
      }),
      context(),
    );
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Weather in SF and Paris?" }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking both." },
          { type: "tool_use", id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather", input: { location: "San Francisco, CA" } },
          { type: "tool_use", id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather", input: { location: "Paris, France" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_01A09q90qw90lq917835lq9", content: "15°C, fog" },
          { type: "tool_result", tool_use_id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", content: [{ type: "text", text: "22°C, sunny" }] },
          { type: "text", text: "Which is warmer?" },
        ],
      },
      { role: "assistant", content: [{ type: "text", text: "Paris." }] },
      { role: "user", content: [{ type: "text", text: "Thanks" }] },
    ]);
  });

  it("sends an assistant message with only tool calls (content null) as tool_use blocks alone", () => {
    const body = toAnthropicRequest(
      request({
        messages: [
          { role: "user", content: "Time?" },
          { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "now", arguments: "" } }] },
          { role: "tool", tool_call_id: "call_1", content: "12:00" },
        ],
      }),
      context(),
    );
    expect(body.messages[1]).toEqual({ role: "assistant", content: [{ type: "tool_use", id: "call_1", name: "now", input: {} }] });
  });

  it("rejects tool-call arguments that are not JSON, naming the exact path", () => {
    const error = thrown(() =>
      toAnthropicRequest(
        request({
          messages: [
            { role: "user", content: "Go" },
            {
              role: "assistant",
              content: null,
              tool_calls: [
                { id: "call_1", type: "function", function: { name: "a", arguments: "{}" } },
                { id: "call_2", type: "function", function: { name: "b", arguments: "{location: Paris}" } },
              ],
            },
          ],
        }),
        context(),
      ),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).not.toBeInstanceOf(UnsupportedParameterError);
    expect((error as InvalidRequestError).param).toBe("messages[1].tool_calls[1].function.arguments");
    expect((error as Error).message).toContain("messages[1].tool_calls[1].function.arguments");
  });

  it("rejects tool-call arguments that are JSON but not an object", () => {
    const error = thrown(() =>
      toAnthropicRequest(
        request({
          messages: [
            { role: "user", content: "Go" },
            { role: "assistant", tool_calls: [{ id: "call_1", type: "function", function: { name: "a", arguments: "[1,2]" } }] },
          ],
        }),
        context(),
      ),
    );
    expect((error as InvalidRequestError).param).toBe("messages[1].tool_calls[0].function.arguments");
    expect((error as Error).message).toContain("an array");
  });

  it("keeps an earlier refusal as assistant text", () => {
    const body = toAnthropicRequest(
      request({
        messages: [
          { role: "user", content: "Do the bad thing" },
          { role: "assistant", content: [{ type: "refusal", refusal: "I can't help with that." }] },
          { role: "user", content: "OK" },
        ],
      }),
      context(),
    );
    expect(body.messages[1]).toEqual({ role: "assistant", content: [{ type: "text", text: "I can't help with that." }] });
  });

  it("reports an assistant message before any user message; drop removes it with a warning", () => {
    const messages: UnifiedRequest["messages"] = [
      { role: "system", content: "Be nice." },
      { role: "assistant", content: "Hi! How can I help?" },
      { role: "user", content: "Tell me a joke." },
    ];
    const error = thrown(() => toAnthropicRequest(request({ messages }), context()));
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe("messages[1] (assistant message before any user message)");

    const dropping = context("drop");
    const body = toAnthropicRequest(request({ messages }), dropping);
    expect(body.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Tell me a joke." }] }]);
    expect(dropping.warnings).toEqual([
      'anthropic does not support `messages[1] (assistant message before any user message)` (Anthropic conversations start with a user turn); it was not sent (unsupportedParams: "drop").',
    ]);
  });

  it("rejects an empty user message instead of dropping it, which would turn the assistant turn before it into a prefill", () => {
    const messages: UnifiedRequest["messages"] = [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello!" }, { role: "user", content: "" }];
    const error = thrown(() => toAnthropicRequest(request({ messages }), context("drop")));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).param).toBe("messages[2].content");
    const blank = thrown(() => toAnthropicRequest(request({ messages: [{ role: "user", content: [{ type: "text", text: " " }] }] }), context()));
    expect((blank as InvalidRequestError).param).toBe("messages[0].content");
  });

  it("fails clearly when only system messages are left", () => {
    const error = thrown(() => toAnthropicRequest(request({ messages: [{ role: "system", content: "Hi" }] }), context()));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).param).toBe("messages");
  });

  it("reports a participant name, which Anthropic has no field for", () => {
    const error = thrown(() => toAnthropicRequest(request({ messages: [{ role: "user", name: "alice", content: "Hi" }] }), context()));
    expect((error as UnsupportedParameterError).parameter).toBe("messages[0].name");
  });
});

describe("toAnthropicRequest: parameters", () => {
  const messages: UnifiedRequest["messages"] = [{ role: "user", content: "Hi" }];

  it("maps max tokens, temperature, top_p, stop, user and stream", () => {
    const body = toAnthropicRequest(
      request({ messages, max_completion_tokens: 300, max_tokens: 999, temperature: 0.5, stop: "END", user: "user-42", stream: true, stream_options: { include_usage: true } }),
      context(),
    );
    expect(body).toEqual({
      model: MODEL,
      max_tokens: 300,
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      temperature: 0.5,
      stop_sequences: ["END"],
      metadata: { user_id: "user-42" },
      stream: true,
    });
    expect(toAnthropicRequest(request({ messages, max_tokens: 77, top_p: 0.9, stop: ["a", "b"] }), context())).toMatchObject({
      max_tokens: 77,
      top_p: 0.9,
      stop_sequences: ["a", "b"],
    });
  });

  it("temperature with top_p is an error by default (current Claude models reject the pair); drop keeps temperature", () => {
    const error = thrown(() => toAnthropicRequest(request({ messages, temperature: 0.5, top_p: 0.9 }), context()));
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe("top_p");
    expect((error as Error).message).toContain("temperature or top_p, not both");
    const dropping = context("drop");
    const body = toAnthropicRequest(request({ messages, temperature: 0.5, top_p: 0.9 }), dropping);
    expect(body.temperature).toBe(0.5);
    expect(body).not.toHaveProperty("top_p");
    expect(dropping.warnings).toHaveLength(1);
    // top_p 1 is Anthropic's default (many OpenAI clients send it beside temperature): not sent, no error.
    const strict = context();
    expect(toAnthropicRequest(request({ messages, temperature: 0.7, top_p: 1 }), strict)).not.toHaveProperty("top_p");
    expect(strict.warnings).toEqual([]);
  });

  it("reports blank stop sequences (\"\\n\" is common with OpenAI), which Anthropic rejects with a 400", () => {
    const error = thrown(() => toAnthropicRequest(request({ messages, stop: ["END", "\n"] }), context()));
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe("stop[1]");
    expect((thrown(() => toAnthropicRequest(request({ messages, stop: " " }), context())) as UnsupportedParameterError).parameter).toBe("stop");
    const dropping = context("drop");
    expect(toAnthropicRequest(request({ messages, stop: ["\n\n", "END", ""] }), dropping).stop_sequences).toEqual(["END"]);
    expect(toAnthropicRequest(request({ messages, stop: "\n" }), dropping)).not.toHaveProperty("stop_sequences");
    expect(dropping.warnings).toHaveLength(3);
  });

  it("prefers safety_identifier over the deprecated user for metadata.user_id", () => {
    const body = toAnthropicRequest(request({ messages, user: "old", safety_identifier: "hashed-7" }), context());
    expect(body.metadata).toEqual({ user_id: "hashed-7" });
  });

  it("temperature above 1 is an error by default, never clamped", () => {
    const error = thrown(() => toAnthropicRequest(request({ messages, temperature: 1.5 }), context()));
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe("temperature");
    expect((error as Error).message).toContain("Anthropic accepts 0–1, got 1.5");
  });

  it("temperature above 1 under drop is left out, with a warning", () => {
    const dropping = context("drop");
    const body = toAnthropicRequest(request({ messages, temperature: 1.5 }), dropping);
    expect(body).not.toHaveProperty("temperature");
    expect(dropping.warnings).toEqual([
      'anthropic does not support `temperature` (Anthropic accepts 0–1, got 1.5); it was not sent (unsupportedParams: "drop").',
    ]);
    expect(toAnthropicRequest(request({ messages, temperature: 1 }), context()).temperature).toBe(1);
    expect(toAnthropicRequest(request({ messages, temperature: 0 }), context()).temperature).toBe(0);
  });

  it.each([
    ["seed", { seed: 7 }],
    ["logit_bias", { logit_bias: { "50256": -100 } }],
    ["logprobs", { logprobs: true }],
    ["top_logprobs", { logprobs: false, top_logprobs: 3 }],
    ["presence_penalty", { presence_penalty: 0.5 }],
    ["frequency_penalty", { frequency_penalty: -0.5 }],
    ["metadata", { metadata: { session: "abc" } }],
    ["store", { store: true }],
    ["modalities", { modalities: ["text", "audio"] }],
    ["audio", { audio: { voice: "alloy", format: "mp3" } }],
    ["prediction", { prediction: { type: "content", content: "x" } }],
    ["verbosity", { verbosity: "low" }],
    ["prompt_cache_key", { prompt_cache_key: "k" }],
    ["service_tier", { service_tier: "flex" }],
  ] as const)("%s is unsupported and named in the error", (field, fields) => {
    const error = thrown(() => toAnthropicRequest(request({ messages, ...(fields as Partial<UnifiedRequest>) }), context()));
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe(field);
    expect((error as UnsupportedParameterError).provider).toBe("anthropic");
  });

  it("accepts values of unsupported fields that ask for nothing beyond the default", () => {
    const strict = context();
    const body = toAnthropicRequest(
      request({
        messages,
        logprobs: false,
        store: false,
        presence_penalty: 0,
        frequency_penalty: 0,
        modalities: ["text"],
        metadata: {},
        n: 1,
        reasoning_effort: "none",
        seed: null,
        parallel_tool_calls: true,
      }),
      strict,
    );
    expect(body).toEqual({ model: MODEL, max_tokens: DEFAULT_MAX_TOKENS, messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }] });
    expect(strict.warnings).toEqual([]);
  });

  it("reports a field it does not know instead of dropping it silently", () => {
    const unknownField = { messages, frobnicate: true } as unknown as UnifiedRequest;
    const error = thrown(() => toAnthropicRequest(request(unknownField), context()));
    expect((error as UnsupportedParameterError).parameter).toBe("frobnicate");
  });

  it("under warn, every unsupported field becomes one warning and the rest is still sent", () => {
    const warnings: string[] = [];
    const warning = createTranslateContext("anthropic", MODEL, "warn", { warn: (message) => warnings.push(message) });
    const body = toAnthropicRequest(request({ messages, seed: 1, presence_penalty: 1, temperature: 0.2 }), warning);
    expect(body.temperature).toBe(0.2);
    expect(body).not.toHaveProperty("seed");
    expect(warning.warnings).toEqual([
      'anthropic does not support `seed`; it was not sent (unsupportedParams: "warn").',
      'anthropic does not support `presence_penalty`; it was not sent (unsupportedParams: "warn").',
    ]);
    expect(warnings).toEqual(warning.warnings);
  });

  it("maps service_tier auto and default to Anthropic's auto and standard_only", () => {
    expect(toAnthropicRequest(request({ messages, service_tier: "auto" }), context()).service_tier).toBe("auto");
    expect(toAnthropicRequest(request({ messages, service_tier: "default" }), context()).service_tier).toBe("standard_only");
  });

  it("refuses reasoning_effort on a model without extended thinking", () => {
    const error = thrown(() => toAnthropicRequest(request({ messages, reasoning_effort: "low" }), createTranslateContext("anthropic", "claude-3-5-haiku-20241022", "error", undefined)));
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as Error).message).toMatch(/`reasoning_effort`.*Claude 3\.5 has no extended thinking/);
  });
});
