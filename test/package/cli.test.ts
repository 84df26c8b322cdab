// The `onellm` command as users get it: the packed tarball's bin (node_modules/.bin/onellm in the
// temp project), run as a child process against the example tour's mock providers.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockProviders, type MockProviders, type MockSession } from "../../examples/tour/mock-providers.js";
import { mockEnvironment } from "../../examples/tour/run-example.js";
import { KNOWN_MODEL_IDS } from "../../src/models/model-ids.js";
import { recordedAnswer, recordedStreamText } from "../examples/recordings.js";
import { bundleMainEntry } from "./helpers/bundle.js";
import { packageCheck } from "./helpers/package-check.js";

let mocks: MockProviders;
beforeAll(async () => {
  mocks = await startMockProviders();
});
afterAll(async () => {
  await mocks?.stop();
});

const bin = () => path.join(packageCheck().consumerDir, "node_modules", ".bin", "onellm");

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the installed `onellm` with `args`; `input` is piped to its stdin (which is otherwise empty). */
function onellm(args: readonly string[], env: NodeJS.ProcessEnv, input = ""): Promise<CliRun> {
  // The bin starts with `#!/usr/bin/env node`: the node running the tests comes first on PATH.
  const pathVariable = `${path.dirname(process.execPath)}${path.delimiter}${process.env["PATH"] ?? ""}`;
  const child = spawn(bin(), args, { cwd: packageCheck().consumerDir, env: { ...env, PATH: pathVariable }, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  child.stdin.end(input);
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function sessionEnv(scenario: string): { session: MockSession; env: NodeJS.ProcessEnv } {
  const session = mocks.session(scenario);
  return { session, env: mockEnvironment(process.env, session) };
}

/** A failure is one line, `onellm: ...`, with no stack trace. */
function expectOneLine(stderr: string): void {
  expect(stderr).toMatch(/^onellm: [^\n]+\n$/);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe("onellm chat (the installed bin)", () => {
  it("is installed as node_modules/.bin/onellm", () => {
    expect(existsSync(bin())).toBe(true);
  });

  it("streams the answer by default", async () => {
    const { session, env } = sessionEnv("streaming");
    const result = await onellm(["chat", "-m", "anthropic/claude-sonnet-4-5", "Tell me a two-sentence story about a lighthouse."], env);
    expect(result).toEqual({ code: 0, stdout: `${recordedStreamText("anthropic", "streaming.sse")}\n`, stderr: "" });
    expect(session.requests.map((request) => [request.format, request.stream])).toEqual([["anthropic", true]]);
    expect((session.requests[0]!.request.body as { messages: unknown }).messages).toEqual([{ role: "user", content: [{ type: "text", text: "Tell me a two-sentence story about a lighthouse." }] }]);
  });

  it("--json prints the whole ChatCompletion, onellm's metadata included; --system, --temperature and --max-tokens reach the request", async () => {
    const { session, env } = sessionEnv("basic-completion");
    const result = await onellm(["chat", "-m", "openai/gpt-4o-mini", "--json", "--system", "Be brief.", "--temperature", "0.2", "--max-tokens", "50", "Hello"], env);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    const completion = JSON.parse(result.stdout) as { object: string; choices: { message: { content: string } }[]; onellm: { provider: string } };
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.message.content).toBe(recordedAnswer("openai", "basic-completion.json").texts[0]);
    expect(completion.onellm.provider).toBe("openai");
    expect(session.requests[0]?.request.body).toMatchObject({
      stream: false,
      temperature: 0.2,
      max_completion_tokens: 50,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello" },
      ],
    });
  });

  it("reads the prompt from stdin when none is given", async () => {
    const { session, env } = sessionEnv("streaming");
    const result = await onellm(["chat", "-m", "google/gemini-2.5-flash"], env, "A prompt piped in\n");
    expect(result).toEqual({ code: 0, stdout: `${recordedStreamText("gemini", "streaming.sse")}\n`, stderr: "" });
    expect(JSON.stringify(session.requests[0]?.request.body)).toContain("A prompt piped in");
  });

  it("--fallback: a failing model falls back to the next", async () => {
    const { session, env } = sessionEnv("fallback");
    const result = await onellm(["chat", "-m", "anthropic/claude-3-opus-20240229", "--fallback", "google/gemini-2.5-flash", "--no-stream", "Largest planet?"], env);
    expect(result).toEqual({ code: 0, stdout: `${recordedAnswer("gemini", "fallback.json").texts[0]}\n`, stderr: "" });
    expect(session.requests.map((request) => request.answer)).toEqual(["not-found", "gemini/fallback.json"]);
  });

  it("--image sends a file as a base64 data: URI", async () => {
    const { session, env } = sessionEnv("images");
    const png = path.resolve(import.meta.dirname, "..", "..", "examples", "assets", "red-square.png");
    const result = await onellm(["chat", "-m", "anthropic/claude-sonnet-4-5", "--no-stream", "--image", png, "What is this?"], env);
    expect(result.code).toBe(0);
    expect(JSON.stringify(session.requests[0]?.request.body)).toContain('"source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo');
  });

  it("a missing key: exit 3 and one line naming the variable, nothing sent", async () => {
    const { session, env } = sessionEnv("basic-completion");
    delete env["ANTHROPIC_API_KEY"];
    const result = await onellm(["chat", "-m", "anthropic/claude-sonnet-4-5", "Hello"], env);
    expect(result).toEqual({ code: 3, stdout: "", stderr: "onellm: no API key for anthropic: set ANTHROPIC_API_KEY\n" });
    expect(session.requests).toEqual([]);
  });

  it("a key the provider refuses: exit 3, the key never printed", async () => {
    const { session, env } = sessionEnv("basic-completion");
    const key = "sk-proj-refused-0123456789abcdef";
    const result = await onellm(["chat", "-m", "openai/gpt-4o-mini", "Hello"], { ...env, OPENAI_API_KEY: key });
    expect(result.code).toBe(3);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain("Incorrect API key provided");
    expect(result.stderr).not.toContain(key);
    expect(session.requests.map((request) => request.answer)).toEqual(["unauthorized"]);
  });

  it("a model the provider does not have: exit 4 (the provider's answer, not a usage error)", async () => {
    const { env } = sessionEnv("basic-completion");
    const result = await onellm(["chat", "-m", "openai/gpt-4-32k", "Hello"], env);
    expect(result.code).toBe(4);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain("The model `gpt-4-32k` does not exist");
  });

  it("an unknown provider: exit 2 and a suggestion", async () => {
    const { session, env } = sessionEnv("basic-completion");
    const result = await onellm(["chat", "-m", "antropic/claude-sonnet-4-5", "Hello"], env);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: 'onellm: unknown provider "antropic" in -m antropic/claude-sonnet-4-5. Did you mean "anthropic"? See `onellm providers`.\n',
    });
    expect(session.requests).toEqual([]);
  });

  it("usage mistakes exit 2 with one line: an unknown option (with the one meant), no model, a parameter the model cannot take", async () => {
    const { session, env } = sessionEnv("basic-completion");
    const unknown = await onellm(["chat", "-m", "openai/gpt-4o-mini", "--temprature", "1", "Hi"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("onellm: unknown option --temprature for onellm chat. Did you mean --temperature? See onellm chat --help.\n");
    const noModel = await onellm(["chat", "Hi"], env);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/^onellm: -m <provider\/model> is required/);
    const unsupported = await onellm(["chat", "-m", "anthropic/claude-sonnet-4-5", "--temperature", "1.5", "Hi"], env);
    expect(unsupported.code).toBe(2);
    expectOneLine(unsupported.stderr);
    expect(unsupported.stderr).toContain("temperature");
    expect(session.requests).toEqual([]);
  });

  it("the provider failing: exit 4", async () => {
    const { env } = sessionEnv("retries");
    const result = await onellm(["chat", "-m", "openai/gpt-4o-mini", "--retries", "0", "Hello"], env);
    expect(result.code).toBe(4);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain("overloaded");
  });
});

describe("onellm providers", () => {
  const secret = "sk-test-not-to-be-printed-0123456789";

  it("lists every provider with its key variable and base URL, and whether a key is set — never the key", async () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env["PATH"], OPENAI_API_KEY: secret, GROQ_BASE_URL: "https://proxy.example/groq" };
    const result = await onellm(["providers"], env);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    const rows = result.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^provider\s+key\s+key variable\s+base URL$/);
    expect(rows.find((row) => row.startsWith("openai "))).toMatch(/^openai\s+set\s+OPENAI_API_KEY\s+https:\/\/api\.openai\.com\/v1$/);
    expect(rows.find((row) => row.startsWith("anthropic "))).toMatch(/^anthropic\s+not set\s+ANTHROPIC_API_KEY\s+https:\/\/api\.anthropic\.com$/);
    expect(rows.find((row) => row.startsWith("groq "))).toMatch(/^groq\s+not set\s+GROQ_API_KEY\s+https:\/\/proxy\.example\/groq \(GROQ_BASE_URL\)$/);
    expect(rows.find((row) => row.startsWith("ollama "))).toMatch(/^ollama\s+none needed\s+OLLAMA_API_KEY\s+http:\/\/127\.0\.0\.1:11434$/);
    expect(result.stdout).not.toContain(secret);
    expect(result.stdout).not.toContain(secret.slice(0, 12));
  });

  it("--json: the same, with every key set, still without any key", async () => {
    const { env } = sessionEnv("basic-completion");
    const result = await onellm(["providers", "--json"], { ...env, OPENAI_API_KEY: secret });
    const rows = JSON.parse(result.stdout) as { provider: string; key: string; keyVariables: string[] }[];
    expect(rows.find((row) => row.provider === "anthropic")).toMatchObject({ key: "set", keyVariables: ["ANTHROPIC_API_KEY"] });
    expect(rows.find((row) => row.provider === "openai")).toMatchObject({ key: "set" });
    expect(rows.map((row) => row.provider)).toEqual(expect.arrayContaining(["openai", "anthropic", "google", "bedrock", "vertex", "mistral", "groq"]));
    expect(result.stdout).not.toContain(secret);
  });
});

