// What a command reads and writes: the process's own streams and environment in the `onellm`
// binary, stand-ins in tests.
export interface CliIO {
  readonly env: Readonly<Record<string, string | undefined>>;
  write(text: string): void;
  error(text: string): void;
  /** All of stdin as text; undefined when stdin is a terminal (nothing piped in). */
  readStdin(): Promise<string | undefined>;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
  readFile(path: string): Promise<Uint8Array>;
}
