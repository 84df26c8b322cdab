// Parsing a completion against what the request asked for: `message.parsed` from a response
// format, `parsed_arguments` on tool calls. A parseable format or tool is a plain request object
// with two hidden (non-enumerable) members, `$brand` and `$parseRaw` — the protocol `openai` uses,
// so formats made with `openai/helpers/zod` work here too, and nothing extra is ever sent.
import { InvalidRequestError, OneLLMError } from "../errors.js";
import { ContentFilterFinishReasonError, LengthFinishReasonError, StructuredOutputError } from "../errors-parse.js";
import type { ChatCompletionFunctionTool, ChatCompletionMessageFunctionToolCall } from "../openai-namespace.js";
import type { ChatCompletion, ChatCompletionCreateParams, ChatCompletionMessage, ChatCompletionTool } from "../types.js";
import { checkJsonSchema } from "./json-schema-check.js";

type ResponseFormat = NonNullable<ChatCompletionCreateParams["response_format"]>;
/** `response_format: { type: "json_schema", json_schema: {...} }`. */
export type ResponseFormatJSONSchema = Extract<ResponseFormat, { type: "json_schema" }>;

/** A response format that also knows how to parse the answer into `ParsedT` (see `zodResponseFormat`). */
export type AutoParseableResponseFormat<ParsedT> = ResponseFormatJSONSchema & {
  /** Type-level only: what `message.parsed` becomes. */
  __output: ParsedT;
  $brand: "auto-parseable-response-format";
  $parseRaw(content: string): ParsedT;
};

interface ToolOptions {
  name: string;
  arguments: unknown;
  function?: ((args: never) => unknown) | undefined;
}

/** A function tool that also parses its own arguments (see `zodFunction`); with `$callback`, `runTools()` can call it. */
export type AutoParseableTool<
  OptionsT extends ToolOptions,
  HasFunction = OptionsT["function"] extends (...args: never[]) => unknown ? true : false,
> = ChatCompletionFunctionTool & {
  __arguments: OptionsT["arguments"];
  __name: OptionsT["name"];
  __hasFunction: HasFunction;
  $brand: "auto-parseable-tool";
  $callback: ((args: OptionsT["arguments"]) => unknown) | undefined;
  $parseRaw(args: string): OptionsT["arguments"];
};

type FunctionCallFields = ChatCompletionMessageFunctionToolCall["function"];

export interface ParsedFunction extends FunctionCallFields {
  /** The arguments parsed by the tool's own parser (zod), or as JSON for a `strict` tool; else null. */
  parsed_arguments?: unknown;
}

export interface ParsedFunctionToolCall extends ChatCompletionMessageFunctionToolCall {
  function: ParsedFunction;
}

export interface ParsedChatCompletionMessage<ParsedT> extends ChatCompletionMessage {
  /** The answer parsed with the request's `response_format`; null for a refusal or without a format. */
  parsed: ParsedT | null;
  tool_calls?: ParsedFunctionToolCall[];
}

export type ParsedChoice<ParsedT> = Omit<ChatCompletion["choices"][number], "message"> & {
  message: ParsedChatCompletionMessage<ParsedT>;
};

export interface ParsedChatCompletion<ParsedT> extends ChatCompletion {
  choices: ParsedChoice<ParsedT>[];
}

/** Anything the helpers accept as a request: tools may be runnable ones, so only the fields read here are typed. */
export interface ParseableParams {
  response_format?: ChatCompletionCreateParams["response_format"] | undefined;
  tools?: readonly unknown[] | undefined | null;
}

/** The type `message.parsed` gets from a request's `response_format`. */
export type ExtractParsedContentFromParams<Params extends ParseableParams> =
  Params["response_format"] extends AutoParseableResponseFormat<infer P> ? P : null;

export function makeParseableResponseFormat<ParsedT>(
  format: ResponseFormatJSONSchema,
  parser: (content: string) => ParsedT,
): AutoParseableResponseFormat<ParsedT> {
  const made = { ...format };
  Object.defineProperties(made, {
    $brand: { value: "auto-parseable-response-format", enumerable: false },
    $parseRaw: { value: parser, enumerable: false },
  });
  return made as AutoParseableResponseFormat<ParsedT>;
}

