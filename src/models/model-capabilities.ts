// What differs per model, as data: translators and the unsupported policy read it here instead of
// testing model names themselves. The rows live in capability-table.ts, a source cited on each.
import { CAPABILITY_TABLE } from "./capability-table.js";

/** Reasoning levels as the unified request names them (`reasoning_effort`). */
export type EffortLevel = "minimal" | "low" | "medium" | "high" | "xhigh" | "max";

/**
 * How a model's reasoning is controlled:
 * - `none`: the model does not think;
 * - `budget`: a token budget (Anthropic `thinking.budget_tokens`, Gemini 2.5 `thinkingBudget`);
 * - `budget-effort`: a budget, plus Anthropic's `output_config.effort` for the listed levels;
 * - `adaptive-effort`: Anthropic adaptive thinking steered by `output_config.effort`;
 * - `levels`: named levels (Gemini 3 `thinkingLevel`).
 */
export type ThinkingControl = "none" | "budget" | "budget-effort" | "adaptive-effort" | "levels";

/** How `response_format: json_schema` is honoured: the provider's own structured output, or a forced tool. */
export type StructuredOutputs = "native" | "tool";

export interface ModelCapabilities {
  /** The row's family name, for messages ("Gemini 2.5 Flash", "Claude Sonnet 4.5"). */
  family: string;
  /** `presence_penalty` / `frequency_penalty` accepted. */
  penalties: boolean;
  thinking: ThinkingControl;
  /** Thinking can be turned off (`reasoning_effort: "none"`). */
  thinkingOff: boolean;
  /** The levels `output_config.effort` / `thinkingLevel` accept; empty where there are none. */
  efforts: readonly EffortLevel[];
  structuredOutputs: StructuredOutputs;
  /** Tool and response schemas go as full JSON Schema (Gemini `parametersJsonSchema` / `responseJsonSchema`). */
  fullJsonSchema: boolean;
  maxOutputTokens: number;
  vision: boolean;
  audio: boolean;
  /** Gemini 3: function calls in the history must carry their thought signature. */
  signedToolCalls: boolean;
  /** Gemini 3: media resolution can be set per image part, not only per request. */
  perPartMediaResolution: boolean;
  /** A system prompt is accepted as such (Gemma on the Gemini API refuses `systemInstruction`). */
  systemInstruction: boolean;
  /** Where these facts come from. */
  source: string;
}

export type CapabilityProvider = "anthropic" | "google";

export interface CapabilityRow extends ModelCapabilities {
  provider: CapabilityProvider;
  /** Matched against the model id without a leading `models/`; the first matching row wins. */
  match: RegExp;
}

/**
 * Vertex AI names a dated Claude model `claude-sonnet-4@20250514` where Anthropic writes
 * `claude-sonnet-4-20250514`; read in Anthropic's spelling, both find the same row, so the table
 * keeps one pattern per family. (Without this, the Sonnet 4 and Opus 4 rows, anchored on an optional
 * `-date`, missed the Vertex ids, which fell to the newer-than-the-table row.)
 */
const VERTEX_DATE = /@(\d{8})$/;

/** The capabilities of `model` at `provider`: the first matching row (the table ends with a catch-all per provider). */
export function capabilitiesOf(provider: CapabilityProvider, model: string): ModelCapabilities {
  const id = (model.startsWith("models/") ? model.slice("models/".length) : model).replace(VERTEX_DATE, "-$1");
  const row = CAPABILITY_TABLE.find((candidate) => candidate.provider === provider && candidate.match.test(id));
  // The table ends with a catch-all row per provider, so this only fires if that row is removed.
  if (row === undefined) throw new Error(`no capability row for ${provider} model ${model}`);
  return row;
}
