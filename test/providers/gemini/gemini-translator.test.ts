import { describe, expect, it } from "vitest";
import { GeminiTranslatorImpl } from "../../../src/providers/gemini/gemini-translator.js";
import type { GeminiStreamEvent } from "../../../generated/providers/gemini/translator.gen.js";
import { fixture, fixtureText, makeContext, PNG_BASE64, request } from "../../fixtures/gemini/fixtures.js";

describe("GeminiTranslatorImpl", () => {
  it("translates requests with the media downloaded for them", () => {
    const url = "https://example.com/cat.png";
    const translator = new GeminiTranslatorImpl(new Map([[url, { mimeType: "image/png", data: PNG_BASE64 }]]));
    const body = translator.toNativeRequest(request({ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url } }] }] }), makeContext());
    expect(body.contents).toEqual([{ role: "user", parts: [{ inlineData: { mimeType: "image/png", data: PNG_BASE64 } }] }]);
  });

  it("refuses a remote URL nobody downloaded (prepare must download first)", () => {
    const act = () => new GeminiTranslatorImpl().toNativeRequest(request({ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/x.png" } }] }] }), makeContext());
    expect(act).toThrow(/was not downloaded before translation/);
  });

  it("round-trips a Gemini 3 tool call: the next request carries Gemini's id on both sides and the signature from extra_content", () => {
    const translator = new GeminiTranslatorImpl();
    const context = makeContext("error", "gemini-3-flash-preview");
    const stream = translator.createStreamTranslator(context, false);
    const calls = fixtureText("function-call-gemini3.sse")
      .split("\r\n\r\n")
      .filter((event) => event.startsWith("data: "))
      .flatMap((event) => stream.push(JSON.parse(event.slice("data: ".length)) as GeminiStreamEvent))
      .flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls).toHaveLength(1);
    const call = calls[0];
    const signature = /"thoughtSignature":"([^"]+)"/.exec(fixtureText("function-call-gemini3.sse"))?.[1];
    const next = translator.toNativeRequest(
      request({
        model: "google/gemini-3-flash-preview",
        messages: [
          { role: "user", content: "Weather in Zürich?" },
          {
            role: "assistant",
            content: "Let me look that up.",
            tool_calls: [{ id: call?.id ?? "", type: "function", function: { name: "get_weather", arguments: call?.function?.arguments ?? "" }, ...(call?.extra_content ? { extra_content: call.extra_content } : {}) }],
          },
          { role: "tool", tool_call_id: call?.id ?? "", content: '{"temperature":4}' },
        ],
      }),
      context,
    );
    expect(next.contents.slice(1)).toEqual([
      { role: "model", parts: [{ text: "Let me look that up." }, { functionCall: { name: "get_weather", args: { city: "Zürich" }, id: "q7c2mw1x" }, thoughtSignature: signature }] },
      { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { temperature: 4 }, id: "q7c2mw1x" } }] },
    ]);
    expect(context.warnings).toEqual([]);
  });

  it("translates responses and creates one stream state machine per stream", () => {
    const translator = new GeminiTranslatorImpl();
    expect(translator.fromNativeResponse(fixture("text.json"), makeContext()).choices[0]?.message.content).toBe("Hello! How can I help you today?");
    const first = translator.createStreamTranslator(makeContext(), false);
    const second = translator.createStreamTranslator(makeContext(), false);
    expect(first).not.toBe(second);
    first.push({ candidates: [{ content: { role: "model", parts: [{ text: "partial" }] }, index: 0 }], responseId: "r" });
    expect(first.partialText()).toBe("partial");
    expect(second.partialText()).toBe("");
  });
});
