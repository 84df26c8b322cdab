import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GeminiChatResponse } from "../../../generated/providers/gemini/translator.gen.js";
import { APIError } from "../../../src/errors.js";
import { translateResponse } from "../../../src/providers/gemini/gemini-response.js";
import { toolCallId } from "../../../src/providers/gemini/gemini-function-calls.js";
import { fixture, makeContext } from "../../fixtures/gemini/fixtures.js";

const NOW = Date.UTC(2025, 8, 28, 12, 0, 0);
const CREATED = NOW / 1000;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

function translateFixture(name: string, context = makeContext()) {
  return { completion: translateResponse(fixture<GeminiChatResponse>(name), context), context };
}

describe("translateResponse", () => {
  it("translates a text response", () => {
    const { completion, context } = translateFixture("text.json");
    expect(completion).toEqual({
      id: "nLnYaPfhJ8qz1MkP5reYgQg",
      object: "chat.completion",
      created: CREATED,
      model: "gemini-2.5-flash",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "Hello! How can I help you today?", refusal: null },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 4, completion_tokens: 30, total_tokens: 34, completion_tokens_details: { reasoning_tokens: 21 } },
    });
    expect(context.extras["native_finish_reasons"]).toEqual(["STOP"]);
    expect(context.warnings).toEqual([]);
  });

  it("translates the system-instruction response", () => {
    const { completion } = translateFixture("system-instruction.json");
    expect(completion.choices).toEqual([
      { index: 0, message: { role: "assistant", content: "Arr, the capital o' France be Paris, matey!", refusal: null }, finish_reason: "stop", logprobs: null },
    ]);
    expect(completion.usage).toEqual({ prompt_tokens: 27, completion_tokens: 14, total_tokens: 41 });
  });

  it("turns a function call into tool_calls with a stable short id, its thought signature in extra_content", () => {
    const response = fixture<GeminiChatResponse>("function-call.json");
    const signature = response.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature;
    const { completion, context } = translateFixture("function-call.json");
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: "assistant",
          content: null,
          refusal: null,
          tool_calls: [
            {
              id: toolCallId("8L3YaM3fE5Cm1MkPlt3a0Q4", 0, 0, undefined),
              type: "function",
              function: { name: "get_weather", arguments: '{"location":"Paris, France","unit":"celsius"}' },
              extra_content: { google: { thought_signature: signature } },
            },
          ],
        },
        finish_reason: "tool_calls",
        logprobs: null,
      },
    ]);
    expect(completion.usage).toEqual({ prompt_tokens: 73, completion_tokens: 84, total_tokens: 157, completion_tokens_details: { reasoning_tokens: 62 } });
    expect(context.extras["native_finish_reasons"]).toEqual(["STOP"]);
    // The same response translates to the same ids every time.
    expect(translateFixture("function-call.json").completion.choices[0]?.message.tool_calls).toEqual(completion.choices[0]?.message.tool_calls);
  });

  it("translates parallel function calls in order, with text alongside", () => {
    const { completion } = translateFixture("parallel-function-calls.json");
    const id = (ordinal: number) => toolCallId("b8DYaOuSA6aB1MkP0ZXa-Ao", 0, ordinal, undefined);
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: "assistant",
          content: "I'll look up both cities.",
          refusal: null,
          tool_calls: [
            { id: id(0), type: "function", function: { name: "get_weather", arguments: '{"location":"Paris, France"}' } },
            { id: id(1), type: "function", function: { name: "get_weather", arguments: '{"location":"London, UK"}' } },
            { id: id(2), type: "function", function: { name: "get_time", arguments: "{}" } },
          ],
        },
        finish_reason: "tool_calls",
        logprobs: null,
      },
    ]);
    expect(new Set(completion.choices[0]?.message.tool_calls?.map((call) => call.id)).size).toBe(3);
  });

  it("keeps one choice per candidate with its index", () => {
    const { completion, context } = translateFixture("n2-candidates.json");
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: { role: "assistant", content: "Why did the scarecrow win an award? Because he was outstanding in his field.", refusal: null },
        finish_reason: "stop",
        logprobs: null,
      },
      {
        index: 1,
        message: { role: "assistant", content: "I told my wife she was drawing her eyebrows too high. She looked surprised.", refusal: null },
        finish_reason: "stop",
        logprobs: null,
      },
    ]);
    expect(context.extras["native_finish_reasons"]).toEqual(["STOP", "STOP"]);
  });

  it("keeps n=2 choices in order when candidate 0 carries no index (proto3 leaves zero out)", () => {
    const { completion, context } = translateFixture("n2-no-index.json");
    expect(completion.model).toBe("gemini-2.0-flash");
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: "assistant",
          content: "Oslo is the capital of Norway.",
          refusal: null,
          // candidate 0's citationMetadata (bytes 0-29 of the answer) as OpenAI's url_citation.
          annotations: [{ type: "url_citation", url_citation: { url: "https://en.wikipedia.org/wiki/Oslo", title: "https://en.wikipedia.org/wiki/Oslo", start_index: 0, end_index: 29 } }],
        },
        finish_reason: "stop",
        logprobs: null,
      },
      { index: 1, message: { role: "assistant", content: "Norway's capital is Oslo.", refusal: null }, finish_reason: "stop", logprobs: null },
    ]);
    expect(completion.usage).toEqual({ prompt_tokens: 9, completion_tokens: 14, total_tokens: 23 });
    // The same candidates listed the other way round still land on their own indexes.
    const response = fixture<GeminiChatResponse>("n2-no-index.json");
    const reversed = translateResponse({ ...response, candidates: [...(response.candidates ?? [])].reverse() }, makeContext());
    expect(reversed.choices).toEqual(completion.choices);
    expect(context.warnings).toEqual([]);
  });

  it("maps a finish reason newer than the spec to stop (tool_calls after calls) with a warning", () => {
    const context = makeContext();
    const response = {
      candidates: [
        { content: { role: "model", parts: [{ text: "Done." }] }, finishReason: "SOME_FUTURE_REASON" },
        { content: { role: "model", parts: [{ functionCall: { name: "f", args: {} } }] }, finishReason: "SOME_FUTURE_REASON", index: 1 },
      ],
      responseId: "future",
    } as unknown as GeminiChatResponse;
    const completion = translateResponse(response, context);
    expect(completion.choices.map((choice) => [choice.index, choice.finish_reason])).toEqual([
      [0, "stop"],
      [1, "tool_calls"],
    ]);
    expect(context.extras["native_finish_reasons"]).toEqual(["SOME_FUTURE_REASON", "SOME_FUTURE_REASON"]);
    expect(context.warnings).toEqual([
      "google: choice 0 ended with finishReason SOME_FUTURE_REASON: unknown finish reason SOME_FUTURE_REASON.",
      "google: choice 1 ended with finishReason SOME_FUTURE_REASON: unknown finish reason SOME_FUTURE_REASON.",
    ]);
  });

  it("passes structured output through as content", () => {
    const { completion } = translateFixture("json-schema.json");
    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({ name: "Ada Lovelace", born: 1815, fields: ["mathematics", "computing"] });
  });

  it("maps SAFETY to content_filter and names the blocked category", () => {
    const { completion, context } = translateFixture("safety-block.json");
    expect(completion.choices).toEqual([
      { index: 0, message: { role: "assistant", content: "", refusal: null }, finish_reason: "content_filter", logprobs: null },
    ]);
    expect(completion.usage).toEqual({ prompt_tokens: 15, completion_tokens: 0, total_tokens: 15 });
    expect(context.extras["native_finish_reasons"]).toEqual(["SAFETY"]);
    expect(context.warnings).toEqual([
      "google: choice 0 ended with finishReason SAFETY: Gemini's safety filter stopped the output; blocked: HARM_CATEGORY_HARASSMENT (MEDIUM).",
    ]);
  });

  it("turns a blocked prompt into a content_filter choice with a warning naming the blockReason", () => {
    const { completion, context } = translateFixture("prompt-blocked.json");
    expect(completion).toEqual({
      id: "BMfYaMKKEPKA1MkP-JOu8Ao",
      object: "chat.completion",
      created: CREATED,
      model: "gemini-2.5-flash",
      choices: [{ index: 0, message: { role: "assistant", content: "", refusal: null }, finish_reason: "content_filter", logprobs: null }],
      usage: { prompt_tokens: 12, completion_tokens: 0, total_tokens: 12 },
    });
    expect(context.warnings).toEqual([
      "google: Gemini blocked the prompt (promptFeedback.blockReason PROHIBITED_CONTENT: prohibited content; blocked: HARM_CATEGORY_DANGEROUS_CONTENT (HIGH)); no output was generated.",
    ]);
    expect(context.extras["native_finish_reasons"]).toEqual([null]);
  });

  it("maps MAX_TOKENS to length", () => {
    const { completion, context } = translateFixture("max-tokens.json");
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: { role: "assistant", content: "Once upon a time, in a kingdom by the sea, there lived a", refusal: null },
      finish_reason: "length",
      logprobs: null,
    });
    expect(context.extras["native_finish_reasons"]).toEqual(["MAX_TOKENS"]);
    expect(context.warnings).toEqual([]);
  });

  it("puts thought parts into reasoning_content, never into content", () => {
    const { completion } = translateFixture("thoughts.json");
    expect(completion.choices[0]?.message).toEqual({
      role: "assistant",
      content: "17 + 25 = 42.",
      refusal: null,
      reasoning_content: "**Calculating the sum**\n\nThe user wants 17 + 25. 17 + 25 = 42.\n",
    });
    expect(completion.usage).toEqual({
      prompt_tokens: 11,
      completion_tokens: 163,
      total_tokens: 174,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 155 },
    });
  });

  it("falls back to the requested model and a generated id", () => {
    const completion = translateResponse({ candidates: [{ content: { role: "model", parts: [{ text: "hi" }] }, finishReason: "STOP" }] }, makeContext("error", "gemini-2.0-flash"));
    expect(completion.model).toBe("gemini-2.0-flash");
    expect(completion.id).toMatch(/^gemini-[0-9a-f-]{36}$/);
    expect(completion.usage).toBeUndefined();
  });

  it("explains an abnormal stop such as MALFORMED_FUNCTION_CALL in the warnings", () => {
    const context = makeContext();
    const completion = translateResponse(
      { candidates: [{ content: { role: "model", parts: [] }, finishReason: "MALFORMED_FUNCTION_CALL", finishMessage: "Malformed function call: print(default_api.lookup)", index: 0 }] },
      context,
    );
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(context.warnings).toEqual([
      "google: choice 0 ended with finishReason MALFORMED_FUNCTION_CALL: the model produced a malformed function call, which was discarded (Malformed function call: print(default_api.lookup)).",
    ]);
  });

  it("maps logprobs", () => {
    const completion = translateResponse(
      {
        candidates: [
          {
            content: { role: "model", parts: [{ text: "Hi é" }] },
            finishReason: "STOP",
            logprobsResult: {
              chosenCandidates: [{ token: "Hi", logProbability: -0.1 }, { token: " é", logProbability: -1.5 }],
              topCandidates: [{ candidates: [{ token: "Hi", logProbability: -0.1 }, { token: "Hello", logProbability: -2.4 }] }, { candidates: [{ token: " é", logProbability: -1.5 }] }],
            },
          },
        ],
      },
      makeContext(),
    );
    expect(completion.choices[0]?.logprobs).toEqual({
      content: [
        { token: "Hi", logprob: -0.1, bytes: [72, 105], top_logprobs: [{ token: "Hi", logprob: -0.1, bytes: [72, 105] }, { token: "Hello", logprob: -2.4, bytes: [72, 101, 108, 108, 111] }] },
        { token: " é", logprob: -1.5, bytes: [32, 195, 169], top_logprobs: [{ token: " é", logprob: -1.5, bytes: [32, 195, 169] }] },
      ],
      refusal: null,
    });
  });

  it("fails loudly on a response with neither candidates nor a block reason", () => {
    const act = () => translateResponse({ modelVersion: "gemini-2.5-flash" }, makeContext());
    expect(act).toThrow(APIError);
    expect(act).toThrow(/returned no candidates/);
  });

  it("warns about output parts a chat completion cannot carry", () => {
    const context = makeContext();
    const completion = translateResponse(
      { candidates: [{ content: { role: "model", parts: [{ text: "Here:" }, { inlineData: { mimeType: "image/png", data: "AAAA" } }] }, finishReason: "STOP", index: 0 }] },
      context,
    );
    expect(completion.choices[0]?.message.content).toBe("Here:");
    expect(context.warnings).toEqual(["google: candidate 0 contained a inline image/png part, which a chat completion cannot carry; it was left out."]);
  });
});
