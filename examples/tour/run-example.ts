// Runs one example as the program it is (a child `node` process, TypeScript through tsx), either on
// the mock providers — an environment with every provider pointed at a mock session and no real
// credential left in it — or, for --live, with the caller's environment as it is.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { allProviders } from "../../src/providers/registry.js";
import { openAICompatibleProviders } from "../../src/providers/openai-compatible/openai-compatible-providers.js";
import type { MockFormat } from "./mock-formats.js";
import type { MockSession } from "./mock-providers.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const EXAMPLES_DIR = path.resolve(HERE, "..");
const ROOT = path.resolve(EXAMPLES_DIR, "..");
/** Maps the package's `#media-downloader` import to the source, as the built package maps it to dist/. */
const SOURCE_IMPORTS = path.join(ROOT, "scripts", "source-imports.mjs");
/** Imports the example, then fails it if anything would keep the process alive once it is done. */
const EXIT_CHECK = path.join(HERE, "exit-check.mjs");

/** The wire format each provider's mock speaks; providers not listed have none (they get a 404 naming them). */
function mockFormatOf(provider: string): MockFormat | undefined {
  if (provider === "anthropic") return "anthropic";
  if (provider === "google") return "gemini";
  if (provider === "openai" || provider === "azure" || openAICompatibleProviders.some((dialect) => dialect.name === provider)) return "openai";
  return undefined;
}

/** Variables through which a real provider could be reached: none survives into a mock run. */
function reachesAProvider(name: string): boolean {
  return /_API_KEY$|_BASE_URL$|_ENDPOINT$|^AWS_|^GOOGLE_|^VERTEX_|^AZURE_OPENAI_|^OPENAI_|^ONELLM_EXAMPLE_/.test(name);
}

/**
 * `base` without any credential or endpoint, plus a key and a mock base URL for every provider.
 * `extra` (the example's model choice) is added last.
 */
export function mockEnvironment(base: NodeJS.ProcessEnv, session: MockSession, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) if (!reachesAProvider(name)) env[name] = value;
  for (const provider of allProviders()) {
    const prefix = provider.envPrefixes[0];
    if (prefix === undefined) continue;
    const format = mockFormatOf(provider.name);
    env[`${prefix}_API_KEY`] = `mock-key-${provider.name}`;
    env[`${prefix}_BASE_URL`] = format === undefined ? session.unmockedURL(provider.name) : session.baseURL(format);
  }
  env["ONELLM_EXAMPLE_IMAGE_URL"] = session.imageURL;
  return { ...env, ...extra };
}

export interface ExampleRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs examples/<name>.ts to its end. `inherit` shows its output as it comes (the tour); otherwise
 * it is collected (tests). Never throws for a failing example: read `code`.
 */
export function runExample(name: string, env: NodeJS.ProcessEnv, output: "inherit" | "collect", timeoutMs = 120_000): Promise<ExampleRun> {
  const file = path.join(EXAMPLES_DIR, `${name}.ts`);
  const child = spawn(process.execPath, ["--import", "tsx", "--import", SOURCE_IMPORTS, EXIT_CHECK, file], {
    cwd: ROOT,
    env,
    stdio: output === "inherit" ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr?.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  // A hung example is killed by its own PID, never left behind.
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
