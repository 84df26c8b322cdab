// The unsupported-parameter check every translated provider runs first: each unified field is listed
// once per provider as mapped or unsupported (a compile error when the unified spec gains a field),
// and a set, non-neutral value of an unsupported field goes through the caller's policy.
import type { TranslateContext, UnifiedRequest } from "./contract.js";

export type FieldHandling = "mapped" | "unsupported";
export type FieldTable = Record<keyof UnifiedRequest, FieldHandling>;
type Neutral = { [K in keyof UnifiedRequest]?: (value: NonNullable<UnifiedRequest[K]>) => boolean };
export type FieldDetails = { [K in keyof UnifiedRequest]?: string };

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
};

export interface FieldPolicy {
  fields: FieldTable;
  /** Why a field is unsupported, or what to use instead (shown in the error). */
  details?: FieldDetails;
  /** The provider's display name, for fields that are not chat-completions parameters at all. */
  label: string;
}

/** Reports every set field the provider does not map; throws under the `error` policy. */
export function reportUnmappedFields(request: UnifiedRequest, policy: FieldPolicy, context: TranslateContext): void {
  for (const [field, value] of Object.entries(request)) {
    if (value === undefined || value === null) continue;
    if (!Object.hasOwn(policy.fields, field)) {
      context.unsupported(field, `not a chat-completions parameter onellm can translate for ${policy.label}`);
      continue;
    }
    const known = field as keyof UnifiedRequest;
    if (policy.fields[known] === "mapped") continue;
    const neutral = NEUTRAL_VALUES[known] as ((value: unknown) => boolean) | undefined;
    if (neutral?.(value)) continue;
    context.unsupported(field, policy.details?.[known]);
  }
}
