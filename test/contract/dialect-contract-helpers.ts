// Shared pieces of the dialect contract tests: a client pointed at one Prism, a fetch that records
// what the SDK sent, one that corrupts the native body on its way out, and Prism's violation list.
import { expect } from "vitest";
import { OpenAI, type ClientOptions, type Fetch } from "../../src/client.js";
import { UnprocessableEntityError } from "../../src/errors.js";
import type { ChatCompletionMessageParam } from "../../src/types.js";
import { prismUrl, type PrismName } from "../helpers/prism-urls.js";

export function contractClient(provider: string, prism: PrismName, fetchImpl?: Fetch, options: ClientOptions = {}): OpenAI {
  return new OpenAI({
    providers: { [provider]: { apiKey: "contract-test-key", baseURL: prismUrl(prism) } },
    env: {},
    maxRetries: 0,
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
    ...options,
  });
}

export interface Recording {
  fetch: Fetch;
  bodies: Record<string, unknown>[];
  urls: string[];
}

/** Sends as is, keeping each native body and URL. */
export function recordingFetch(): Recording {
  const bodies: Record<string, unknown>[] = [];
  const urls: string[] = [];
  return {
    bodies,
    urls,
    fetch: async (request) => {
      bodies.push((await request.clone().json()) as Record<string, unknown>);
      urls.push(request.url);
      return fetch(request);
    },
  };
}

/** Lets `corrupt` change the native body before it reaches Prism. */
export function corruptingFetch(corrupt: (body: Record<string, unknown>) => void): Fetch {
  return async (request) => {
    const body = (await request.json()) as Record<string, unknown>;
    corrupt(body);
    return fetch(new Request(request.url, { method: request.method, headers: request.headers, body: JSON.stringify(body), redirect: "manual" }));
  };
}

/**
 * Prism's violations as `location` paths (`request.body.messages.3.reasoning_content`): from its
 * `sl-violations` header when the spec declares the 422 it serves, else from its own problem+json
 * body (`validation[].location`, which starts at `body`).
 */
export function violations(error: { headers?: Headers | undefined; body?: string | undefined }): string[] {
  const header = error.headers?.get("sl-violations");
  if (header) return (JSON.parse(header) as { location: string[] }[]).map((violation) => violation.location.join("."));
  const problem = JSON.parse(error.body ?? "{}") as { validation?: { location: string[] }[] };
  return (problem.validation ?? []).map((violation) => ["request", ...violation.location].join("."));
}

export const TOOLS = [
  {
    type: "function" as const,
    function: {
      name: "get_weather",
      description: "Current weather for a city",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
  // No parameters: OpenAI allows it; a dialect that requires them gets the empty schema.
  { type: "function" as const, function: { name: "get_time" } },
];

// A 1x1 transparent PNG.
export const PNG_DATA_URI = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

/** A conversation whose messages[1] is an assistant turn, for message-level breaks. */
export const CONVERSATION: ChatCompletionMessageParam[] = [
  { role: "user", content: "Hi" },
  { role: "assistant", content: "Hello!" },
  { role: "user", content: "Weather?" },
];

/** The UnprocessableEntityError the call must fail with (Prism's 422), for its violations. */
export async function unprocessable(call: Promise<unknown>): Promise<UnprocessableEntityError> {
  const error = await call.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UnprocessableEntityError);
  return error as UnprocessableEntityError;
}
