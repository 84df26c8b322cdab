// README's configuration snippets (examples/snippets/, included in README verbatim) run as programs
// on the mock providers, like the examples.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockProviders, type MockProviders } from "../../examples/tour/mock-providers.js";
import { mockEnvironment, runExample } from "../../examples/tour/run-example.js";
import { recordedAnswer } from "./recordings.js";

let mocks: MockProviders;
beforeAll(async () => {
  mocks = await startMockProviders();
});
afterAll(async () => {
  await mocks?.stop();
});

async function runSnippet(name: string) {
  // The snippets ask what the basic example asks, so they are answered from its recordings.
  const session = mocks.session("basic-completion");
  const result = await runExample(`snippets/${name}`, mockEnvironment(process.env, session, { ONELLM_EXAMPLE_MODEL: "openai/gpt-4o-mini" }), "collect");
  expect({ code: result.code, stderr: result.stderr }, result.stdout).toEqual({ code: 0, stderr: "" });
  return { ...result, session };
}

describe.concurrent("README snippets, run on the mock providers", () => {
  it("hooks.ts: the hooks see the request, the response and the completion", async () => {
    const { stdout, session } = await runSnippet("hooks");
    expect(stdout.split("\n").filter(Boolean)).toEqual([
      `-> #1 openai/gpt-4o-mini POST ${new URL(session.baseURL("openai")).pathname}/chat/completions`,
      `<- #1 200 (request id req_mock_${session.id}_1)`,
      expect.stringMatching(/^served by openai\/gpt-4o-mini: \d+ tokens, finish stop$/),
    ]);
  });

  it("otel.ts: the OpenTelemetry hooks (global no-op tracer) leave the call as it is", async () => {
    const { stdout } = await runSnippet("otel");
    expect(stdout.trim()).toBe(recordedAnswer("openai", "basic-completion.json").texts[0]);
  });

  it("cloud-credentials.ts: the Bedrock and Vertex settings make a client", async () => {
    const { stdout, session } = await runSnippet("cloud-credentials");
    expect(stdout).toBe("");
    expect(session.requests).toEqual([]);
  });
});
