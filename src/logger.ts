// A minimal logger contract (console-compatible). Every line goes through key redaction.
import { redactSecrets } from "./core/redact.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

export interface LoggerSink {
  debug?(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}

export interface Logger {
  /** Check before building a debug line: the hot path pays nothing when debug is off. */
  readonly debugEnabled: boolean;
  debug(message: string): void;
  warn(message: string): void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

/** A level from an option or the environment, as `openai` reads one: unknown values are warned about and ignored. */
export function parseLogLevel(value: unknown, source: string, sink: LoggerSink | undefined): LogLevel | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string" && Object.prototype.hasOwnProperty.call(ORDER, value)) return value as LogLevel;
  sink?.warn?.(redactSecrets(`${source} was set to ${JSON.stringify(value)}, expected one of ${JSON.stringify(Object.keys(ORDER))}`));
  return undefined;
}

export function createLogger(sink: LoggerSink | undefined, level: LogLevel): Logger {
  const enabled = (wanted: LogLevel) => sink !== undefined && ORDER[wanted] >= ORDER[level];
  const debugOn = enabled("debug") && typeof sink?.debug === "function";
  const warnOn = enabled("warn") && typeof sink?.warn === "function";
  return {
    debugEnabled: debugOn,
    debug: debugOn ? (message) => sink!.debug!(redactSecrets(message)) : () => undefined,
    warn: warnOn ? (message) => sink!.warn!(redactSecrets(message)) : () => undefined,
  };
}
