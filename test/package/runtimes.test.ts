// The same compiled consumers on the other runtimes users deploy to: Node 22 and 24 (the npm
// registry's own Node binaries), Bun and Deno (their npm packages' binaries). Deno runs without
// --allow-env: the client must not need the environment when keys are passed in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedTexts, IMAGE_ANSWER, imageDownloads, mockConfig, NODE_DOWNLOADER_AGENT, startMockProviders, type MockProviders } from "./helpers/mock-providers.js";
import { lastJsonLine, packageCheck, run } from "./helpers/package-check.js";
import { runtime, type RuntimeName } from "./helpers/runtimes.js";

let mocks: MockProviders;
beforeAll(async () => {
  mocks = await startMockProviders();
});
afterAll(async () => {
  await mocks.stop();
});

const consumerArgs = () => [JSON.stringify(mockConfig(mocks))];

/** Node runs the DNS-pinning downloader (the package import's "node" condition); Bun and Deno the fetch one. */
const NODE_DOWNLOADER: Record<RuntimeName, boolean> = { "node 22": true, "node 24": true, bun: false, deno: false };

/** How each runtime runs a script with arguments. */
const COMMANDS: Record<RuntimeName, (script: string) => string[]> = {
  "node 22": (script) => [script],
  "node 24": (script) => [script],
  bun: (script) => ["run", script],
  // Network to the loopback mocks only; reading node_modules needs no permission for module loading.
  deno: (script) => ["run", "--allow-net=127.0.0.1", "--no-prompt", script],
};

const SCRIPTS: Record<RuntimeName, ("out/consumer.mjs" | "out/consumer.cjs")[]> = {
  "node 22": ["out/consumer.mjs", "out/consumer.cjs"],
  "node 24": ["out/consumer.mjs", "out/consumer.cjs"],
  bun: ["out/consumer.mjs", "out/consumer.cjs"],
  deno: ["out/consumer.mjs"],
};

describe.each(Object.keys(COMMANDS) as RuntimeName[])("%s", (name) => {
  for (const script of SCRIPTS[name]) {
    it(`runs the ${script.endsWith(".mjs") ? "ES-module" : "CommonJS"} consumer against the mock providers`, async (context) => {
      const found = await runtime(name);
      if ("skipped" in found) {
        console.warn(`[package] ${name} SKIPPED: ${found.skipped}`);
        context.skip(`${name} could not be installed here: ${found.skipped}`);
        return;
      }
      mocks.requests.length = 0;
      const result = await run(found.binary, [...COMMANDS[name](script), ...consumerArgs()], { cwd: packageCheck().consumerDir });
      const output = lastJsonLine(result);
      const texts = expectedTexts();
      if (script.endsWith(".mjs")) {
        expect(output).toMatchObject({
          format: "esm",
          plain: texts.openaiPlain,
          streamed: texts.anthropicStream,
          image: IMAGE_ANSWER,
          completed: ["openai", "anthropic stream", "google"],
          defaultIsNamed: true,
          errorHierarchy: true,
        });
        const agents = imageDownloads(mocks).map((request) => request.headers["user-agent"]);
        expect(agents).toHaveLength(1);
        if (NODE_DOWNLOADER[name]) expect(agents[0]).toBe(NODE_DOWNLOADER_AGENT);
        else expect(agents[0]).not.toBe(NODE_DOWNLOADER_AGENT);
      } else {
        expect(output).toMatchObject({ format: "cjs", plain: texts.anthropicPlain, streamed: texts.openaiStream, defaultIsNamed: true, oneInstance: true });
      }
      expect(result.code).toBe(0);
      console.info(`[package] ${name} (${found.version}): ${script} ok`);
    });
  }
});
