// The fault suite for the native cloud providers: Bedrock's and Vertex AI's error shapes through the
// router (throttling is a retryable 429 with the server's wait honoured; auth and permission
// failures fall back at once; a target without credentials is skipped before anything is sent),
// over a real fault server on 127.0.0.1.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OpenAI, type ClientOptions } from "../../src/client.js";
import { AllTargetsFailedError, RateLimitError } from "../../src/errors.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { hi, recordingSleep } from "./harness.js";

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterEach(() => fault.reset());
afterAll(async () => {
  await fault.stop();
});

const BEDROCK = "/bedrock/model/amazon.nova-pro-v1%3A0/converse";
const VERTEX = "/vertex/v1/projects/acme/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent";
const CLAUDE = "/vertex/v1/projects/acme/locations/us-central1/publishers/anthropic/models/claude-sonnet-4-5:rawPredict";
const COHERE = "/cohere/v2/chat";

const converseOk = { output: { message: { role: "assistant", content: [{ text: "bedrock answered" }] } }, stopReason: "end_turn", usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 }, metrics: { latencyMs: 90 } };
const geminiOk = { candidates: [{ content: { role: "model", parts: [{ text: "vertex answered" }] }, finishReason: "STOP" }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 }, modelVersion: "gemini-2.5-flash" };
const claudeOk = { id: "msg_1", type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [{ type: "text", text: "claude answered" }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 3, output_tokens: 2 } };
const cohereOk = { id: "c-1", finish_reason: "COMPLETE", message: { role: "assistant", content: [{ type: "text", text: "cohere answered" }] }, usage: { tokens: { input_tokens: 3, output_tokens: 2 } } };

const throttled = (wait?: string) => ({
  status: 429,
  headers: { "x-amzn-errortype": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/", ...(wait === undefined ? {} : { "retry-after": wait }) },
  body: { message: "Too many requests, please wait before trying again." },
});
const resourceExhausted = (retryDelay: string) => ({
  status: 429,
  body: { error: { code: 429, message: "Resource exhausted. Please try again later.", status: "RESOURCE_EXHAUSTED", details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay }] } },
});

function client(options: Partial<ClientOptions> = {}): OpenAI {
  return new OpenAI({
    env: {},
    logger: {},
    providers: {
      bedrock: { baseURL: `${fault.url}/bedrock`, region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "bedrock-secret-canary-9f8e" } },
      vertex: { baseURL: `${fault.url}/vertex`, project: "acme", location: "us-central1", accessToken: "ya29.vertex-canary-7d6c" },
      cohere: { baseURL: `${fault.url}/cohere`, apiKey: "co-canary-5b4a" },
    },
    ...options,
  });
}

