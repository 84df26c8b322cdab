// `redocly lint` over the specs, as a child process without a shell. Errors fail the run; warnings
// are counted and reported. redocly reads redocly.yaml from `cwd` when there is one.
import { spawn } from "node:child_process";
import { GeneratorError } from "./generator-error.js";
import { isRecord } from "./openapi.js";

export interface LintRun {
  /** The redocly executable, normally node_modules/.bin/redocly. */
  readonly redocly: string;
  readonly cwd: string;
  /** Spec paths relative to `cwd`. */
  readonly files: readonly string[];
}

export interface LintSummary {
  readonly warnings: number;
}

const SHOWN_ERRORS = 50;

export async function lintSpecs({ redocly, cwd, files }: LintRun): Promise<LintSummary> {
  const { code, stdout, stderr } = await run(redocly, ["lint", "--format=json", "--max-problems=100000", ...files], cwd);
  const report = parseReport(stdout);
  if (code === 0) {
    return { warnings: report?.warnings ?? 0 };
  }
  if (report === undefined || report.errors.length === 0) {
    throw new GeneratorError(`redocly lint failed (exit ${String(code)}):\n${stderr.trim() || stdout.trim()}`);
  }
  const shown = report.errors.slice(0, SHOWN_ERRORS).map((line) => `  ${line}`);
  const more = report.errors.length > SHOWN_ERRORS ? [`  ... and ${report.errors.length - SHOWN_ERRORS} more`] : [];
  throw new GeneratorError(
    `redocly lint found ${report.errors.length} error(s) in the specs (fix them in spec/overlays/ and run \`npm run spec:sync\`):\n${[...shown, ...more].join("\n")}`,
  );
}

/** redocly prints one JSON report per group of specs, back to back (`}{`): sum them. */
function parseReport(stdout: string): { errors: string[]; warnings: number } | undefined {
  const reports = parseJsonSequence(stdout);
  if (reports === undefined || reports.length === 0) return undefined;
  let warnings = 0;
  const errors: string[] = [];
  for (const report of reports) {
    if (!isRecord(report) || !Array.isArray(report["problems"])) return undefined;
    const totals = report["totals"];
    warnings += isRecord(totals) && typeof totals["warnings"] === "number" ? totals["warnings"] : 0;
    for (const problem of report["problems"].filter(isRecord)) {
      if (problem["severity"] !== "error") continue;
      const location = Array.isArray(problem["location"]) ? problem["location"][0] : undefined;
      const source = isRecord(location) && isRecord(location["source"]) ? String(location["source"]["ref"]) : "?";
      const pointer = isRecord(location) ? String(location["pointer"]) : "";
      errors.push(`${source}${pointer} [${String(problem["ruleId"])}] ${String(problem["message"])}`);
    }
  }
  return { errors, warnings };
}

/** Top-level JSON values written one after another; undefined when the text is not that. */
export function parseJsonSequence(text: string): unknown[] | undefined {
  const values: unknown[] = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  let escaped = false;
  try {
    for (let index = 0; index < text.length; index += 1) {
      const char = text[index];
      if (inString) {
        if (escaped) escaped = false;
        else if (char === "\\") escaped = true;
        else if (char === '"') inString = false;
      } else if (char === '"') {
        inString = true;
      } else if (char === "{" || char === "[") {
        if (depth === 0) start = index;
        depth += 1;
      } else if (char === "}" || char === "]") {
        depth -= 1;
        if (depth === 0) values.push(JSON.parse(text.slice(start, index + 1)));
      }
    }
  } catch {
    return undefined;
  }
  return depth === 0 ? values : undefined;
}

function run(command: string, args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      shell: false,
      stdio: ["ignore", "pipe", "pipe"],
      // No telemetry or update check: generate must not reach the network.
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) =>
      reject(new GeneratorError(`cannot run ${command} (${error.message}); run \`npm install\``)),
    );
    child.on("close", (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") }),
    );
  });
}
