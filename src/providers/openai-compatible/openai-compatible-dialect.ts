// What defines one OpenAI-chat dialect: where it lives, how it authenticates, its accepted request
// surface, and the few quirks its surface cannot say. Pure data (no generated imports), so the
// generator can read the table to write README's provider table.
import type { DialectSurface, ToolCallIdRule } from "./openai-compatible-surface.js";

/** The generated client that sends a dialect's requests (its spec's path), or OpenAI's `/chat/completions`. */
export type DialectClient = "openai" | "mistral" | "groq" | "xai";

/** A surface generated from `spec/providers/<spec>.yaml`, or one declared by hand with its sources. */
export type SurfaceRef = { readonly spec: DialectClient } | { readonly declared: DialectSurface };

/** Behaviour beyond the surface. Every entry carries a comment naming its source where it is set. */
export interface DialectQuirks {
  /**
   * The provider sends usage on a stream's last chunk whatever is asked and has no `stream_options`:
   * `stream_options.include_usage` is then honoured by onellm instead of being refused.
   */
  readonly usageAlwaysStreamed?: boolean;
  /** `tool_choice` string values the provider spells its own way (Mistral: `required` -> `any`). */
  readonly toolChoiceValues?: Readonly<Record<string, string>>;
  /** Image parts are taken only as `data:` URIs, not by http(s) URL. */
  readonly inlineImagesOnly?: boolean;
  /** A function tool must declare `parameters` (Mistral's Function schema requires it); none means none. */
  readonly toolParametersRequired?: boolean;
  /** A constraint on tool-call ids the spec does not state (joined to the surface; ids that break it are rewritten). */
  readonly toolCallId?: ToolCallIdRule;
  /** Fields the spec lists but the provider refuses or ignores (its documentation says so). */
  readonly refusedFields?: readonly string[];
  /** Message fields the spec lists but the provider refuses (every role). */
  readonly refusedMessageFields?: readonly string[];
  /** Audio and file parts in Mistral's shapes (`input_audio` as a base64 string; files by id or as a document URL). */
  readonly mistralParts?: boolean;
}

export interface DialectDefinition {
  /** The model prefix and settings key (`mistral/...`, `providers.mistral`). */
  readonly name: string;
  /** The provider's name as its users write it (README). */
  readonly label: string;
  readonly aliases?: readonly string[];
  /** `<PREFIX>_API_KEY` / `<PREFIX>_BASE_URL`, first match wins. */
  readonly envPrefixes: readonly string[];
  /** As the provider's official SDK has it. */
  readonly defaultBaseURL: string;
  readonly requiresApiKey: boolean;
  /** Whether the provider honours `n > 1` itself (else the router sends n parallel requests). */
  readonly nativeN: boolean;
  readonly client: DialectClient;
  readonly surface: SurfaceRef;
  readonly quirks: DialectQuirks;
}

/** What a dialect's provider is known by before its code loads (see lazy-provider.ts). */
export function dialectIdentity(definition: DialectDefinition) {
  return {
    name: definition.name,
    aliases: definition.aliases ?? [],
    envPrefixes: definition.envPrefixes,
    defaultBaseURL: definition.defaultBaseURL,
    requiresApiKey: definition.requiresApiKey,
    capabilities: { nativeN: definition.nativeN },
  };
}
