// The examples, in tour order, and the model each mock format is asked with. `npm run demo` runs
// them on the mock providers; test/examples runs each on every format and checks what it prints.
import type { MockFormat } from "./mock-formats.js";

export interface ExampleEntry {
  /** examples/<name>.ts */
  readonly name: string;
  readonly title: string;
  /** A model other than the format's usual one, where the example needs a kind of model (a reasoning model). */
  readonly models?: Partial<Record<MockFormat, string>>;
}

/** The model an example is run with on each mock format (ONELLM_EXAMPLE_MODEL). */
export const FORMAT_MODELS: Readonly<Record<MockFormat, string>> = {
  openai: "openai/gpt-4o-mini",
  anthropic: "anthropic/claude-sonnet-4-5",
  gemini: "google/gemini-2.5-flash",
};

export const EXAMPLES: readonly ExampleEntry[] = [
  { name: "basic-completion", title: "A completion" },
  { name: "streaming", title: "Streaming" },
  { name: "system-prompt", title: "A system prompt" },
  { name: "images", title: "Images by URL and as base64" },
  { name: "audio", title: "Audio input", models: { openai: "openai/gpt-4o-audio-preview" } },
  { name: "function-calling", title: "Function calling: the call, the tool result, the answer" },
  { name: "json-mode", title: "JSON mode and JSON Schema" },
  { name: "parse-zod", title: "parse() with zod" },
  { name: "run-tools", title: "runTools()" },
  { name: "multi-turn", title: "Multi-turn, switching provider between turns" },
  { name: "several-choices", title: "Several answers (n: 3)" },
  { name: "fallback", title: "Fallback models" },
  { name: "retries", title: "Retries before fallback" },
  { name: "timeout-abort", title: "A timeout and an abort" },
  { name: "reasoning", title: "Reasoning with reasoning_effort", models: { openai: "openai/o4-mini" } },
];

export function modelFor(entry: ExampleEntry, format: MockFormat): string {
  return entry.models?.[format] ?? FORMAT_MODELS[format];
}

/** The other provider in examples that use two (multi-turn, retries): the next format's model. */
export function secondModelFor(format: MockFormat): string {
  const next: Record<MockFormat, MockFormat> = { openai: "anthropic", anthropic: "gemini", gemini: "openai" };
  return FORMAT_MODELS[next[format]];
}