describe("onellm models", () => {
  it("lists the known ids of a provider, with their family's capabilities", async () => {
    const result = await onellm(["models", "anthropic"], { PATH: process.env["PATH"] });
    expect(result.code).toBe(0);
    for (const id of KNOWN_MODEL_IDS["anthropic"]!) expect(result.stdout).toMatch(new RegExp(`^anthropic/${id}\\s+Claude`, "m"));
  });

  it("an alias works (gemini -> google); a misspelt provider is exit 2 with a suggestion", async () => {
    const alias = await onellm(["models", "gemini", "--json"], { PATH: process.env["PATH"] });
    expect((JSON.parse(alias.stdout) as { models: { id: string }[] }).models.map((model) => model.id)).toEqual(KNOWN_MODEL_IDS["google"]);
    const typo = await onellm(["models", "mistrall"], { PATH: process.env["PATH"] });
    expect(typo).toEqual({ code: 2, stdout: "", stderr: 'onellm: unknown provider "mistrall". Did you mean "mistral"? See `onellm providers`.\n' });
  });
});

describe("the CLI stays off the library's import path", () => {
  it("the main entry's bundle holds no file of dist/src/cli", async () => {
    const bundle = await bundleMainEntry(packageCheck().consumerDir);
    expect(bundle.inputs.filter((input) => input.includes("/cli/"))).toEqual([]);
    expect(bundle.inputs.some((input) => input.includes("onellm-sdk/dist/src/index.js"))).toBe(true);
  });
});
