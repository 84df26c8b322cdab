// How an error's message reads: `openai`'s "<status> <message>", capped, with where it came from for
// translated providers; an HTML page summarised by its title.
const MAX_MESSAGE_CHARS = 500;

/** The parts of an error's init the message is built from. */
export interface MessageParts {
  status?: number | undefined;
  provider?: string | undefined;
  model?: string | undefined;
  bareMessage?: boolean | undefined;
  plainMessage?: boolean | undefined;
}

/** `"<status> <message>"` as `openai` writes it, then (for translated providers) where it came from. */
export function composeMessage(message: string, init: MessageParts): string {
  if (init.plainMessage) return message;
  const status = init.status;
  const core =
    status === undefined
      ? message || "(no status code or body)"
      : message
        ? `${status} ${message}`
        : `${status} status code (no body)`;
  const where = init.provider && !init.bareMessage ? ` [${init.provider}${init.model ? `/${init.model}` : ""}]` : "";
  return capText(`${core}${where}`, MAX_MESSAGE_CHARS + 80);
}

export function summarizeBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith("<")) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return `HTML error page${title ? `: ${title}` : ""} (${body.length} bytes)`;
  }
  return capText(trimmed.replace(/\s+/g, " "), MAX_MESSAGE_CHARS);
}

export function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more chars]`;
}
