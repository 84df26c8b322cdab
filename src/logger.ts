// A minimal logger contract (console-compatible), levels as in `openai`. Like `openai`, a line may
// come with one structured argument (request and response details), which a console prints as an
// object and a JSON logger keeps as fields. Every message and every detail goes through key
// redaction; credential headers are masked outright.
import { redactDeep, redactSecrets } from "./core/redact.js";
import { isCredentialHeader } from "./core/credentials.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Anything with console's methods (`console`, pino, winston, ...); missing methods are skipped. */
export interface LoggerSink {
  debug?(message: string, ...rest: unknown[]): void;
  info?(message: string, ...rest: unknown[]): void;
  warn?(message: string, ...rest: unknown[]): void;
  error?(message: string, ...rest: unknown[]): void;
}

/** Structured details for one line (method, url, headers, status, durationMs, ...). */
export type LogDetails = Record<string, unknown>;

export interface Logger {
  /** Check before building a debug line: the hot path pays nothing when debug is off. */
  readonly debugEnabled: boolean;
  readonly infoEnabled: boolean;
  debug(message: string, details?: LogDetails): void;
  info(message: string, details?: LogDetails): void;
  warn(message: string, details?: LogDetails): void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

/** A level from an option or the environment, as `openai` reads one: unknown values are warned about and ignored. */
export function parseLogLevel(value: unknown, source: string, sink: LoggerSink | undefined): LogLevel | undefined {
  const text = typeof value === "string" ? value.trim() : value;
  if (text === undefined || text === null || text === "") return undefined;
  if (typeof text === "string" && Object.prototype.hasOwnProperty.call(ORDER, text)) return text as LogLevel;
  sink?.warn?.(redactSecrets(`${source} was set to ${JSON.stringify(value)}, expected one of ${JSON.stringify(Object.keys(ORDER))}`));
  return undefined;
}

export function createLogger(sink: LoggerSink | undefined, level: LogLevel): Logger {
  const method = (wanted: Exclude<LogLevel, "off" | "error">) => {
    const write = sink?.[wanted];
    if (typeof write !== "function" || ORDER[wanted] < ORDER[level]) return undefined;
    return (message: string, details?: LogDetails) => {
      if (details === undefined) write.call(sink, redactSecrets(message));
      else write.call(sink, redactSecrets(message), redactDetails(details));
    };
  };
  const debug = method("debug");
  const info = method("info");
  const warn = method("warn");
  const nothing = () => undefined;
  return {
    debugEnabled: debug !== undefined,
    infoEnabled: info !== undefined,
    debug: debug ?? nothing,
    info: info ?? nothing,
    warn: warn ?? nothing,
  };
}

/** Headers as a plain object for a log line, credentials masked as `openai` masks them (`***`). */
export function headersForLog(headers: Headers | Record<string, string> | undefined): Record<string, string> {
  // Headers, or a transport's Headers-like (anything with entries()); else a plain record.
  const entries = typeof (headers as Headers | undefined)?.entries === "function" ? [...(headers as Headers).entries()] : Object.entries(headers ?? {});
  return Object.fromEntries(entries.map(([name, value]) => [name, isCredentialHeader(name) ? "***" : value]));
}

function redactDetails(details: LogDetails): LogDetails {
  const copy: LogDetails = { ...details };
  if (copy["headers"] !== undefined) copy["headers"] = headersForLog(copy["headers"] as Headers | Record<string, string>);
  return redactDeep(copy, 0) as LogDetails;
}
