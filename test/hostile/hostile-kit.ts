// Shared by the hostile-answer tests: a client whose providers all point at one fault server (each
// provider under its own path prefix, each with its own key), the paths each provider's requests
// land on, and the provider fixtures served as hostile servers would serve them.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { ClientOptions, OpenAI } from "../../src/client.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { routerClient } from "../router/harness.js";

export const HOSTILE_KEYS = {
  anthropic: "sk-ant-hostile-anthropic-0000000001",
  google: "AIza-hostile-gemini-000000000000001",
} as const;

export const HOSTILE_PATHS = {
  anthropic: "/anthropic/v1/messages",
  geminiStream: "/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent",
  geminiJson: "/gemini/v1beta/models/gemini-2.5-flash:generateContent",
} as const;

export const HOSTILE_MODELS = {
  anthropic: "anthropic/claude-sonnet-4-5",
  google: "google/gemini-2.5-flash",
} as const;

/**
 * One fault server for the file's tests: started before them, reset after each, stopped by handle
 * after all. Returns the server (valid from the first test on).
 */
export function useFaultServer(): () => FaultServer {
  let fault: FaultServer | undefined;
  beforeAll(async () => {
    fault = await startFaultServer();
  });
  afterEach(() => fault?.reset());
  afterAll(async () => {
    await fault?.stop();
  });
  return () => {
    if (fault === undefined) throw new Error("the fault server starts in beforeAll");
    return fault;
  };
}

/** routerClient (openai, groq, deepseek) plus anthropic and google on the same fault server. */
export function hostileClient(fault: FaultServer, options: ClientOptions = {}): OpenAI {
  const { providers, ...rest } = options;
  return routerClient(fault, {
    ...rest,
    providers: {
      anthropic: { apiKey: HOSTILE_KEYS.anthropic, baseURL: `${fault.url}/anthropic` },
      google: { apiKey: HOSTILE_KEYS.google, baseURL: `${fault.url}/gemini` },
      ...providers,
    },
  });
}

/** A provider fixture file as text. */
export function fixtureText(provider: "anthropic" | "gemini" | "openai", name: string): string {
  return readFileSync(new URL(`../fixtures/${provider}/${name}`, import.meta.url), "utf8");
}

/** An SSE fixture cut into its events (each with its blank line), as a server writes them. */
export function sseEvents(provider: "anthropic" | "gemini" | "openai", name: string): string[] {
  return fixtureText(provider, name)
    .split(/\n\n/)
    .filter((event) => event.trim() !== "")
    .map((event) => `${event}\n\n`);
}
