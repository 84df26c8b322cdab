// Cohere error bodies (`{ id, message }`) -> our error classes. The status picks the class; Cohere's
// own codes 498 (invalid token) and 499 (request cancelled) read as 401 and 408, which is what they
// mean for retries and fallbacks.
import { APIError } from "../../errors.js";
import type { CohereErrorBody } from "./cohere-schema.js";

const PROVIDER = "cohere";

/** Cohere's non-HTTP-standard statuses, as the standard status they stand for. */
function effectiveStatus(status: number): number {
  if (status === 498) return 401;
  if (status === 499) return 408;
  return status;
}

function parseBody(body: string): CohereErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
    return parsed as CohereErrorBody;
  } catch {
    return undefined;
  }
}

/** A non-2xx response (or an unreadable stream event, with `context`) -> the error class for its status. */
export function errorFromCohereBody(status: number, body: string, headers: Headers | undefined, model: string, context?: string): APIError {
  const parsed = parseBody(body);
  const message = typeof parsed?.message === "string" && parsed.message.length > 0 ? parsed.message : undefined;
  const effective = effectiveStatus(status);
  const suffix = effective === status ? "" : ` (Cohere status ${status})`;
  const text = [context, message].filter((part) => part !== undefined).join(": ");
  return APIError.fromResponse(effective, body, headers, PROVIDER, {
    model,
    ...(text === "" && suffix === "" ? {} : { message: `${text || "Cohere error"}${suffix}` }),
    ...(message === undefined ? {} : { error: { message } }),
  });
}
