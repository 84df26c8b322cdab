// The declarations docs/capabilities.md is generated from, held to what the translators do: every
// declared field, role and content part of every translated provider is sent through the real
// client (an injected fetch stands for the provider; media downloads answer with fixed bytes). A
// field declared unsupported must be refused before anything is sent; one declared native or
// emulated must reach the provider, under the native name it declares.
import { describe, expect, it, vi } from "vitest";
import { OpenAI } from "../../src/client.js";
import { UnsupportedParameterError } from "../../src/errors.js";
import { TRANSLATED_DECLARATIONS } from "../../generator/translated-declarations.js";
import { CONTENT_PART_KINDS, MESSAGE_ROLES, type ContentPartKind, type MessageRole, type ProviderDeclarations, type Support } from "../../src/providers/request-fields.js";
import type { ChatCompletionContentPart, ChatCompletionCreateParams, ChatCompletionMessageParam, ChatCompletionTool } from "../../src/types.js";
import { captureFetch, json, type CaptureFetch } from "../helpers/capture-fetch.js";

const PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"));
const WAV = Uint8Array.from(Buffer.from("UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=", "base64"));

// What is downloaded is the downloader's business (tested on its own); here a URL part just needs bytes.
vi.mock("../../src/core/media-download.js", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  downloadMedia: async (url: string) => (url.endsWith(".wav") ? { data: WAV, mimeType: "audio/wav", url } : { data: PNG, mimeType: "image/png", url }),
}));

/** The model each provider is asked with, and the one a capability-dependent entry needs. */
const MODELS: Readonly<Record<string, string>> = {
  anthropic: "claude-sonnet-4-5",
  google: "gemini-2.5-flash",
  vertex: "gemini-2.5-flash",
  "vertex-anthropic": "claude-sonnet-4-5@20250929",
  cohere: "command-a-03-2025",
  bedrock: "anthropic.claude-sonnet-4-5-20250929-v1:0",
  ollama: "llama3.2",
};
const MODEL_WITH: Readonly<Record<string, string>> = { penalties: "gemini-2.0-flash" };

const TOOLS: ChatCompletionTool[] = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }];

/** A value for each field that asks for something (never a provider's default), with what it needs beside it. */
const SAMPLES: Readonly<Record<string, Partial<ChatCompletionCreateParams>>> = {
  model: {},
  messages: {},
  max_tokens: { max_tokens: 64 },
  max_completion_tokens: { max_completion_tokens: 64 },
  temperature: { temperature: 0.5 },
  top_p: { top_p: 0.5 },
  stop: { stop: ["END"] },
  stream: { stream: true },
  stream_options: { stream: true, stream_options: { include_usage: true } },
  user: { user: "user-1" },
  safety_identifier: { safety_identifier: "user-1" },
  tools: { tools: TOOLS },
  tool_choice: { tools: TOOLS, tool_choice: "required" },
  parallel_tool_calls: { tools: TOOLS, parallel_tool_calls: false },
  response_format: { response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: false } } } },
  reasoning_effort: { reasoning_effort: "low" },
  service_tier: { service_tier: "auto" },
  n: { n: 2 },
  web_search_options: { web_search_options: {} },
  metadata: { metadata: { team: "a" } },
  store: { store: true },
  seed: { seed: 7 },
  logit_bias: { logit_bias: { "50256": -100 } },
  logprobs: { logprobs: true },
  top_logprobs: { logprobs: true, top_logprobs: 2 },
  presence_penalty: { presence_penalty: 0.5 },
  frequency_penalty: { frequency_penalty: 0.5 },
  audio: { audio: { voice: "alloy", format: "mp3" } },
  modalities: { modalities: ["text", "audio"] },
  prediction: { prediction: { type: "content", content: "Hi" } },
  verbosity: { verbosity: "high" },
  moderation: { moderation: { model: "omni-moderation-latest" } } as Partial<ChatCompletionCreateParams>,
  prompt_cache_key: { prompt_cache_key: "k" },
  prompt_cache_retention: { prompt_cache_retention: "24h" },
  prompt_cache_options: { prompt_cache_options: {} } as Partial<ChatCompletionCreateParams>,
  functions: { functions: [{ name: "f", parameters: { type: "object" } }] },
  function_call: { function_call: "auto" },
};

