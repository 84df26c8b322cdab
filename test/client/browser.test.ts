// In a web page the client refuses to start without `dangerouslyAllowBrowser: true` (as `openai`
// does); with it, Anthropic gets the header it requires on cross-origin requests. (The real-browser
// run is test/package/browser.test.ts; here the page is simulated by its globals.)
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OpenAI } from "../../src/client.js";
import { OneLLMError } from "../../src/errors.js";
import { captureFetch, json } from "../helpers/capture-fetch.js";

const anthropicText = JSON.parse(readFileSync("test/fixtures/anthropic/text.json", "utf8")) as unknown;

function pretendToBeAPage(): void {
  vi.stubGlobal("window", {});
  vi.stubGlobal("document", {});
  vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0" });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("in a browser", () => {
  it("refuses to start without dangerouslyAllowBrowser, saying why and how", () => {
    pretendToBeAPage();
    let error: unknown;
    try {
      new OpenAI({ providers: { openai: { apiKey: "sk-browser-test-0000" } } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OneLLMError);
    expect((error as Error).message).toMatch(/browser/);
    expect((error as Error).message).toMatch(/dangerouslyAllowBrowser: true/);
    expect((error as Error).message).not.toContain("sk-browser-test-0000");
  });

  it("starts with dangerouslyAllowBrowser and sends Anthropic's direct-browser-access header", async () => {
    pretendToBeAPage();
    const capture = captureFetch(json(anthropicText));
    const client = new OpenAI({
      dangerouslyAllowBrowser: true,
      fetch: capture.fetch,
      providers: { anthropic: { apiKey: "sk-ant-browser-test-0000" } },
    });
    await client.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "hi" }] });
    expect(capture.requests[0]?.headers["anthropic-dangerous-direct-browser-access"]).toBe("true");
  });

  it("does not send that header outside a browser", async () => {
    const capture = captureFetch(json(anthropicText));
    const client = new OpenAI({ env: {}, fetch: capture.fetch, providers: { anthropic: { apiKey: "sk-ant-server-test-0000" } } });
    await client.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages: [{ role: "user", content: "hi" }] });
    expect(capture.requests[0]?.headers["anthropic-dangerous-direct-browser-access"]).toBeUndefined();
  });
});
