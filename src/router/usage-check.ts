// Usage counts are added up (n > 1 emulation, cached + uncached input, thoughts + output): a count a
// provider sends as a string would be concatenated instead ("5" + "10" = "510") and reach callers'
// billing as nonsense. A usage object whose counts are not numbers is a malformed response.

const COUNTS = ["prompt_tokens", "completion_tokens", "total_tokens"] as const;
const DETAILS = ["prompt_tokens_details", "completion_tokens_details"] as const;

/** What is wrong with a unified usage object, or undefined when its counts are numbers. */
export function checkUsage(usage: unknown): string | undefined {
  if (usage === undefined || usage === null) return undefined;
  if (typeof usage !== "object" || Array.isArray(usage)) return `usage is ${describe(usage)}, not an object`;
  const record = usage as Record<string, unknown>;
  for (const field of COUNTS) {
    const value = record[field];
    if (value !== undefined && value !== null && !isCount(value)) return `usage.${field} is ${describe(value)}, not a token count`;
  }
  for (const group of DETAILS) {
    const details = record[group];
    if (details === undefined || details === null) continue;
    if (typeof details !== "object" || Array.isArray(details)) return `usage.${group} is ${describe(details)}, not an object`;
    for (const [name, value] of Object.entries(details)) {
      // Details a provider leaves null (not measured) are fine; a count spelled as text is not.
      if (typeof value === "string" || (typeof value === "number" && !isCount(value))) {
        return `usage.${group}.${name} is ${describe(value)}, not a token count`;
      }
    }
  }
  return undefined;
}

function isCount(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value);
}

function describe(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`;
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value === "number" ? String(value) : `a ${typeof value}`;
}
