// The capability table: one row per model family, most specific first, each provider closed by a
// catch-all row for models newer than the table (assumed to behave like the current generation).
// Every row cites where its facts come from; when a provider changes a model, change its row.
import type { CapabilityRow, EffortLevel } from "./model-capabilities.js";

const ANTHROPIC_MODELS = "https://platform.claude.com/docs/en/about-claude/models/overview";
const ANTHROPIC_THINKING = "https://platform.claude.com/docs/en/build-with-claude/extended-thinking";
const ANTHROPIC_EFFORT = "https://platform.claude.com/docs/en/build-with-claude/effort";
const ANTHROPIC_STRUCTURED = "https://platform.claude.com/docs/en/build-with-claude/structured-outputs";
const GEMINI_MODELS = "https://ai.google.dev/gemini-api/docs/models";
const GEMINI_THINKING = "https://ai.google.dev/gemini-api/docs/thinking";
const GEMINI_3 = "https://ai.google.dev/gemini-api/docs/gemini-3";
const GEMINI_STRUCTURED = "https://ai.google.dev/gemini-api/docs/structured-output";

const ALL_GEMINI_LEVELS: readonly EffortLevel[] = ["minimal", "low", "medium", "high"];

/** What every Claude model shares: no penalties, images but no audio, system prompts, no Gemini-only traits. */
const CLAUDE = {
  provider: "anthropic",
  penalties: false,
  thinkingOff: true,
  fullJsonSchema: true,
  vision: true,
  audio: false,
  signedToolCalls: false,
  perPartMediaResolution: false,
  systemInstruction: true,
} as const;

/** What every Gemini model shares: images and audio in, full JSON Schema unless a row says otherwise. */
const GEMINI = {
  provider: "google",
  vision: true,
  audio: true,
  structuredOutputs: "native",
  systemInstruction: true,
} as const;

