/** A problem the user can fix (a bad spec, a stale lock, a lint error): printed without a stack trace. */
export class GeneratorError extends Error {
  override readonly name = "GeneratorError";
}
