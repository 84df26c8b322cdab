// Exit codes scripts can rely on, and the one line a failure prints (never a stack trace; onellm's
// errors never carry a key).
import {
  AllTargetsFailedError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  InvalidRequestError,
  OneLLMError,
  PermissionDeniedError,
} from "../errors.js";
import { MissingAPIKeyError } from "../router/router.js";

export const EXIT = {
  ok: 0,
  /** Something unexpected (a defect in onellm): the message, no stack. */
  internal: 1,
  /** The command line is wrong: an unknown option, provider or value, or a parameter the model cannot take. */
  usage: 2,
  /** No key, or the provider refused the key (401, 403). */
  auth: 3,
  /** The provider failed: rate limits, 5xx, timeouts, connection errors, malformed answers, broken streams. */
  provider: 4,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

/** A mistake in the command line, found before anything is sent. */
export class UsageError extends Error {
  override name = "UsageError";
}

type Kind = "usage" | "auth" | "provider" | "interrupted" | "internal";

function kindOf(error: unknown): Kind {
  if (error instanceof UsageError || error instanceof InvalidRequestError) return "usage";
  if (error instanceof APIUserAbortError) return "interrupted";
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) return "auth";
  if (error instanceof AllTargetsFailedError) {
    const kinds = new Set(error.errors.map((failure) => kindOf(failure.error)));
    // One kind for every target (all keys missing, say) is that kind; a mix is the providers' failure.
    return kinds.size === 1 ? [...kinds][0]! : "provider";
  }
  if (error instanceof APIError || error instanceof OneLLMError) return "provider";
  return "internal";
}

export function exitCodeFor(error: unknown): number {
  return EXIT[kindOf(error)];
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** The variable a provider's key is read from (first of its prefixes). */
export type KeyVariableOf = (provider: string) => string | undefined;

function describeOne(error: unknown, keyVariable: KeyVariableOf): string {
  if (error instanceof MissingAPIKeyError && error.provider !== undefined) {
    const variable = keyVariable(error.provider);
    return `no API key for ${error.provider}${variable === undefined ? "" : `: set ${variable}`}`;
  }
  if (error instanceof Error) return oneLine(error.message);
  return oneLine(String(error));
}

/** The line printed for a failure (without the `onellm: ` prefix). */
export function describeFailure(error: unknown, keyVariable: KeyVariableOf): string {
  if (error instanceof AllTargetsFailedError) {
    return `every model failed: ${error.errors.map((failure) => `${failure.provider}/${failure.model}: ${describeOne(failure.error, keyVariable)}`).join("; ")}`;
  }
  if (kindOf(error) === "internal") return `internal error: ${describeOne(error, keyVariable)}`;
  return describeOne(error, keyVariable);
}