export const CAPABILITY_TABLE: readonly CapabilityRow[] = [
  // Anthropic: thinking as a budget until Opus 4.5 added output_config.effort; 4.6 made thinking adaptive.
  {
    ...CLAUDE, match: /^claude-opus-4-7/, family: "Claude Opus 4.7",
    thinking: "adaptive-effort", efforts: ["low", "medium", "high", "xhigh", "max"], structuredOutputs: "native", maxOutputTokens: 128000,
    source: `${ANTHROPIC_MODELS}; ${ANTHROPIC_EFFORT} (xhigh from Opus 4.7)`,
  },
  {
    ...CLAUDE, match: /^claude-opus-4-6/, family: "Claude Opus 4.6",
    thinking: "adaptive-effort", efforts: ["low", "medium", "high", "max"], structuredOutputs: "native", maxOutputTokens: 128000,
    source: `${ANTHROPIC_MODELS}; ${ANTHROPIC_EFFORT} (max from Opus 4.6)`,
  },
  {
    ...CLAUDE, match: /^claude-sonnet-4-6/, family: "Claude Sonnet 4.6",
    thinking: "adaptive-effort", efforts: ["low", "medium", "high", "max"], structuredOutputs: "native", maxOutputTokens: 64000,
    source: `${ANTHROPIC_MODELS}; ${ANTHROPIC_EFFORT}`,
  },
  {
    ...CLAUDE, match: /^claude-opus-4-5/, family: "Claude Opus 4.5",
    thinking: "budget-effort", efforts: ["low", "medium", "high"], structuredOutputs: "native", maxOutputTokens: 64000,
    source: `${ANTHROPIC_MODELS}; ${ANTHROPIC_EFFORT} (introduced with Opus 4.5: low, medium, high); ${ANTHROPIC_STRUCTURED}`,
  },
  {
    ...CLAUDE, match: /^claude-(sonnet|haiku)-4-5/, family: "Claude Sonnet/Haiku 4.5",
    thinking: "budget", efforts: [], structuredOutputs: "native", maxOutputTokens: 64000,
    source: `${ANTHROPIC_MODELS}; ${ANTHROPIC_STRUCTURED} (GA on Sonnet 4.5, Haiku 4.5, Opus 4.5 and 4.6 models)`,
  },
  {
    ...CLAUDE, match: /^claude-opus-4(-1)?(-\d{8})?$|^claude-opus-4-1/, family: "Claude Opus 4 / 4.1",
    thinking: "budget", efforts: [], structuredOutputs: "tool", maxOutputTokens: 32000,
    source: `${ANTHROPIC_MODELS}; ${ANTHROPIC_THINKING}`,
  },
  {
    ...CLAUDE, match: /^claude-sonnet-4(-\d{8})?$/, family: "Claude Sonnet 4",
    thinking: "budget", efforts: [], structuredOutputs: "tool", maxOutputTokens: 64000,
    source: `${ANTHROPIC_MODELS}; ${ANTHROPIC_THINKING}`,
  },
  {
    ...CLAUDE, match: /^claude-3-7-sonnet/, family: "Claude Sonnet 3.7",
    thinking: "budget", efforts: [], structuredOutputs: "tool", maxOutputTokens: 64000,
    source: `${ANTHROPIC_MODELS}; ${ANTHROPIC_THINKING} (extended thinking from Claude 3.7 Sonnet)`,
  },
  {
    ...CLAUDE, match: /^claude-3-5-/, family: "Claude 3.5",
    thinking: "none", efforts: [], structuredOutputs: "tool", maxOutputTokens: 8192,
    source: ANTHROPIC_MODELS,
  },
  {
    ...CLAUDE, match: /^claude-3-/, family: "Claude 3",
    thinking: "none", efforts: [], structuredOutputs: "tool", maxOutputTokens: 4096,
    source: ANTHROPIC_MODELS,
  },
  {
    ...CLAUDE, match: /^/, family: "Claude (newer than this table)",
    thinking: "adaptive-effort", efforts: ["low", "medium", "high", "max"], structuredOutputs: "native", maxOutputTokens: 64000,
    source: `${ANTHROPIC_MODELS}: assumed to behave like the newest generation in this table`,
  },

  // Gemini: penalties refused from 2.5 on ("Penalty is not enabled"); levels replace budgets in 3.
  {
    ...GEMINI, match: /^gemini-3(\.0)?-pro/, family: "Gemini 3 Pro",
    penalties: false, thinking: "levels", thinkingOff: false, efforts: ["low", "high"], fullJsonSchema: true, maxOutputTokens: 65536,
    signedToolCalls: true, perPartMediaResolution: true,
    source: `${GEMINI_3} (thinkingLevel low/high on 3 Pro; thought signatures enforced on function calls; per-part media_resolution); ${GEMINI_THINKING}`,
  },
  {
    ...GEMINI, match: /^gemini-3/, family: "Gemini 3",
    penalties: false, thinking: "levels", thinkingOff: false, efforts: ALL_GEMINI_LEVELS, fullJsonSchema: true, maxOutputTokens: 65536,
    signedToolCalls: true, perPartMediaResolution: true,
    source: `${GEMINI_3} (minimal/low/medium/high on 3 Flash and later); ${GEMINI_THINKING}`,
  },
  {
    ...GEMINI, match: /^gemini-2\.5-pro/, family: "Gemini 2.5 Pro",
    penalties: false, thinking: "budget", thinkingOff: false, efforts: [], fullJsonSchema: true, maxOutputTokens: 65536,
    signedToolCalls: false, perPartMediaResolution: false,
    source: `${GEMINI_MODELS}; ${GEMINI_THINKING} (2.5 Pro cannot turn thinking off); ${GEMINI_STRUCTURED}`,
  },
  {
    ...GEMINI, match: /^gemini-2\.5-/, family: "Gemini 2.5 Flash",
    penalties: false, thinking: "budget", thinkingOff: true, efforts: [], fullJsonSchema: true, maxOutputTokens: 65536,
    signedToolCalls: false, perPartMediaResolution: false,
    source: `${GEMINI_MODELS}; ${GEMINI_THINKING}; ${GEMINI_STRUCTURED}`,
  },
  {
    ...GEMINI, match: /^gemini-2\.0-/, family: "Gemini 2.0",
    penalties: true, thinking: "none", thinkingOff: true, efforts: [], fullJsonSchema: false, maxOutputTokens: 8192,
    signedToolCalls: false, perPartMediaResolution: false,
    source: `${GEMINI_MODELS} (2.0 Flash: 8,192 output tokens, no thinking); ${GEMINI_STRUCTURED} (JSON Schema from 2.5)`,
  },
  {
    ...GEMINI, match: /^gemini-1\.5-/, family: "Gemini 1.5",
    penalties: true, thinking: "none", thinkingOff: true, efforts: [], fullJsonSchema: false, maxOutputTokens: 8192,
    signedToolCalls: false, perPartMediaResolution: false,
    source: GEMINI_MODELS,
  },
  {
    ...GEMINI, match: /^gemma-/, family: "Gemma", systemInstruction: false, audio: false,
    penalties: true, thinking: "none", thinkingOff: true, efforts: [], fullJsonSchema: false, maxOutputTokens: 8192,
    signedToolCalls: false, perPartMediaResolution: false,
    source: "https://ai.google.dev/gemma/docs/core/gemma_on_gemini_api (no system instruction: the API answers 400 \"Developer instruction is not enabled\")",
  },
  {
    ...GEMINI, match: /^/, family: "Gemini (newer than this table)",
    penalties: false, thinking: "levels", thinkingOff: false, efforts: ALL_GEMINI_LEVELS, fullJsonSchema: true, maxOutputTokens: 65536,
    signedToolCalls: true, perPartMediaResolution: true,
    source: `${GEMINI_MODELS}: assumed to behave like the newest generation in this table`,
  },
];
