// What the code needs to know about the JavaScript runtime it is in, read without touching anything
// a runtime may lack: `process` exists on Node, Bun and Deno only; `window` and `document` in pages.

export type Environment = Readonly<Record<string, string | undefined>>;

interface ProcessLike {
  env?: Record<string, string | undefined>;
}

function processObject(): ProcessLike | undefined {
  return (globalThis as { process?: ProcessLike }).process;
}

const EMPTY: Environment = Object.freeze({});

/**
 * The process environment where there is one (Node, Bun, Deno), read one variable at a time so a
 * runtime that guards access (Deno without `--allow-env`) yields "not set" instead of throwing;
 * an empty environment elsewhere (browsers, edge runtimes).
 */
export function processEnvironment(): Environment {
  let env: Record<string, string | undefined> | undefined;
  try {
    env = processObject()?.env;
  } catch {
    return EMPTY;
  }
  if (env === undefined || env === null) return EMPTY;
  const source = env;
  return new Proxy(EMPTY, {
    get(_target, name) {
      if (typeof name !== "string") return undefined;
      try {
        const value = source[name];
        return typeof value === "string" ? value : undefined;
      } catch {
        return undefined;
      }
    },
  });
}

/**
 * True in a web page (a window with a document and a navigator), as the `openai` package decides
 * it: there a key given to the client is readable by anyone who opens the page.
 */
export function isRunningInBrowser(): boolean {
  const scope = globalThis as { window?: { document?: unknown }; document?: unknown; navigator?: unknown };
  return typeof scope.window === "object" && scope.window !== null && typeof scope.document !== "undefined" && typeof scope.navigator !== "undefined";
}
