// The same browser bundle in the `edge-runtime` package (the runtime behind Vercel Edge Functions):
// no `process`, no `Buffer`, no `window`. It is not a browser, so the client starts without
// dangerouslyAllowBrowser, and the plain and streamed calls reach the mock providers; the image Gemini needs inline is
// downloaded with fetch.
import { EdgeRuntime } from "edge-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleApp } from "./helpers/bundle.js";
import { expectedTexts, IMAGE_ANSWER, imageDownloads, mockConfig, NODE_DOWNLOADER_AGENT, startMockProviders, type MockProviders } from "./helpers/mock-providers.js";
import { packageCheck } from "./helpers/package-check.js";

let mocks: MockProviders;
beforeAll(async () => {
  mocks = await startMockProviders();
});
afterAll(async () => {
  await mocks.stop();
});

describe("edge runtime", () => {
  it("runs the browser bundle: plain and streamed answers from the mocks, and an image downloaded with fetch", async () => {
    const bundle = await bundleApp(packageCheck().consumerDir);
    const runtime = new EdgeRuntime({ initialCode: bundle.code });
    const globals = JSON.parse(String(await runtime.evaluate("JSON.stringify({ process: typeof process, Buffer: typeof Buffer, window: typeof window })")));
    expect(globals).toEqual({ process: "undefined", Buffer: "undefined", window: "undefined" });

    const output = JSON.parse(String(await runtime.evaluate(`onellmApp.run(${JSON.stringify(mockConfig(mocks))}).then((result) => JSON.stringify(result))`))) as Record<string, unknown>;
    const texts = expectedTexts();
    expect(output).toEqual({
      refusal: null,
      ...texts,
      geminiImage: IMAGE_ANSWER,
      servedBy: ["openai", "anthropic", "openai", "anthropic"],
      requestIds: ["req_mock_openai", "req_mock_anthropic"],
    });
    // The edge runtime has no Node downloader: the image came through fetch.
    const agents = imageDownloads(mocks).map((request) => request.headers["user-agent"]);
    expect(agents).toHaveLength(1);
    expect(agents[0]).not.toBe(NODE_DOWNLOADER_AGENT);
  });
});
