// Where each output lives, relative to the project root.
export interface GeneratedFile {
  /** Relative to the project root, "/"-separated. */
  readonly path: string;
  readonly contents: string;
}

export const GENERATED_DIR = "generated";
export const UNIFIED_DIR = `${GENERATED_DIR}/unified`;
export const PROVIDERS_DIR = `${GENERATED_DIR}/providers`;

export function providerDir(provider: string): string {
  return `${PROVIDERS_DIR}/${provider}`;
}

/** The hand-written provider folder; the generator only ever creates it, with starter files. */
export function providerSourceDir(provider: string): string {
  return `src/providers/${provider}`;
}
