// A real Chromium (Debian's, driven by playwright-core) loads a page whose script is an esbuild
// browser bundle of a small app on the installed package — built with no Node built-in — and the
// app calls an OpenAI-format and an Anthropic-format mock on two other loopback origins (CORS).
// The plain and streamed answers must appear on the page. Without Chromium the test is skipped,
// loudly, with the reason (.ci/run installs it with apt-get when it can).
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleApp, type Bundle } from "./helpers/bundle.js";
import { expectedTexts, IMAGE_ANSWER, imageDownloads, mockConfig, NODE_DOWNLOADER_AGENT, startMockProviders, type MockProviders } from "./helpers/mock-providers.js";
import { packageCheck, REPO_ROOT } from "./helpers/package-check.js";
import { startStaticServer, type StaticServer } from "./helpers/static-server.js";

const CHROMIUM = process.env["ONELLM_CHROMIUM"] ?? "/usr/bin/chromium";
// As this machine's Chromium needs them: no sandbox as root, and no background connections (the
// closed network refuses them).
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let mocks: MockProviders;
let site: StaticServer;
let bundle: Bundle;

beforeAll(async () => {
  bundle = await bundleApp(packageCheck().consumerDir);
  mocks = await startMockProviders();
  site = await startStaticServer({
    "/index.html": { type: "text/html; charset=utf-8", body: readFileSync(path.join(REPO_ROOT, "test", "package", "app", "index.html"), "utf8") },
    "/app.js": { type: "text/javascript; charset=utf-8", body: bundle.code },
  });
});
afterAll(async () => {
  await Promise.all([mocks?.stop(), site?.stop()]);
});

describe("browser bundle", () => {
  it("builds for --platform=browser from the installed package with no Node built-in in its inputs", () => {
    expect(bundle.inputs.filter((input) => input.startsWith("node:") || input.includes("(disabled)"))).toEqual([]);
    expect(bundle.inputs.some((input) => input.includes("node_modules/onellm-sdk/dist/src/index.js"))).toBe(true);
    expect(bundle.code).not.toMatch(/\brequire\(["']node:/);
  });

  it("runs in Chromium: plain and streamed OpenAI- and Anthropic-format answers, and a Gemini answer about an image the page downloaded, appear on the page", async (context) => {
    if (!existsSync(CHROMIUM)) {
      const reason = `no Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium with apt-get; set ONELLM_CHROMIUM to use another)`;
      console.warn(`[package] BROWSER TEST SKIPPED: ${reason}`);
      context.skip(reason);
      return;
    }
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console: ${message.text()}`);
      });
      await page.goto(`${site.url}/index.html#${encodeURIComponent(JSON.stringify(mockConfig(mocks)))}`);
      await page.waitForFunction(() => document.getElementById("status")?.textContent !== "running", undefined, { timeout: 60_000 });
      const text = async (id: string) => (await page.textContent(`#${id}`)) ?? "";
      expect(await text("status"), problems.join("\n")).toBe("done");
      const texts = expectedTexts();
      expect({
        openaiPlain: await text("openai-plain"),
        openaiStream: await text("openai-stream"),
        anthropicPlain: await text("anthropic-plain"),
        anthropicStream: await text("anthropic-stream"),
      }).toEqual(texts);
      expect(await text("gemini-image")).toBe(IMAGE_ANSWER);
      expect(await text("served-by")).toBe("openai,anthropic,openai,anthropic");
      // The image was fetched by the page itself (the fetch downloader), not by anything on the server side.
      const agents = imageDownloads(mocks).map((request) => request.headers["user-agent"] ?? "");
      expect(agents).toHaveLength(1);
      expect(agents[0]).toMatch(/Chrome/);
      expect(agents[0]).not.toBe(NODE_DOWNLOADER_AGENT);
      expect(await text("refusal")).toMatch(/dangerouslyAllowBrowser: true/);
      expect(problems).toEqual([]);
      // Every call crossed origins: the page's origin is neither mock's.
      const posts = mocks.requests.filter((request) => request.method === "POST");
      expect(posts).toHaveLength(5);
      for (const request of posts) expect(request.origin).toBe(site.url);
      mkdirSync(path.join(REPO_ROOT, ".tmp"), { recursive: true });
      await page.screenshot({ path: path.join(REPO_ROOT, ".tmp", "browser-test.png") });
    } finally {
      await browser.close();
    }
  });
});