const user = (content: ChatCompletionMessageParam["content"]): ChatCompletionMessageParam => ({ role: "user", content }) as ChatCompletionMessageParam;

const ROLE_SAMPLES: Readonly<Record<MessageRole, Partial<ChatCompletionCreateParams>>> = {
  system: { messages: [{ role: "system", content: "Be brief." }, user("Hi")] },
  developer: { messages: [{ role: "developer", content: "Be brief." }, user("Hi")] },
  user: { messages: [user("Hi")] },
  assistant: { messages: [user("Hi"), { role: "assistant", content: "Hello!" }, user("Again")] },
  tool: {
    tools: TOOLS,
    messages: [
      user("Weather?"),
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: '{"temperature_c":18}' },
    ],
  },
  function: {
    messages: [user("Weather?"), { role: "assistant", content: null, function_call: { name: "get_weather", arguments: "{}" } }, { role: "function", name: "get_weather", content: "18" }],
  },
};

const PART_SAMPLES: Readonly<Record<ContentPartKind, ChatCompletionContentPart>> = {
  text: { type: "text", text: "Hi" },
  "image_url (https URL)": { type: "image_url", image_url: { url: "https://media.example/ant.png" } },
  "image_url (data: URI)": { type: "image_url", image_url: { url: `data:image/png;base64,${Buffer.from(PNG).toString("base64")}` } },
  input_audio: { type: "input_audio", input_audio: { data: Buffer.from(WAV).toString("base64"), format: "wav" } },
  audio_url: { type: "audio_url", audio_url: { url: "https://media.example/tone.wav" } } as ChatCompletionContentPart,
  "file (file_data)": { type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0xLjQK", filename: "a.pdf" } },
  "file (file_id)": { type: "file", file: { file_id: "file-abc123" } },
};

interface Outcome {
  error: unknown;
  capture: CaptureFetch;
}

async function send(
  declarations: ProviderDeclarations,
  body: Partial<ChatCompletionCreateParams>,
  model = MODELS[declarations.name]!,
  unsupportedParams: "error" | "drop" = "error",
): Promise<Outcome> {
  // The provider answers every request 400: the call ends there, after the request was captured.
  const capture = captureFetch(json({ error: { message: "stop here", type: "invalid_request_error" } }, 400));
  const client = new OpenAI({
    env: {},
    fetch: capture.fetch,
    maxRetries: 0,
    logLevel: "off",
    unsupportedParams,
    providers: {
      // vertex-anthropic reads the vertex settings (its own entry would hide them).
      ...(declarations.name.startsWith("vertex") ? {} : { [declarations.name]: { apiKey: "test-key", baseURL: "https://provider.example" } }),
      vertex: { accessToken: "test-token", project: "p", location: "us-central1", baseURL: "https://provider.example" },
      bedrock: { apiKey: "test-key", region: "us-east-1", baseURL: "https://provider.example" },
    },
  });
  let error: unknown;
  try {
    const result = await client.chat.completions.create({ messages: [user("Hi")], ...body, model: `${declarations.prefixes[0]}/${model}` } as ChatCompletionCreateParams);
    if (Symbol.asyncIterator in Object(result)) for await (const _chunk of result as AsyncIterable<unknown>) break;
  } catch (caught) {
    error = caught;
  }
  return { error, capture };
}

function valueAt(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split(".")) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/**
 * The request reached the provider (nothing refused), with the native name in it: `path` is a URL
 * piece (`/models/{model}`, `:streamGenerateContent`), a dotted path into the body (a field), or a
 * name that must appear in the body (a role's or part's native form).
 */
function expectSent(outcome: Outcome, what: string, model: string, path?: string): void {
  expect(outcome.error, `${what}: ${String(outcome.error)}`).not.toBeInstanceOf(UnsupportedParameterError);
  const request = outcome.capture.requests[0];
  expect(request, `${what} reached no provider: ${String(outcome.error)}`).toBeDefined();
  if (path === undefined) return;
  if (path.startsWith("/") || path.startsWith(":")) expect(decodeURIComponent(request!.url)).toContain(path.replace("{model}", model));
  else if (what.startsWith("field ")) expect(valueAt(request!.body, path), `${what} as ${path}`).toBeDefined();
  else expect(JSON.stringify(request!.body)).toContain(`"${path}"`);
}

function expectRefused(outcome: Outcome, what: string): void {
  expect(outcome.error, what).toBeInstanceOf(UnsupportedParameterError);
  expect(outcome.capture.requests, `${what} must be refused before anything is sent`).toEqual([]);
}

function modelFor(declarations: ProviderDeclarations, declared: Support): string {
  const base = MODELS[declarations.name]!;
  if (declared.dependsOn === undefined) return base;
  // A Gemini model that has what the entry depends on (the default model has the rest).
  return declarations.modelFamilies === "google" ? (MODEL_WITH[declared.dependsOn] ?? base) : base;
}

describe.each(TRANSLATED_DECLARATIONS.map((declarations) => [declarations.label, declarations] as const))("%s declarations hold", (_label, declarations) => {
  it("cover every request field with a sample here", () => {
    expect(Object.keys(declarations.fields).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  for (const [field, declared] of Object.entries(declarations.fields)) {
    it(`field ${field}: ${declared.support}${declared.as ? ` as ${declared.as}` : ""}`, async () => {
      const model = modelFor(declarations, declared);
      const outcome = await send(declarations, SAMPLES[field]!, model);
      if (declared.support === "unsupported") {
        expectRefused(outcome, `field ${field}`);
        // Named in the error (or a field its sample needs beside it that is refused as well: top_logprobs needs logprobs).
        const refusedToo = Object.keys(SAMPLES[field]!).filter((name) => declarations.fields[name as keyof typeof declarations.fields]?.support === "unsupported");
        expect(refusedToo.some((name) => (outcome.error as UnsupportedParameterError).message.includes(`\`${name}\``)), String(outcome.error)).toBe(true);
        // Under unsupportedParams: "drop" it is left out, and the rest is sent.
        const dropped = await send(declarations, SAMPLES[field]!, model, "drop");
        expect(dropped.capture.requests[0]?.body, `field ${field} with "drop": ${String(dropped.error)}`).toBeDefined();
        expect(Object.keys(dropped.capture.requests[0]!.body!)).not.toContain(field);
        // A value the provider still takes goes through.
        for (const value of declared.accepted ?? []) expectSent(await send(declarations, { [field]: value }, model), `field ${field}: ${String(value)}`, model);
      } else {
        // A native field is in the body under its own name unless `as` says otherwise; an emulated one need not be.
        expectSent(outcome, `field ${field}`, model, declared.support === "native" ? (declared.as ?? field) : undefined);
      }
    });
  }

  for (const role of MESSAGE_ROLES) {
    const declared = declarations.roles[role];
    it(`role ${role}: ${declared.support}${declared.as ? ` as ${declared.as}` : ""}`, async () => {
      const outcome = await send(declarations, ROLE_SAMPLES[role]);
      if (declared.support === "unsupported") expectRefused(outcome, `role ${role}`);
      else expectSent(outcome, `role ${role}`, MODELS[declarations.name]!, declared.as);
    });
  }

  for (const kind of CONTENT_PART_KINDS) {
    const declared = declarations.parts[kind];
    it(`part ${kind}: ${declared.support}${declared.as ? ` as ${declared.as}` : ""}`, async () => {
      const outcome = await send(declarations, { messages: [user(kind === "text" ? [PART_SAMPLES.text] : [PART_SAMPLES.text, PART_SAMPLES[kind]])] });
      if (declared.support === "unsupported") expectRefused(outcome, `part ${kind}`);
      else expectSent(outcome, `part ${kind}`, MODELS[declarations.name]!, declared.as);
    });
  }
});
