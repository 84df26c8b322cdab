// OpenAI-dialect error bodies: `{ error: { message, type, param, code } }`.
import { APIError } from "../../errors.js";

export function errorFromOpenAIBody(
  status: number | undefined,
  body: string,
  headers: Headers | undefined,
  provider: string,
  model: string,
  context?: string,
): APIError {
  let message: string | undefined;
  let code: string | null | undefined;
  let param: string | null | undefined;
  let type: string | null | undefined;
  let error: unknown;
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    error = parsed.error ?? parsed;
    if (typeof parsed.error === "object" && parsed.error !== null) {
      const fields = parsed.error as Record<string, unknown>;
      if (typeof fields["message"] === "string") message = fields["message"];
      code = fields["code"] === undefined || fields["code"] === null ? null : String(fields["code"]);
      param = typeof fields["param"] === "string" ? fields["param"] : null;
      type = typeof fields["type"] === "string" ? fields["type"] : null;
    } else if (typeof parsed.error === "string") {
      message = parsed.error;
    }
  } catch {
    // Not JSON (an HTML page from a proxy, say): the capped body speaks for itself.
  }
  const effectiveStatus = status ?? (code !== null && code !== undefined && /^\d{3}$/.test(code) ? Number(code) : undefined);
  const text = context && message ? `${message} (${context})` : (message ?? context);
  if (effectiveStatus === undefined) {
    return new APIError(text ?? "error", { provider, model, body, headers, error, code, param, type, retryable: type === "server_error" });
  }
  return APIError.fromResponse(effectiveStatus, body, headers, provider, {
    model,
    error,
    code,
    param,
    type,
    ...(text === undefined ? {} : { message: text }),
  });
}
