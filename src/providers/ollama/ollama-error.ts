// Ollama's error body is `{"error": "<message>"}` (docs/api/errors.mdx), with the HTTP status; the
// same object can arrive as a line of a stream that already started.
import { APIError } from "../../errors.js";

export function errorFromOllamaBody(status: number | undefined, body: string, headers: Headers | undefined, model: string): APIError {
  let message: string | undefined;
  let error: unknown;
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    error = parsed.error;
    if (typeof parsed.error === "string") message = parsed.error;
  } catch {
    // Not JSON (a proxy's HTML page): the capped body speaks for itself.
  }
  if (status === undefined) {
    // Mid-stream: the model failed after the response had started.
    return new APIError(`ollama: ${message ?? "error in stream"}`, { provider: "ollama", model, body, error, retryable: true });
  }
  return APIError.fromResponse(status, body, headers, "ollama", { model, error, ...(message === undefined ? {} : { message }) });
}