export function makeParseableTool<OptionsT extends ToolOptions>(
  tool: ChatCompletionFunctionTool,
  { parser, callback }: { parser: (args: string) => OptionsT["arguments"]; callback: ((args: never) => unknown) | undefined },
): AutoParseableTool<OptionsT> {
  const made = { ...tool };
  Object.defineProperties(made, {
    $brand: { value: "auto-parseable-tool", enumerable: false },
    $parseRaw: { value: parser, enumerable: false },
    $callback: { value: callback, enumerable: false },
  });
  return made as AutoParseableTool<OptionsT>;
}

export function isAutoParsableResponseFormat<ParsedT>(format: unknown): format is AutoParseableResponseFormat<ParsedT> {
  return typeof format === "object" && format !== null && (format as { $brand?: unknown }).$brand === "auto-parseable-response-format";
}

export function isAutoParsableTool(tool: unknown): tool is AutoParseableTool<ToolOptions> {
  return typeof tool === "object" && tool !== null && (tool as { $brand?: unknown }).$brand === "auto-parseable-tool";
}

function isFunctionTool(tool: unknown): tool is ChatCompletionFunctionTool {
  return typeof tool === "object" && tool !== null && (tool as ChatCompletionTool).type === "function" && "function" in tool;
}

/** A format or tool the helpers will parse: a branded one, or a plain tool marked `strict`. */
export function hasAutoParseableInput(params: ParseableParams): boolean {
  if (isAutoParsableResponseFormat(params.response_format)) return true;
  return (params.tools ?? []).some((tool) => isAutoParsableTool(tool) || (isFunctionTool(tool) && tool.function.strict === true));
}

/** `parse()` takes only function tools it can parse: each must be `strict` (as `zodFunction` makes them). */
export function validateInputTools(tools: ParseableParams["tools"]): void {
  (tools ?? []).forEach((tool, index) => {
    if (!isFunctionTool(tool)) {
      const type = (tool as { type?: unknown } | null)?.type;
      throw new InvalidRequestError(
        `tools[${index}]: only \`function\` tools can be auto-parsed; received type ${JSON.stringify(type)}. Use create() for other tools.`,
        `tools[${index}].type`,
      );
    }
    if (tool.function.strict !== true) {
      throw new InvalidRequestError(
        `tools[${index}]: the \`${tool.function.name}\` tool is not marked with \`strict: true\`. Only strict function tools can be auto-parsed (zodFunction() makes strict tools).`,
        `tools[${index}].function.strict`,
      );
    }
  });
}

/** The message's tool calls, all of them function calls (the only kind the helpers parse). */
function functionToolCalls(message: ChatCompletionMessage): ChatCompletionMessageFunctionToolCall[] | undefined {
  for (const call of message.tool_calls ?? []) {
    if (call.type !== "function") throw new OneLLMError(`Currently only \`function\` tool calls are supported; Received \`${call.type}\``);
  }
  return message.tool_calls as ChatCompletionMessageFunctionToolCall[] | undefined;
}

/**
 * `parse()`'s result: each choice's `message.parsed` and its tool calls' `parsed_arguments`. An
 * answer cut by the token limit or stopped by a content filter has nothing to parse and throws,
 * as in `openai`. Plain JSON Schemas are checked (zod formats check themselves).
 */
export function parseChatCompletion<ParsedT>(
  completion: ChatCompletion,
  params: ParseableParams,
  options: ParseOptions = {},
): ParsedChatCompletion<ParsedT> {
  const choices = completion.choices.map((original): ParsedChoice<ParsedT> => {
    const choice = asRefusal(original, completion.onellm?.native_finish_reasons?.[original.index]);
    if (choice.finish_reason === "length") throw new LengthFinishReasonError();
    if (choice.finish_reason === "content_filter") throw new ContentFilterFinishReasonError();
    const { tool_calls: _calls, ...message } = choice.message;
    const calls = functionToolCalls(choice.message);
    const parsed = message.content && !message.refusal ? (parseResponseFormat(params, message.content) as ParsedT | null) : null;
    return {
      ...choice,
      message: {
        ...message,
        ...(calls ? { tool_calls: calls.map((call) => parseToolCall(params, call, options)) } : {}),
        parsed,
      },
    };
  });
  const parsed: ParsedChatCompletion<ParsedT> = { ...completion, choices };
  noteValidation(parsed, params);
  return parsed;
}

/**
 * A model that declined to answer (Anthropic's `stop_reason: "refusal"`, which the completion
 * reports as a `content_filter` finish) is a refusal as `openai` presents one: the text in
 * `message.refusal`, no content, `parsed` null — not a filter error, since the model itself chose.
 */
