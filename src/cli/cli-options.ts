// Command lines are parsed by Node's own util.parseArgs (strict: an unknown option is an error);
// this turns its errors into usage errors that name the option and suggest the one meant, and
// prints the options' help from the same table.
import { parseArgs } from "node:util";
import { UsageError } from "./cli-errors.js";
import { didYouMean } from "./cli-suggest.js";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  /** The value's name in help (`--model <model>`). */
  readonly value?: string;
  readonly help: string;
}

type Values<Options extends Record<string, OptionSpec>> = {
  [Name in keyof Options]?: Options[Name]["type"] extends "boolean" ? boolean : Options[Name]["multiple"] extends true ? string[] : string;
};

export function parseCommandLine<Options extends Record<string, OptionSpec>>(
  command: string,
  args: readonly string[],
  options: Options,
): { values: Values<Options>; positionals: string[] } {
  const config = Object.fromEntries(
    Object.entries(options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short === undefined ? {} : { short: spec.short }), ...(spec.multiple ? { multiple: true } : {}) }]),
  );
  try {
    const parsed = parseArgs({ args: [...args], options: config, strict: true, allowPositionals: true });
    return { values: parsed.values as Values<Options>, positionals: parsed.positionals };
  } catch (error) {
    throw usageError(command, error, options);
  }
}

function usageError(command: string, error: unknown, options: Record<string, OptionSpec>): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = (error as Error).message;
  const quoted = /'(-[^']*)'/.exec(message)?.[1] ?? "";
  const names = Object.keys(options).map((name) => `--${name}`);
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError(`unknown option ${quoted} for ${command}.${didYouMean(quoted, names, "")} See ${command} --help.`);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const name = /--([\w-]+)/.exec(message)?.[1] ?? quoted;
      const spec = options[name];
      return new UsageError(
        spec?.type === "boolean" ? `--${name} takes no value (${command}).` : `--${name} needs a value${spec?.value ? ` (<${spec.value}>)` : ""} (${command}).`,
      );
    }
    default:
      return new UsageError(`${message.split("\n")[0]} (${command}).`);
  }
}

/** The options as help lines: `  -m, --model <model>   what it does`. */
export function optionsHelp(options: Record<string, OptionSpec>): string {
  const rows = Object.entries(options).map(([name, spec]) => [
    `${spec.short === undefined ? "    " : `-${spec.short}, `}--${name}${spec.value === undefined ? "" : ` <${spec.value}>`}`,
    spec.help,
  ]);
  const width = Math.max(...rows.map(([flags]) => flags!.length));
  return rows.map(([flags, help]) => `  ${flags!.padEnd(width)}   ${help}`).join("\n");
}
