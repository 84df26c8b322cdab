// `onellm chat -m <model> [options] [prompt]`: one question, answered as it streams (or as the full
// ChatCompletion with --json). Everything the command line can get wrong is found before anything
// is sent; the SDK's own validation finds the rest, also before the network.
import { OpenAI } from "../client.js";
import { findProvider, knownProviderNames } from "../providers/registry.js";
import type { ChatCompletionContentPart, ChatCompletionCreateParams, ChatCompletionMessageParam } from "../types.js";
import { UsageError } from "./cli-errors.js";
import { imagePart } from "./cli-image.js";
import type { CliIO } from "./cli-io.js";
import { parseCommandLine, type OptionSpec } from "./cli-options.js";
import { didYouMean } from "./cli-suggest.js";

export const CHAT_OPTIONS = {
  model: { type: "string", short: "m", value: "model", help: "provider/model, e.g. anthropic/claude-sonnet-4-5 (a bare name means openai)" },
  system: { type: "string", short: "s", value: "text", help: "a system prompt" },
  fallback: { type: "string", short: "f", multiple: true, value: "model", help: "a model to try when the previous ones fail (repeatable)" },
  temperature: { type: "string", short: "t", value: "number", help: "sampling temperature" },
  "max-tokens": { type: "string", value: "n", help: "the most tokens the answer may take" },
  "reasoning-effort": { type: "string", value: "level", help: "none, minimal, low, medium, high, xhigh or max" },
  image: { type: "string", short: "i", multiple: true, value: "path|url", help: "an image to ask about: a PNG, JPEG, GIF or WebP file, or a URL (repeatable)" },
  retries: { type: "string", value: "n", help: "retries per model (default 2)" },
  timeout: { type: "string", value: "seconds", help: "per attempt (default 600)" },
  json: { type: "boolean", help: "print the whole ChatCompletion as JSON (not streamed)" },
  "no-stream": { type: "boolean", help: "print the answer once it is complete" },
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, OptionSpec>;

const EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh", "max"] as const;

export const CHAT_USAGE = "onellm chat -m <provider/model> [options] [prompt]    (no prompt: read from stdin)";

function number(name: string, text: string | undefined, integer: boolean, minimum: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < minimum) {
    throw new UsageError(`--${name} takes ${integer ? "a whole number" : "a number"}${minimum > 0 ? ` of at least ${minimum}` : minimum === 0 ? " (0 or more)" : ""}, not "${text}".`);
  }
  return value;
}

/** `model` names a provider onellm knows (a bare name means openai), or a usage error with a suggestion. */
export function checkModel(model: string, flag: string): void {
  const slash = model.indexOf("/");
  if (slash === -1) return;
  const provider = model.slice(0, slash);
  if (findProvider(provider) !== undefined) return;
  throw new UsageError(`unknown provider "${provider}" in ${flag} ${model}.${didYouMean(provider, knownProviderNames())} See \`onellm providers\`.`);
}

async function prompt(positionals: readonly string[], io: CliIO): Promise<string> {
  if (positionals.length > 0) return positionals.join(" ");
  const piped = await io.readStdin();
  if (piped === undefined) throw new UsageError("no prompt: give it after the options, or pipe it in (echo Hello | onellm chat -m ...).");
  if (piped.trim() === "") throw new UsageError("the prompt read from stdin is empty.");
  return piped;
}

/** The request the command line asks for; throws UsageError for anything wrong in it. */
export async function chatRequest(args: readonly string[], io: CliIO): Promise<{ body: ChatCompletionCreateParams; json: boolean; stream: boolean } | "help"> {
  const { values, positionals } = parseCommandLine("onellm chat", args, CHAT_OPTIONS);
  if (values.help === true) return "help";
  const model = values.model;
  if (model === undefined || model === "") throw new UsageError(`-m <provider/model> is required, e.g. -m anthropic/claude-sonnet-4-5.\nusage: ${CHAT_USAGE}`);
  checkModel(model, "-m");
  const fallbacks = values.fallback ?? [];
  for (const fallback of fallbacks) checkModel(fallback, "--fallback");
  const effort = values["reasoning-effort"];
  if (effort !== undefined && !(EFFORTS as readonly string[]).includes(effort)) {
    throw new UsageError(`--reasoning-effort takes ${EFFORTS.join(", ")}, not "${effort}".${didYouMean(effort, EFFORTS)}`);
  }
  const temperature = number("temperature", values.temperature, false, 0);
  const maxTokens = number("max-tokens", values["max-tokens"], true, 1);
  const retries = number("retries", values.retries, true, 0);
  const timeout = number("timeout", values.timeout, false, Number.MIN_VALUE);
  if (values.json === true && values["no-stream"] === true) throw new UsageError("--json already prints the complete answer: leave out --no-stream.");

  const text = await prompt(positionals, io);
  const images = await Promise.all((values.image ?? []).map((image) => imagePart(image, (path) => io.readFile(path))));
  const content: string | ChatCompletionContentPart[] = images.length === 0 ? text : [{ type: "text", text }, ...images];
  const messages: ChatCompletionMessageParam[] = [];
  if (values.system !== undefined) messages.push({ role: "system", content: values.system });
  messages.push({ role: "user", content });

  const body: ChatCompletionCreateParams = { model, messages };
  if (fallbacks.length > 0) body.fallback_models = [...fallbacks];
  if (temperature !== undefined) body.temperature = temperature;
  if (maxTokens !== undefined) body.max_completion_tokens = maxTokens;
  if (effort !== undefined) body.reasoning_effort = effort as (typeof EFFORTS)[number];
  if (retries !== undefined) body.retries = retries;
  if (timeout !== undefined) body.timeout = timeout;
  return { body, json: values.json === true, stream: values.json !== true && values["no-stream"] !== true };
}

/** Runs the chat command; failures are thrown for main to print. */
export async function runChat(args: readonly string[], io: CliIO, help: () => string): Promise<void> {
  const request = await chatRequest(args, io);
  if (request === "help") {
    io.write(help());
    return;
  }
  // Keys come from the environment only (onellm's log lines, if any, go to stderr).
  const client = new OpenAI({ env: io.env });
  const options = { signal: io.signal };
  if (request.json) {
    const completion = await client.chat.completions.create({ ...request.body, stream: false }, options);
    io.write(`${JSON.stringify(completion, null, 2)}\n`);
    return;
  }
  if (!request.stream) {
    const completion = await client.chat.completions.create({ ...request.body, stream: false }, options);
    const text = completion.choices[0]?.message.content ?? "";
    io.write(text.endsWith("\n") ? text : `${text}\n`);
    return;
  }
  const stream = await client.chat.completions.create({ ...request.body, stream: true }, options);
  let last = "\n";
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta.content;
    if (delta) {
      io.write(delta);
      last = delta;
    }
  }
  if (!last.endsWith("\n")) io.write("\n");
}