function asRefusal(choice: ChatCompletion["choices"][number], nativeReason: string | null | undefined): ChatCompletion["choices"][number] {
  if (choice.finish_reason !== "content_filter" || nativeReason !== "refusal" || choice.message.refusal) return choice;
  const said = choice.message.content?.trim();
  return {
    ...choice,
    finish_reason: "stop",
    message: { ...choice.message, content: null, refusal: said ? said : "The model declined to answer this request." },
  };
}

/** For streams and runners: parse when the request asked for it, else `parsed: null` throughout. */
export function maybeParseChatCompletion<ParsedT>(
  completion: ChatCompletion,
  params: ParseableParams | null,
  options: ParseOptions = {},
): ParsedChatCompletion<ParsedT> {
  if (params && hasAutoParseableInput(params)) return parseChatCompletion(completion, params, options);
  return {
    ...completion,
    choices: completion.choices.map((choice) => {
      const { tool_calls: _calls, ...message } = choice.message;
      const calls = functionToolCalls(choice.message);
      return { ...choice, message: { ...message, ...(calls ? { tool_calls: calls } : {}), parsed: null } };
    }),
  };
}

function parseResponseFormat(params: ParseableParams, content: string): unknown {
  const format = params.response_format;
  if (format?.type !== "json_schema") return null;
  if (isAutoParsableResponseFormat(format)) return format.$parseRaw(content);
  const subject = `response_format "${format.json_schema.name}"`;
  return parseAgainstSchema(subject, content, format.json_schema.schema);
}

export interface ParseOptions {
  /**
   * Tool arguments that fail to parse leave `parsed_arguments` null instead of throwing: in a tool
   * loop the model is told what was wrong and may try again, so a bad call must not end the run.
   */
  lenientToolArguments?: boolean;
}

export function parseToolCall(params: ParseableParams, call: ChatCompletionMessageFunctionToolCall, options: ParseOptions = {}): ParsedFunctionToolCall {
  let parsedArguments: unknown;
  try {
    parsedArguments = parseToolArguments(params, call.function.name, call.function.arguments);
  } catch (error) {
    if (!options.lenientToolArguments) throw error;
    parsedArguments = null;
  }
  return { ...call, function: { ...call.function, parsed_arguments: parsedArguments } };
}

/** A call's arguments parsed by its tool (zod), or as JSON checked against a `strict` tool's schema; else null. */
export function parseToolArguments(params: ParseableParams, name: string, args: string): unknown {
  const tool = findInputTool(params, name);
  if (isAutoParsableTool(tool)) return tool.$parseRaw(args);
  if (tool?.function.strict) return parseAgainstSchema(`tool "${name}" arguments`, args, tool.function.parameters);
  return null;
}

/** Whether a streamed tool call's arguments get a `parsed_arguments` preview. */
export function shouldParseToolCall(params: ParseableParams | null, name: string): boolean {
  const tool = params ? findInputTool(params, name) : undefined;
  return tool !== undefined && (isAutoParsableTool(tool) || tool.function.strict === true);
}

export function findInputTool(params: ParseableParams, name: string): ChatCompletionFunctionTool | undefined {
  return (params.tools ?? []).find((tool): tool is ChatCompletionFunctionTool => isFunctionTool(tool) && tool.function.name === name);
}

/** JSON text -> value, checked against a plain JSON Schema (when there is one). */
export function parseAgainstSchema(subject: string, text: string, schema: unknown): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StructuredOutputError(subject, [{ path: "", message: `not valid JSON (${(error as Error).message})` }], text);
  }
  if (schema !== undefined) {
    const issues = checkJsonSchema(schema, value);
    if (issues.length > 0) throw new StructuredOutputError(subject, issues, text);
  }
  return value;
}

/**
 * Where the provider emulated `response_format` (a forced tool, say), nothing enforced the schema
 * upstream: the check above did. The warnings say so beside the provider's own note.
 */
function noteValidation(completion: ParsedChatCompletion<unknown>, params: ParseableParams): void {
  const warnings = completion.onellm?.warnings;
  const format = params.response_format;
  if (!warnings || format?.type !== "json_schema") return;
  if (!warnings.some((warning) => warning.startsWith("response_format is emulated for "))) return;
  const how = isAutoParsableResponseFormat(format) ? "with its parser" : "with onellm's JSON Schema check";
  warnings.push(`parse(): message.parsed was validated against the "${format.json_schema.name}" schema ${how}, as the provider's structured output is emulated`);
}
