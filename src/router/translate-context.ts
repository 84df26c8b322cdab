// The per-target translation context: where a provider reports what it cannot honour.
import { UnsupportedParameterError } from "../errors.js";
import type { TranslateContext, UnsupportedPolicy } from "../providers/contract.js";

export interface PolicyLogger {
  warn(message: string): void;
}

export function createTranslateContext(
  provider: string,
  model: string,
  policy: UnsupportedPolicy,
  logger: PolicyLogger | undefined,
): TranslateContext {
  const warnings: string[] = [];
  return {
    provider,
    model,
    policy,
    warnings,
    extras: {},
    unsupported(parameter: string, detail?: string): void {
      if (policy === "error") throw new UnsupportedParameterError(parameter, provider, detail);
      const message = `${provider} does not support \`${parameter}\`${detail ? ` (${detail})` : ""}; it was not sent (unsupportedParams: "${policy}").`;
      warnings.push(message);
      if (policy === "warn") logger?.warn(message);
    },
    emulated(feature: string, detail: string): void {
      warnings.push(`${feature} is emulated for ${provider}: ${detail}`);
    },
  };
}
