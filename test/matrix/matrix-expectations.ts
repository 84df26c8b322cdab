// Every cell of the matrix that is not a plain success, with its reason. A cell not listed here
// must be a success: the target's Prism accepts the native request (200, no violation) and the SDK
// reports nothing (no warning). A listed cell must come out exactly as listed.
import type { Group } from "./matrix-histories.js";
import type { ProviderName } from "./matrix-sources.js";

export type Outcome =
  /** Sent and accepted, with a warning that says what onellm did in the target's place. */
  | "emulated"
  /** Refused by the target's translator before anything was sent (a fallback chain skips the target). */
  | "refused"
  /** The source itself cannot produce this history (its provider refuses the first question). */
  | "no-source";

export interface Expectation {
  groups: readonly Group[];
  sources: readonly ProviderName[] | "*";
  targets: readonly ProviderName[] | "*";
  outcome: Outcome;
  /** Matched against the warnings (emulated) or the error message (refused, no-source). */
  says: RegExp;
  because: string;
}

/** Sources whose tool calls carry Gemini thought signatures (extra_content.google.thought_signature). */
const GEMINI_SIGNED: readonly ProviderName[] = ["gemini", "vertex"];
const UNSIGNED_FOR_GEMINI: readonly ProviderName[] = ["openai", "anthropic", "groq", "mistral", "deepseek", "xai", "ollama", "cohere", "bedrock", "vertex-anthropic"];

export const EXPECTATIONS: readonly Expectation[] = [
  {
    groups: ["tools", "reasoning"],
    sources: UNSIGNED_FOR_GEMINI,
    targets: GEMINI_SIGNED,
    outcome: "emulated",
    says: /has no Gemini thought signature .* skip_thought_signature_validator/,
    because:
      "Gemini 3 refuses (400) a turn whose first function call has no thought signature, and calls made by another provider have none: onellm sends Google's documented skip_thought_signature_validator in its place (ai.google.dev/gemini-api/docs/thought-signatures) and says so",
  },
  {
    groups: ["images"],
    sources: "*",
    targets: ["deepseek"],
    outcome: "refused",
    says: /deepseek does not support `messages\[0\]\.content\[1\] \(image_url\)`/,
    because: "DeepSeek's chat API takes text only (api-docs.deepseek.com, Create Chat Completion: user content is a string); the image is refused before sending, and a fallback chain skips DeepSeek",
  },
  {
    groups: ["images"],
    sources: ["deepseek"],
    targets: "*",
    outcome: "no-source",
    says: /deepseek does not support `messages\[0\]\.content\[1\] \(image_url\)`/,
    because: "DeepSeek cannot answer the image question in the first place (text only), so no image history comes from it",
  },
];

export function expectationFor(group: Group, source: ProviderName, target: ProviderName): Expectation | undefined {
  const matches = (list: readonly ProviderName[] | "*", name: ProviderName) => list === "*" || list.includes(name);
  // A source that cannot produce the history decides the whole row.
  const noSource = EXPECTATIONS.find((entry) => entry.outcome === "no-source" && entry.groups.includes(group) && matches(entry.sources, source));
  if (noSource !== undefined) return noSource;
  return EXPECTATIONS.find((entry) => entry.groups.includes(group) && matches(entry.sources, source) && matches(entry.targets, target));
}
