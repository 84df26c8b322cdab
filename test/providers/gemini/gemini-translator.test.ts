import { describe, expect, it } from "vitest";
import { GeminiTranslatorImpl } from "../../../src/providers/gemini/gemini-translator.js";
import { fixture, makeContext, PNG_BASE64, request } from "../../fixtures/gemini/fixtures.js";

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
