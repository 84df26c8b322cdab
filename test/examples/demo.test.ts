// `npm run demo` runs on the mock providers whatever the environment holds: keys and base URLs
// pointing elsewhere (here a trap server standing for the real APIs) are never used without --live.
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordedAnswer, recordedStreamText } from "./recordings.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

let trap: http.Server;
let trapURL: string;
const trapped: string[] = [];

beforeAll(async () => {
  trap = http.createServer((request, response) => {
    trapped.push(`${request.method} ${request.url}`);
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => trap.listen({ host: "127.0.0.1", port: 0 }, resolve));
  trapURL = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
});
afterAll(async () => {
  trap.closeAllConnections();
  await new Promise((resolve) => trap.close(resolve));
});

function demo(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "examples/demo.ts", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("npm run demo", () => {
  it("uses the mock providers even with real-looking keys and base URLs in the environment", async () => {
    const env = {
      ...process.env,
      OPENAI_API_KEY: "sk-proj-looks-real-0123456789",
      ANTHROPIC_API_KEY: "sk-ant-looks-real-0123456789",
      GEMINI_API_KEY: "AIza-looks-real-0123456789",
      OPENAI_BASE_URL: `${trapURL}/v1`,
      ANTHROPIC_BASE_URL: trapURL,
      GEMINI_BASE_URL: trapURL,
      ONELLM_EXAMPLE_MODEL: "openai/gpt-4o-mini",
    };
    const result = await demo(["basic-completion", "streaming"], env);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(result.stdout).toContain("on mock providers at http://127.0.0.1:");
    // The caller's model choice is kept; the answer is the OpenAI mock's.
    expect(result.stdout).toContain(recordedAnswer("openai", "basic-completion.json").texts[0]);
    expect(result.stdout).toContain(recordedStreamText("openai", "streaming.sse"));
    expect(result.stdout).toContain("2 examples ran.");
    expect(trapped).toEqual([]);
  });

  it("names an example that does not exist, with the list (exit 2)", async () => {
    const result = await demo(["strem"], process.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^no example "strem"\nusage: npm run demo -- \[--live\] \[example \.\.\.\]\nexamples: basic-completion, streaming,/);
  });
});
