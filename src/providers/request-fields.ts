// How a translated provider meets each part of the unified request, declared as data: every
// request field once (a compile error when the unified spec gains one), every message role and
// content-part kind. The translator's unsupported-parameter check reads the field declarations
// (reportUnmappedFields below); docs/capabilities.md and README's provider table are generated
// from the same declarations; test/providers/capability-declarations.test.ts sends every declared
// field, role and part through the real translators and fails where one says otherwise.
import type { ModelCapabilities } from "../models/model-capabilities.js";
import type { TranslateContext, UnifiedRequest } from "./contract.js";

/**
 * - `native`: sent to the provider, under `as` where its API names it otherwise (a dotted path into
 *   the native body: `generationConfig.topP`);
 * - `emulated`: honoured by onellm itself (n > 1 by parallel requests, usage for a stream);
 * - `unsupported`: a set, non-neutral value goes through the unsupported-parameter policy, with
 *   `note` as the reason shown.
 * `note` qualifies the entry (a range, the values or models it holds for); `dependsOn` names the
 * model capability (src/models) that decides it per model family.
 */
export interface Support {
  readonly support: "native" | "emulated" | "unsupported";
  readonly as?: string;
  readonly note?: string;
  readonly dependsOn?: keyof ModelCapabilities;
  /** Values of an unsupported field the provider still takes (`reasoning_effort: "none"` where thinking is off or can be turned off). */
  readonly accepted?: readonly unknown[];
}

export type FieldDeclarations = { readonly [Field in keyof Required<UnifiedRequest>]: Support };

/** The roles a message may have, as the unified request names them. */
export type MessageRole = "system" | "developer" | "user" | "assistant" | "tool" | "function";
export const MESSAGE_ROLES: readonly MessageRole[] = ["system", "developer", "user", "assistant", "tool", "function"];

/** Kinds of user content part; an image is a kind per way of giving it. */
export type ContentPartKind = "text" | "image_url (https URL)" | "image_url (data: URI)" | "input_audio" | "audio_url" | "file (file_data)" | "file (file_id)";
export const CONTENT_PART_KINDS: readonly ContentPartKind[] = [
  "text",
  "image_url (https URL)",
  "image_url (data: URI)",
  "input_audio",
  "audio_url",
  "file (file_data)",
  "file (file_id)",
];

export interface ProviderDeclarations {
  /** The registry name (`anthropic`). */
  readonly name: string;
  /** The provider's name as its users write it. */
  readonly label: string;
  /** Model prefixes (`google/`, `gemini/`). */
  readonly prefixes: readonly string[];
  readonly fields: FieldDeclarations;
  readonly roles: { readonly [Role in MessageRole]: Support };
  readonly parts: { readonly [Kind in ContentPartKind]: Support };
  /** The provider whose rows of the model capability table describe its models. */
  readonly modelFamilies?: "anthropic" | "google";
}

type Neutral = { [K in keyof UnifiedRequest]?: (value: NonNullable<UnifiedRequest[K]>) => boolean };

/** Values that ask for nothing beyond a provider's default, so leaving them out loses nothing. */
export const NEUTRAL_VALUES: Neutral = {
  store: (value) => value === false,
  logprobs: (value) => value === false,
  top_logprobs: (value) => value === 0,
  presence_penalty: (value) => value === 0,
  frequency_penalty: (value) => value === 0,
  logit_bias: (value) => Object.keys(value).length === 0,
  metadata: (value) => Object.keys(value).length === 0,
  modalities: (value) => value.every((modality) => modality === "text"),
  verbosity: (value) => value === "medium",
  parallel_tool_calls: (value) => value,
  tool_choice: (value) => value === "auto",
};

/** Reports every set field the provider declares unsupported (and any field it does not know); throws under the `error` policy. */
export function reportUnmappedFields(request: UnifiedRequest, declarations: Pick<ProviderDeclarations, "fields" | "label">, context: TranslateContext): void {
  for (const [field, value] of Object.entries(request)) {
    if (value === undefined || value === null) continue;
    if (!Object.hasOwn(declarations.fields, field)) {
      context.unsupported(field, `not a chat-completions parameter onellm can translate for ${declarations.label}`);
      continue;
    }
    const known = field as keyof UnifiedRequest;
    const declared = declarations.fields[known];
    if (declared.support !== "unsupported") continue;
    const neutral = NEUTRAL_VALUES[known] as ((value: unknown) => boolean) | undefined;
    if (neutral?.(value) || declared.accepted?.includes(value)) continue;
    context.unsupported(field, declared.note);
  }
}

/** Shorthands for declaration tables. */
export const native = (as?: string, note?: string, dependsOn?: keyof ModelCapabilities): Support => ({
  support: "native",
  ...(as === undefined ? {} : { as }),
  ...(note === undefined ? {} : { note }),
  ...(dependsOn === undefined ? {} : { dependsOn }),
});
export const emulated = (note: string, dependsOn?: keyof ModelCapabilities): Support => ({ support: "emulated", note, ...(dependsOn === undefined ? {} : { dependsOn }) });
export const unsupported = (note?: string, accepted?: readonly unknown[]): Support => ({
  support: "unsupported",
  ...(note === undefined ? {} : { note }),
  ...(accepted === undefined ? {} : { accepted }),
});

/** n > 1: the router sends n parallel requests and merges their choices (every translated provider). */
export const N_BY_PARALLEL_REQUESTS: Support = emulated("n > 1: parallel requests, choices merged, usage summed");
