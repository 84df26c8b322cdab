// Notes for the response warnings: lossy but harmless conversions and explanations of what Gemini
// did. Parameters the caller set and Gemini cannot honour go through `context.unsupported` instead.
import type { TranslateContext } from "../contract.js";

export function warn(context: TranslateContext, message: string): void {
  const text = `${context.provider}: ${message}`;
  if (!context.warnings.includes(text)) context.warnings.push(text);
}
