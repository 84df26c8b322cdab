// Typed access, from inside tests, to the Prism servers started by test/helpers/global-setup.ts.
import { inject } from "vitest";
import { PRISM_SPECS, type PrismName } from "./prism.js";

export { PRISM_SPECS, type PrismName };

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL (http://127.0.0.1:<port>) of each Prism that is running. */
    prismUrls: Partial<Record<PrismName, string>>;
    /** Why a Prism is not running: spec missing, startup failure (with Prism's output), or disabled. */
    prismErrors: Partial<Record<PrismName, string>>;
  }
}

/** The base URL of the Prism mock for `name`; throws a clear error if that Prism is not running. */
export function prismUrl(name: PrismName): string {
  const url = inject("prismUrls")?.[name];
  if (url !== undefined) return url;
  const why = inject("prismErrors")?.[name] ?? "global setup did not run (is test/helpers/global-setup.ts in vitest.config.ts?)";
  throw new Error(`Prism for "${name}" (${PRISM_SPECS[name]}) is not running: ${why}`);
}

/** True when the Prism mock for `name` is running (for `describe.skipIf(!hasPrism("openai"))`). */
export function hasPrism(name: PrismName): boolean {
  return inject("prismUrls")?.[name] !== undefined;
}
