// An earlier tool call's `arguments` (a JSON string in OpenAI's shape) as the JSON object the
// providers that take tool input as an object need; anything else is the caller's error, named.
import { InvalidRequestError } from "../errors.js";

export function parseToolArguments(text: string, path: string, provider: string): Record<string, unknown> {
  // Models emit "" for a call without arguments; it means the empty object.
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError(`Invalid \`${path}\`: not valid JSON (${(error as Error).message}). ${provider} needs an earlier tool call's arguments as a JSON object.`, path);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidRequestError(`Invalid \`${path}\`: ${provider} needs a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}.`, path);
  }
  return value as Record<string, unknown>;
}
