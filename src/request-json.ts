// The request body must become JSON. A BigInt, a cycle or a structure nested past what JSON.stringify
// can walk is the caller's mistake: found once, before the first attempt, as a non-retryable
// InvalidRequestError naming where it is. Left to the transport it became a "connection error",
// retried with backoff and sent down the fallback chain without a single request made.
import { InvalidRequestError } from "./errors.js";

export function assertSerialisable(body: unknown): void {
  try {
    JSON.stringify(body);
  } catch (error) {
    const found = locate(body);
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new InvalidRequestError(
      found === undefined
        ? `The request body cannot be sent as JSON (${detail}). Pass plain data: strings, numbers, booleans, arrays and objects.`
        : `The request body cannot be sent as JSON: \`${found.path}\` ${found.problem}. Pass plain data: strings, numbers, booleans, arrays and objects.`,
      found?.path,
    );
  }
}

interface Found {
  path: string;
  problem: string;
}

/** The first value JSON cannot carry, by a walk that keeps its own stack (deep nesting cannot overflow it). */
function locate(root: unknown): Found | undefined {
  const stack: { value: unknown; path: string; ancestors: readonly object[] }[] = [{ value: root, path: "", ancestors: [] }];
  while (stack.length > 0) {
    const { value, path: at, ancestors } = stack.pop()!;
    const path = at.replace(/^\./, "") || "the body";
    if (typeof value === "bigint") return { path, problem: "is a BigInt, which JSON cannot carry; convert it to a number or a string" };
    if (value === null || typeof value !== "object") continue;
    if (ancestors.includes(value)) return { path, problem: "refers back to an object that contains it (a cycle)" };
    if (ancestors.length >= 5_000) return { path, problem: "is nested too deeply to serialise" };
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    // Dates and the like stand for their JSON form; what toJSON returns is what gets walked.
    const shown = typeof toJSON === "function" ? safeToJSON(value, toJSON as () => unknown) : value;
    if (shown !== value) {
      stack.push({ value: shown, path: at, ancestors });
      continue;
    }
    const within = [...ancestors, value];
    const entries = Array.isArray(value) ? value.map((item, index) => [`[${index}]`, item] as const) : Object.entries(value).map(([key, item]) => [`.${key}`, item] as const);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [step, item] = entries[index]!;
      stack.push({ value: item, path: `${at}${step}`, ancestors: within });
    }
  }
  return undefined;
}

function safeToJSON(value: object, toJSON: () => unknown): unknown {
  try {
    return toJSON.call(value);
  } catch {
    return value;
  }
}