describe("throttling keeps 429 semantics on every native provider", () => {
  it("retries Bedrock's ThrottlingException after the Retry-After it sends, then succeeds", async () => {
    fault.enqueue(BEDROCK, throttled("2"), { status: 200, body: converseOk });
    const clock = recordingSleep();
    const completion = await client({ sleep: clock.sleep }).chat.completions.create({ model: "bedrock/amazon.nova-pro-v1:0", messages: hi });
    expect(completion.choices[0]?.message.content).toBe("bedrock answered");
    expect(fault.count(BEDROCK)).toBe(2);
    expect(clock.delays).toEqual([2000]);
  });

  it("waits the retryDelay a Vertex RESOURCE_EXHAUSTED names, then succeeds", async () => {
    fault.enqueue(VERTEX, resourceExhausted("3s"), { status: 200, body: geminiOk });
    const clock = recordingSleep();
    const completion = await client({ sleep: clock.sleep }).chat.completions.create({ model: "vertex/gemini-2.5-flash", messages: hi });
    expect(completion.choices[0]?.message.content).toBe("vertex answered");
    expect(clock.delays).toEqual([3000]);
  });

  it("falls back from a Bedrock that stays throttled to Claude on Vertex, each with its own credentials", async () => {
    fault.enqueue(BEDROCK, throttled());
    fault.enqueue(CLAUDE, { status: 200, body: claudeOk });
    const clock = recordingSleep();
    const completion = await client({ sleep: clock.sleep, maxRetries: 2 }).chat.completions.create({
      model: "bedrock/amazon.nova-pro-v1:0",
      messages: hi,
      fallback_models: ["vertex-anthropic/claude-sonnet-4-5"],
    });
    expect(completion.choices[0]?.message.content).toBe("claude answered");
    expect(fault.count(BEDROCK)).toBe(3);
    expect(completion.onellm?.attempts.map((attempt) => [attempt.provider, attempt.status])).toEqual([
      ["bedrock", 429],
      ["bedrock", 429],
      ["bedrock", 429],
      ["vertex-anthropic", 200],
    ]);
    const claudeHeaders = JSON.stringify(fault.requests(CLAUDE)[0]?.headers);
    expect(claudeHeaders).toContain("Bearer ya29.vertex-canary-7d6c");
    expect(claudeHeaders).not.toContain("AKIDEXAMPLE");
    expect(JSON.stringify(fault.requests(BEDROCK).map((request) => request.headers))).not.toContain("ya29.vertex-canary-7d6c");
  });

  it("throws RateLimitError carrying the wait when Vertex asks for longer than onellm sleeps", async () => {
    fault.enqueue(VERTEX, resourceExhausted("120s"));
    const error = await client().chat.completions.create({ model: "vertex/gemini-2.5-flash", messages: hi }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(fault.count(VERTEX)).toBe(1);
  });
});

describe("auth failures and missing credentials move on at once", () => {
  it("falls back from Vertex's PERMISSION_DENIED to Cohere without retrying", async () => {
    fault.enqueue(VERTEX, { status: 403, body: { error: { code: 403, message: "Permission 'aiplatform.endpoints.predict' denied", status: "PERMISSION_DENIED" } } });
    fault.enqueue(COHERE, { status: 200, body: cohereOk });
    const completion = await client().chat.completions.create({ model: "vertex/gemini-2.5-flash", messages: hi, fallback_models: ["cohere/command-a-03-2025"] });
    expect(completion.choices[0]?.message.content).toBe("cohere answered");
    expect(fault.count(VERTEX)).toBe(1);
  });

  it("skips a Bedrock target with no credentials before sending anything, and says why", async () => {
    fault.enqueue(VERTEX, { status: 200, body: geminiOk });
    const openai = new OpenAI({
      env: { AWS_REGION: "us-east-1" },
      logger: {},
      providers: { bedrock: { baseURL: `${fault.url}/bedrock` }, vertex: { baseURL: `${fault.url}/vertex`, project: "acme", location: "us-central1", accessToken: "ya29.t" } },
    });
    const completion = await openai.chat.completions.create({ model: "bedrock/amazon.nova-pro-v1:0", messages: hi, fallback_models: ["vertex/gemini-2.5-flash"] });
    expect(completion.choices[0]?.message.content).toBe("vertex answered");
    expect(fault.count(BEDROCK)).toBe(0);
    expect(completion.onellm?.warnings.join("\n")).toMatch(/skipped bedrock\/amazon\.nova-pro-v1:0: AuthenticationError: No credentials for bedrock/);
  });

  it("reports every target when all fail: Bedrock's 403 AccessDenied and Cohere's 498 invalid token", async () => {
    fault.enqueue(BEDROCK, { status: 403, headers: { "x-amzn-errortype": "AccessDeniedException" }, body: { Message: "User is not authorized to perform: bedrock:InvokeModel" } });
    fault.enqueue(COHERE, { status: 498, body: { id: "x", message: "invalid api token" } });
    const error = await client().chat.completions.create({ model: "bedrock/amazon.nova-pro-v1:0", messages: hi, fallback_models: ["cohere/command-a-03-2025"] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AllTargetsFailedError);
    const failures = (error as AllTargetsFailedError).errors.map((entry) => [entry.provider, entry.error.name, (entry.error as { status?: number }).status]);
    expect(failures).toEqual([
      ["bedrock", "PermissionDeniedError", 403],
      ["cohere", "AuthenticationError", 401],
    ]);
    expect(JSON.stringify((error as Error).message)).not.toContain("bedrock-secret-canary-9f8e");
  });
});
