// The accepted request surface of an OpenAI-chat dialect: what its chat endpoint takes, as data.
// Generated from the provider's spec (generated/providers/<p>/surface.gen.ts) or, where no public
// spec exists, declared by hand with the documentation it was read from. One declaration, read by the
// dialect translator, the unsupported-parameter policy and the README's provider table.

/** One role's message, as the provider accepts it. */
export interface RoleSurface {
  /** Fields the message may carry, `role` included. */
  readonly fields: readonly string[];
  /** Content-part types an array `content` may hold; empty when `content` must be a string. */
  readonly parts: readonly string[];
  /** Whether fields outside `fields` are refused (`additionalProperties: false`) rather than ignored. */
  readonly strict: boolean;
}

import type { ToolCallIdRule } from "../tool-call-ids.js";

/** A constraint on tool-call ids (`^[a-zA-Z0-9]{9}$` for Mistral): ids that break it are rewritten per target. */
export type { ToolCallIdRule };

export interface DialectSurface {
  /** Where the data comes from: the derived spec, or the documentation pages it was read from. */
  readonly source: string;
  /** Whether top-level fields outside `fields` are refused (`additionalProperties: false`) rather than ignored. */
  readonly strict: boolean;
  /** Top-level request fields, `model` and `messages` included. */
  readonly fields: readonly string[];
  /** Each accepted role and what its message takes. */
  readonly roles: Readonly<Record<string, RoleSurface>>;
  /**
   * String values accepted by enum-valued fields: `tool_choice` (its string forms), `tool_choice.type`
   * (the object form's tag), `response_format.type`, `reasoning_effort`, `service_tier`, ...
   * A field with no entry takes any value its type allows.
   */
  readonly enums: Readonly<Record<string, readonly string[]>>;
  /** Fields of one `tool_calls[]` entry of an assistant message. */
  readonly toolCallFields: readonly string[];
  /**
   * Fields a content part may carry besides its `type` and its payload (the field named after the
   * type): OpenAI's `prompt_cache_breakpoint`, OpenRouter's `cache_control`.
   */
  readonly partFields: readonly string[];
  /** Fields one `tools[]` entry may carry (`type`, `function`, ...). */
  readonly toolFields: readonly string[];
  /** A constraint on tool-call ids, where the provider has one. */
  readonly toolCallId?: ToolCallIdRule | undefined;
}

/** The role's surface, or undefined when the dialect has no such role. */
export function roleSurface(surface: DialectSurface, role: string): RoleSurface | undefined {
  return Object.prototype.hasOwnProperty.call(surface.roles, role) ? surface.roles[role] : undefined;
}
