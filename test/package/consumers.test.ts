// The packed tarball, installed into a temp project, as its users meet it: an ES-module and a
// CommonJS consumer type-check under node16, nodenext and bundler resolution and run on this Node;
// publint and arethetypeswrong find nothing; the runtime footprint stays within its budget.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedTexts, IMAGE_ANSWER, imageDownloads, mockConfig, NODE_DOWNLOADER_AGENT, startMockProviders, type MockProviders } from "./helpers/mock-providers.js";
import { compileConsumers, lastJsonLine, packageCheck, REPO_ROOT, run } from "./helpers/package-check.js";

let mocks: MockProviders;
beforeAll(async () => {
  mocks = await startMockProviders();
});
afterAll(async () => {
  await mocks.stop();
});

const consumerArgs = () => [JSON.stringify(mockConfig(mocks))];

describe("TypeScript consumers of the installed tarball (strict, no @types/node, library checks on)", () => {
  it("type-check with module/moduleResolution nodenext (ESM .mts and CommonJS .cts)", () => {
    const { nodenext } = packageCheck();
    expect(nodenext.output).toBe("");
    expect(nodenext.code).toBe(0);
  });

  it.each(["node16", "bundler"] as const)("type-check with %s resolution", (mode) => {
    const result = compileConsumers(packageCheck().consumerDir, mode);
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });
});

describe("JavaScript consumers on this Node", () => {
  it("an ES-module consumer imports the package and its otel subpath, calls three providers; the Node downloader inlines the image", async () => {
    mocks.requests.length = 0;
    const result = await run(process.execPath, ["out/consumer.mjs", ...consumerArgs()], { cwd: packageCheck().consumerDir });
    const output = lastJsonLine(result);
    const texts = expectedTexts();
    expect(output).toEqual({
      format: "esm",
      plain: texts.openaiPlain,
      streamed: texts.anthropicStream,
      image: IMAGE_ANSWER,
      completed: ["openai", "anthropic stream", "google"],
      defaultIsNamed: true,
      errorHierarchy: true,
    });
    expect(result.code).toBe(0);
    expect(imageDownloads(mocks).map((request) => request.headers["user-agent"])).toEqual([NODE_DOWNLOADER_AGENT]);
  });

  it("a CommonJS consumer require()s the package (one module instance with import) and calls both", async () => {
    const result = await run(process.execPath, ["out/consumer.cjs", ...consumerArgs()], { cwd: packageCheck().consumerDir });
    const output = lastJsonLine(result);
    const texts = expectedTexts();
    expect(output).toEqual({ format: "cjs", plain: texts.anthropicPlain, streamed: texts.openaiStream, defaultIsNamed: true, oneInstance: true });
    expect(result.code).toBe(0);
    // require(esm) is stable on this Node: nothing printed about experimental features.
    expect(result.stderr).not.toMatch(/ExperimentalWarning/);
  });
});

describe("package hygiene", () => {
  it("publint finds nothing in the tarball", async () => {
    const result = await run(process.execPath, [`${REPO_ROOT}/node_modules/publint/src/cli.js`, packageCheck().tarball, "--strict"], { cwd: REPO_ROOT });
    expect(`${result.stdout}${result.stderr}`).toMatch(/All good!/);
    expect(result.code).toBe(0);
  });

  it("arethetypeswrong finds nothing for every entry point and resolution mode", async () => {
    const result = await run(process.execPath, [`${REPO_ROOT}/node_modules/@arethetypeswrong/cli/dist/index.js`, packageCheck().tarball, "--format", "json"], { cwd: REPO_ROOT });
    const report = JSON.parse(result.stdout) as { analysis: { problems: unknown[]; entrypoints: Record<string, unknown> } };
    expect(report.analysis.problems).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual([".", "./helpers/zod", "./otel", "./package.json"]);
    expect(result.code).toBe(0);
  });
});
