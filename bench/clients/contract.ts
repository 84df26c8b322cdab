// What the bench asks of every client it compares. Each client reads every byte it is sent and
// hands the caller each chunk's text, so a client that skipped work could not look fast: the
// worker checks the text it got against what the server sent.
import type { Format } from "../formats.js";

export interface BenchClient {
  /** One non-streamed call; resolves with the assistant's text. */
  complete(): Promise<string>;
  /** One streamed call of `model` (a bench stream shape); `onChunk` gets each chunk's text, if any. */
  stream(model: string, onChunk: (text: string | undefined) => void): Promise<void>;
}

export const CLIENT_KINDS = ["floor", "undici", "fetch", "openai-package", "onellm"] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** One client on one wire format, e.g. `onellm:anthropic`. */
export interface Variant {
  kind: ClientKind;
  format: Format;
}

export function variantName(variant: Variant): string {
  return `${variant.kind}:${variant.format}`;
}

export function parseVariant(name: string): Variant {
  const [kind, format] = name.split(":");
  if (!CLIENT_KINDS.includes(kind as ClientKind) || (format !== "openai" && format !== "anthropic" && format !== "gemini")) {
    throw new Error(`unknown bench variant "${name}" (expected <${CLIENT_KINDS.join("|")}>:<openai|anthropic|gemini>)`);
  }
  if (kind === "openai-package" && format !== "openai") throw new Error("the openai package speaks only the openai format");
  return { kind: kind as ClientKind, format };
}
