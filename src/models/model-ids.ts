// Model ids an editor offers when you type `model: "` — known `provider/model` literals, while any
// other string is still accepted (a new model works the day it ships, with no onellm release).
// The list is for completion only: nothing checks a model id against it. Sources per provider below.

/**
 * OpenAI's current chat models, a subset of `ModelIdsShared` in spec/unified/openapi.yaml (OpenAI's
 * own spec; test/models/model-ids.test.ts keeps each one there). A bare name means `openai`, so both
 * spellings complete.
 */
const OPENAI_MODELS = [
  "gpt-5.5",
  "gpt-5.4",
  "gpt-5.4-mini",
  "gpt-5.4-nano",
  "gpt-5.2",
  "gpt-5.2-pro",
  "gpt-5.1",
  "gpt-5",
  "gpt-5-mini",
  "gpt-5-nano",
  "gpt-4.1",
  "gpt-4.1-mini",
  "gpt-4.1-nano",
  "o4-mini",
  "o3",
  "o3-mini",
  "gpt-4o",
  "gpt-4o-mini",
] as const;

/** Anthropic's `Model` enum (upstream anthropic/openapi.yaml, Stainless spec), deprecated ids left out. */
const ANTHROPIC_MODELS = [
  "claude-opus-4-7",
  "claude-opus-4-6",
  "claude-sonnet-4-6",
  "claude-opus-4-5",
  "claude-sonnet-4-5",
  "claude-haiku-4-5",
  "claude-opus-4-1",
] as const;

/** Gemini API model ids (ai.google.dev/gemini-api/docs/models). `gemini/` is the same provider. */
const GOOGLE_MODELS = [
  "gemini-3.1-pro-preview",
  "gemini-3-pro-preview",
  "gemini-3-flash-preview",
  "gemini-2.5-pro",
  "gemini-2.5-flash",
  "gemini-2.5-flash-lite",
  "gemini-2.0-flash",
] as const;

/** Groq's production models (console.groq.com/docs/models). */
const GROQ_MODELS = [
  "llama-3.3-70b-versatile",
  "llama-3.1-8b-instant",
  "openai/gpt-oss-120b",
  "openai/gpt-oss-20b",
  "meta-llama/llama-4-scout-17b-16e-instruct",
  "qwen/qwen3-32b",
] as const;

/** Mistral's `-latest` aliases (docs.mistral.ai/getting-started/models). */
const MISTRAL_MODELS = [
  "mistral-large-latest",
  "mistral-medium-latest",
  "mistral-small-latest",
  "magistral-medium-latest",
  "codestral-latest",
  "ministral-8b-latest",
  "pixtral-large-latest",
] as const;

/** xAI (docs.x.ai/docs/models). */
const XAI_MODELS = ["grok-4", "grok-4-fast", "grok-3", "grok-3-mini"] as const;

/** DeepSeek (api-docs.deepseek.com/quick_start/pricing). */
const DEEPSEEK_MODELS = ["deepseek-chat", "deepseek-reasoner"] as const;

type Prefixed<P extends string, M extends readonly string[]> = `${P}/${M[number]}`;

/** Every `provider/model` literal onellm's editor completion knows. */
export type KnownModelId =
  | (typeof OPENAI_MODELS)[number]
  | Prefixed<"openai", typeof OPENAI_MODELS>
  | Prefixed<"anthropic", typeof ANTHROPIC_MODELS>
  | Prefixed<"google", typeof GOOGLE_MODELS>
  | Prefixed<"gemini", typeof GOOGLE_MODELS>
  | Prefixed<"groq", typeof GROQ_MODELS>
  | Prefixed<"mistral", typeof MISTRAL_MODELS>
  | Prefixed<"xai", typeof XAI_MODELS>
  | Prefixed<"deepseek", typeof DEEPSEEK_MODELS>;

/**
 * A model id: `provider/model` (split at the first slash), or a bare OpenAI model name. The known
 * ids complete in an editor; any other string is accepted as well (`string & {}` keeps the
 * literals from being absorbed into `string`, which would hide them from completion).
 */
export type ModelId = KnownModelId | (string & {});

/** The same ids as data, per provider (for tests and tools that list them). */
export const KNOWN_MODEL_IDS: Readonly<Record<string, readonly string[]>> = {
  openai: OPENAI_MODELS,
  anthropic: ANTHROPIC_MODELS,
  google: GOOGLE_MODELS,
  groq: GROQ_MODELS,
  mistral: MISTRAL_MODELS,
  xai: XAI_MODELS,
  deepseek: DEEPSEEK_MODELS,
};
