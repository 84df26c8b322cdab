// The `onellm` command: chat, providers, models. Returns the exit code; prints one line per
// failure (`onellm: ...`), never a stack trace.
import { VERSION } from "../settings.js";
import { findProvider } from "../providers/registry.js";
import { CHAT_OPTIONS, CHAT_USAGE, runChat } from "./cli-chat.js";
import { describeFailure, EXIT, exitCodeFor, UsageError } from "./cli-errors.js";
import type { CliIO } from "./cli-io.js";
import { listModels, renderModels } from "./cli-models.js";
import { optionsHelp, parseCommandLine, type OptionSpec } from "./cli-options.js";
import { providerRows, renderProviders } from "./cli-providers.js";
import { didYouMean } from "./cli-suggest.js";

const COMMANDS = ["chat", "providers", "models", "help"] as const;

const LIST_OPTIONS = {
  json: { type: "boolean", help: "print JSON" },
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, OptionSpec>;

const MAIN_HELP = `onellm ${VERSION}: one command line for every LLM provider (keys from the environment)

usage:
  ${CHAT_USAGE}
  onellm providers [--json]       providers, their key variable and base URL, and whether a key is set
  onellm models <provider> [--json]   the model ids onellm knows for a provider
  onellm <command> --help

examples:
  onellm chat -m anthropic/claude-sonnet-4-5 "Write a haiku about the sea"
  git diff | onellm chat -m google/gemini-2.5-flash --system "Review this change"
  onellm chat -m openai/gpt-4o-mini --fallback groq/llama-3.3-70b-versatile --json "Hello"

exit codes: 0 done, 2 usage (bad option, unknown provider, a parameter the model cannot take),
3 authentication (no key, or the key was refused), 4 the provider failed, 130 interrupted.
`;

const chatHelp = () => `usage: ${CHAT_USAGE}

Streams the answer as it arrives. Keys come from the environment (ANTHROPIC_API_KEY,
OPENAI_API_KEY, GEMINI_API_KEY, ...: see onellm providers).

options:
${optionsHelp(CHAT_OPTIONS)}
`;

const listHelp = (usage: string) => `usage: ${usage}\n\noptions:\n${optionsHelp(LIST_OPTIONS)}\n`;

function keyVariable(provider: string): string | undefined {
  const prefix = findProvider(provider)?.envPrefixes[0];
  return prefix === undefined ? undefined : `${prefix}_API_KEY`;
}

async function dispatch(args: readonly string[], io: CliIO): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.write(MAIN_HELP);
      return;
    case "--version":
    case "-v":
      io.write(`${VERSION}\n`);
      return;
    case "chat":
      return runChat(rest, io, chatHelp);
    case "providers": {
      const { values, positionals } = parseCommandLine("onellm providers", rest, LIST_OPTIONS);
      if (values.help === true) return io.write(listHelp("onellm providers [--json]"));
      if (positionals.length > 0) throw new UsageError(`onellm providers takes no arguments (got ${positionals.join(" ")}).`);
      const rows = providerRows(io.env);
      return io.write(values.json === true ? `${JSON.stringify(rows, null, 2)}\n` : renderProviders(rows));
    }
    case "models": {
      const { values, positionals } = parseCommandLine("onellm models", rest, LIST_OPTIONS);
      if (values.help === true) return io.write(listHelp("onellm models <provider> [--json]"));
      if (positionals.length > 1) throw new UsageError(`onellm models takes one provider (got ${positionals.join(" ")}).`);
      const listing = listModels(positionals[0]);
      if (listing.models.length === 0) {
        io.error(`onellm knows no model ids for ${listing.provider}; any id it serves works: onellm chat -m ${listing.provider}/<model>\n`);
      }
      return io.write(values.json === true ? `${JSON.stringify(listing, null, 2)}\n` : renderModels(listing));
    }
    default:
      throw new UsageError(`unknown command "${command}".${didYouMean(command, COMMANDS)} See onellm --help.`);
  }
}

export async function runCli(args: readonly string[], io: CliIO): Promise<number> {
  try {
    await dispatch(args, io);
    return EXIT.ok;
  } catch (error) {
    io.error(`onellm: ${describeFailure(error, keyVariable)}\n`);
    return exitCodeFor(error);
  }
}
