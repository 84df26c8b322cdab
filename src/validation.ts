// Validation of the unified request before any network call. Every failure names the field (as a
// path like `messages[2].content[0].image_url.url`) and says what would be accepted.
import { InvalidRequestError } from "./errors.js";

type Json = Record<string, unknown>;

const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const AUDIO_FORMATS = new Set(["wav", "mp3"]);
const IMAGE_DETAILS = new Set(["auto", "low", "high"]);

function fail(path: string, problem: string): never {
  throw new InvalidRequestError(`Invalid \`${path}\`: ${problem}`, path);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

function expectObject(value: unknown, path: string): Json {
  if (!isObject(value)) fail(path, `expected an object, got ${describe(value)}.`);
  return value;
}

function expectString(value: unknown, path: string, { nonEmpty = false } = {}): string {
  if (typeof value !== "string") fail(path, `expected a string, got ${describe(value)}.`);
  if (nonEmpty && value.length === 0) fail(path, "must not be empty.");
  return value;
}

function optionalNumber(body: Json, key: string, min: number, max: number, integer = false): void {
  const value = body[key];
  if (value === undefined || value === null) return;
  if (typeof value !== "number" || Number.isNaN(value)) fail(key, `expected a number, got ${describe(value)}.`);
  if (integer && !Number.isInteger(value)) fail(key, `expected an integer, got ${value}.`);
  if (value < min || value > max) fail(key, `must be between ${min} and ${max}, got ${value}.`);
}

function optionalBoolean(body: Json, key: string): void {
  const value = body[key];
  if (value !== undefined && value !== null && typeof value !== "boolean") {
    fail(key, `expected true or false, got ${describe(value)}.`);
  }
}

/** Validates in place; throws InvalidRequestError naming the first wrong field. */
export function validateRequest(input: unknown): void {
  const body = expectObject(input, "body");
  if (body["model"] === undefined) fail("model", "is required, e.g. \"gpt-4o-mini\" or \"anthropic/claude-sonnet-4-5\".");
  expectString(body["model"], "model", { nonEmpty: true });
  const messages = body["messages"];
  if (messages === undefined) fail("messages", "is required: an array of { role, content } messages.");
  if (!Array.isArray(messages)) fail("messages", `expected an array of messages, got ${describe(messages)}.`);
  if (messages.length === 0) fail("messages", "must contain at least one message.");
  messages.forEach((message, index) => validateMessage(message, `messages[${index}]`));

  optionalNumber(body, "temperature", 0, 2);
  optionalNumber(body, "top_p", 0, 1);
  optionalNumber(body, "n", 1, 128, true);
  optionalNumber(body, "max_tokens", 1, Number.MAX_SAFE_INTEGER, true);
  optionalNumber(body, "max_completion_tokens", 1, Number.MAX_SAFE_INTEGER, true);
  optionalNumber(body, "presence_penalty", -2, 2);
  optionalNumber(body, "frequency_penalty", -2, 2);
  optionalNumber(body, "seed", Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true);
  optionalNumber(body, "top_logprobs", 0, 20, true);
  optionalNumber(body, "retries", 0, 10, true);
  optionalNumber(body, "timeout", 0.001, 86_400);
  optionalBoolean(body, "stream");
  optionalBoolean(body, "logprobs");
  optionalBoolean(body, "parallel_tool_calls");
  optionalBoolean(body, "store");

  if (body["top_logprobs"] !== undefined && body["top_logprobs"] !== null && body["logprobs"] !== true) {
    fail("top_logprobs", "requires `logprobs: true`.");
  }
  validateStop(body["stop"]);
  validateLogitBias(body["logit_bias"]);
  if (body["stream_options"] !== undefined && body["stream_options"] !== null) {
    const options = expectObject(body["stream_options"], "stream_options");
    if (body["stream"] !== true) fail("stream_options", "is only allowed with `stream: true`.");
    if (options["include_usage"] !== undefined && typeof options["include_usage"] !== "boolean") {
      fail("stream_options.include_usage", `expected true or false, got ${describe(options["include_usage"])}.`);
    }
  }
  const effort = body["reasoning_effort"];
  // Only the type is checked: OpenAI adds effort levels, and each provider judges the value it gets.
  if (effort !== undefined && effort !== null && typeof effort !== "string") {
    fail("reasoning_effort", `expected a string such as "low", "medium" or "high", got ${describe(effort)}.`);
  }
  const toolNames = validateTools(body["tools"]);
  validateToolChoice(body["tool_choice"], toolNames);
  validateResponseFormat(body["response_format"]);
  validateExtensions(body);
}

function validateMessage(value: unknown, path: string): void {
  const message = expectObject(value, path);
  const role = message["role"];
  if (typeof role !== "string" || !ROLES.has(role)) {
    fail(`${path}.role`, `expected one of system, developer, user, assistant, tool, got ${describe(role)}.`);
  }
  if (message["name"] !== undefined) expectString(message["name"], `${path}.name`);
  const content = message["content"];
  switch (role) {
    case "system":
    case "developer":
      validateTextContent(content, `${path}.content`, false);
      break;
    case "user":
      validateUserContent(content, `${path}.content`);
      break;
    case "assistant":
      validateAssistant(message, path);
      break;
    case "tool":
      expectString(message["tool_call_id"], `${path}.tool_call_id`, { nonEmpty: true });
      validateTextContent(content, `${path}.content`, false);
      break;
    case "function":
      expectString(message["name"], `${path}.name`, { nonEmpty: true });
      if (content !== null) expectString(content, `${path}.content`);
      break;
  }
}

function validateTextContent(content: unknown, path: string, allowMissing: boolean): void {
  if (content === undefined || content === null) {
    if (allowMissing) return;
    fail(path, "is required: a string or an array of text parts.");
  }
  if (typeof content === "string") return;
  if (!Array.isArray(content)) fail(path, `expected a string or an array of text parts, got ${describe(content)}.`);
  content.forEach((part, index) => {
    const partPath = `${path}[${index}]`;
    const object = expectObject(part, partPath);
    if (object["type"] !== "text") fail(`${partPath}.type`, `only "text" parts are allowed here, got ${describe(object["type"])}.`);
    expectString(object["text"], `${partPath}.text`);
  });
}

function validateUserContent(content: unknown, path: string): void {
  if (typeof content === "string") return;
  if (!Array.isArray(content)) fail(path, `expected a string or an array of content parts, got ${describe(content)}.`);
  if (content.length === 0) fail(path, "must contain at least one content part.");
  content.forEach((part, index) => validateContentPart(part, `${path}[${index}]`));
}

function validateContentPart(value: unknown, path: string): void {
  const part = expectObject(value, path);
  const type = part["type"];
  switch (type) {
    case "text":
      expectString(part["text"], `${path}.text`);
      return;
    case "image_url": {
      const image = expectObject(part["image_url"], `${path}.image_url`);
      const url = expectString(image["url"], `${path}.image_url.url`, { nonEmpty: true });
      if (!/^(https?:|data:)/i.test(url)) fail(`${path}.image_url.url`, "must be an http(s) URL or a data: URI.");
      const detail = image["detail"];
      if (detail !== undefined && (typeof detail !== "string" || !IMAGE_DETAILS.has(detail))) {
        fail(`${path}.image_url.detail`, `expected auto, low or high, got ${describe(detail)}.`);
      }
      return;
    }
    case "input_audio": {
      const audio = expectObject(part["input_audio"], `${path}.input_audio`);
      expectString(audio["data"], `${path}.input_audio.data`, { nonEmpty: true });
      const format = audio["format"];
      if (typeof format !== "string" || !AUDIO_FORMATS.has(format)) {
        fail(`${path}.input_audio.format`, `expected "wav" or "mp3", got ${describe(format)}.`);
      }
      return;
    }
    case "audio_url": {
      const audio = expectObject(part["audio_url"], `${path}.audio_url`);
      const url = expectString(audio["url"], `${path}.audio_url.url`, { nonEmpty: true });
      if (!/^(https?:|data:)/i.test(url)) fail(`${path}.audio_url.url`, "must be an http(s) URL or a data: URI.");
      return;
    }
    case "file": {
      const file = expectObject(part["file"], `${path}.file`);
      if (file["file_data"] === undefined && file["file_id"] === undefined) {
        fail(`${path}.file`, "needs `file_data` (a data: URI or base64) or `file_id`.");
      }
      if (file["file_data"] !== undefined) expectString(file["file_data"], `${path}.file.file_data`, { nonEmpty: true });
      if (file["file_id"] !== undefined) expectString(file["file_id"], `${path}.file.file_id`, { nonEmpty: true });
      if (file["filename"] !== undefined) expectString(file["filename"], `${path}.file.filename`);
      return;
    }
    default:
      fail(`${path}.type`, `expected one of text, image_url, input_audio, audio_url, file, got ${describe(type)}.`);
  }
}

function validateAssistant(message: Json, path: string): void {
  const content = message["content"];
  const toolCalls = message["tool_calls"];
  if (content !== undefined && content !== null && typeof content !== "string") {
    if (!Array.isArray(content)) fail(`${path}.content`, `expected a string, null or an array of text/refusal parts, got ${describe(content)}.`);
    content.forEach((part, index) => {
      const partPath = `${path}.content[${index}]`;
      const object = expectObject(part, partPath);
      if (object["type"] === "text") expectString(object["text"], `${partPath}.text`);
      else if (object["type"] === "refusal") expectString(object["refusal"], `${partPath}.refusal`);
      else fail(`${partPath}.type`, `expected "text" or "refusal", got ${describe(object["type"])}.`);
    });
  }
  if (toolCalls !== undefined && toolCalls !== null) {
    if (!Array.isArray(toolCalls)) fail(`${path}.tool_calls`, `expected an array, got ${describe(toolCalls)}.`);
    toolCalls.forEach((call, index) => {
      const callPath = `${path}.tool_calls[${index}]`;
      const object = expectObject(call, callPath);
      expectString(object["id"], `${callPath}.id`, { nonEmpty: true });
      if (object["type"] === "custom") {
        const custom = expectObject(object["custom"], `${callPath}.custom`);
        expectString(custom["name"], `${callPath}.custom.name`, { nonEmpty: true });
        expectString(custom["input"], `${callPath}.custom.input`);
        return;
      }
      if (object["type"] !== "function") fail(`${callPath}.type`, `expected "function", got ${describe(object["type"])}.`);
      const fn = expectObject(object["function"], `${callPath}.function`);
      expectString(fn["name"], `${callPath}.function.name`, { nonEmpty: true });
      expectString(fn["arguments"], `${callPath}.function.arguments`);
    });
  }
  // A returned refusal (content null, `refusal` set) appended as-is is a turn like any other.
  const hasContent = (content !== undefined && content !== null) || typeof message["refusal"] === "string";
  const hasCalls = Array.isArray(toolCalls) && toolCalls.length > 0;
  if (!hasContent && !hasCalls && message["function_call"] === undefined && message["audio"] === undefined) {
    fail(`${path}.content`, "an assistant message needs `content` or `tool_calls`.");
  }
}

function validateStop(stop: unknown): void {
  if (stop === undefined || stop === null || typeof stop === "string") return;
  if (!Array.isArray(stop)) fail("stop", `expected a string or an array of strings, got ${describe(stop)}.`);
  if (stop.length > 4) fail("stop", `at most 4 stop sequences are allowed, got ${stop.length}.`);
  stop.forEach((value, index) => expectString(value, `stop[${index}]`, { nonEmpty: true }));
}

function validateLogitBias(bias: unknown): void {
  if (bias === undefined || bias === null) return;
  const object = expectObject(bias, "logit_bias");
  for (const [token, value] of Object.entries(object)) {
    if (!/^\d+$/.test(token)) fail(`logit_bias.${token}`, "keys must be token ids (digits).");
    if (typeof value !== "number" || value < -100 || value > 100) {
      fail(`logit_bias.${token}`, `expected a number between -100 and 100, got ${describe(value)}.`);
    }
  }
}

function validateTools(tools: unknown): Set<string> {
  const names = new Set<string>();
  if (tools === undefined || tools === null) return names;
  if (!Array.isArray(tools)) fail("tools", `expected an array of tool definitions, got ${describe(tools)}.`);
  tools.forEach((tool, index) => {
    const path = `tools[${index}]`;
    const object = expectObject(tool, path);
    if (object["type"] === "custom") {
      const custom = expectObject(object["custom"], `${path}.custom`);
      names.add(expectString(custom["name"], `${path}.custom.name`, { nonEmpty: true }));
      return;
    }
    if (object["type"] !== "function") fail(`${path}.type`, `expected "function", got ${describe(object["type"])}.`);
    const fn = expectObject(object["function"], `${path}.function`);
    const name = expectString(fn["name"], `${path}.function.name`, { nonEmpty: true });
    if (!TOOL_NAME.test(name)) fail(`${path}.function.name`, `must match ^[a-zA-Z0-9_-]{1,64}$, got ${JSON.stringify(name)}.`);
    if (names.has(name)) fail(`${path}.function.name`, `duplicate tool name ${JSON.stringify(name)}.`);
    names.add(name);
    if (fn["description"] !== undefined) expectString(fn["description"], `${path}.function.description`);
    if (fn["parameters"] !== undefined) {
      const parameters = expectObject(fn["parameters"], `${path}.function.parameters`);
      if (parameters["type"] !== undefined && parameters["type"] !== "object") {
        fail(`${path}.function.parameters.type`, `a tool's parameters must be a JSON Schema of type "object", got ${describe(parameters["type"])}.`);
      }
    }
    if (fn["strict"] !== undefined && fn["strict"] !== null && typeof fn["strict"] !== "boolean") {
      fail(`${path}.function.strict`, `expected true or false, got ${describe(fn["strict"])}.`);
    }
  });
  return names;
}

function validateToolChoice(choice: unknown, toolNames: Set<string>): void {
  if (choice === undefined || choice === null) return;
  if (typeof choice === "string") {
    if (choice !== "none" && choice !== "auto" && choice !== "required") {
      fail("tool_choice", `expected "none", "auto", "required" or { type: "function", function: { name } }, got ${describe(choice)}.`);
    }
    if (choice === "required" && toolNames.size === 0) fail("tool_choice", "\"required\" needs at least one tool in `tools`.");
    return;
  }
  const object = expectObject(choice, "tool_choice");
  if (object["type"] === "allowed_tools") return;
  if (object["type"] !== "function" && object["type"] !== "custom") {
    fail("tool_choice.type", `expected "function", got ${describe(object["type"])}.`);
  }
  const key = object["type"] as string;
  const fn = expectObject(object[key], `tool_choice.${key}`);
  const name = expectString(fn["name"], `tool_choice.${key}.name`, { nonEmpty: true });
  if (!toolNames.has(name)) fail(`tool_choice.${key}.name`, `names ${JSON.stringify(name)}, which is not in \`tools\`.`);
}

function validateResponseFormat(format: unknown): void {
  if (format === undefined || format === null) return;
  const object = expectObject(format, "response_format");
  switch (object["type"]) {
    case "text":
    case "json_object":
      return;
    case "json_schema": {
      const schema = expectObject(object["json_schema"], "response_format.json_schema");
      const name = expectString(schema["name"], "response_format.json_schema.name", { nonEmpty: true });
      if (!TOOL_NAME.test(name)) fail("response_format.json_schema.name", "must match ^[a-zA-Z0-9_-]{1,64}$.");
      if (schema["schema"] !== undefined) expectObject(schema["schema"], "response_format.json_schema.schema");
      return;
    }
    default:
      fail("response_format.type", `expected "text", "json_object" or "json_schema", got ${describe(object["type"])}.`);
  }
}

function validateExtensions(body: Json): void {
  const fallbacks = body["fallback_models"];
  if (fallbacks !== undefined && fallbacks !== null) {
    if (!Array.isArray(fallbacks)) fail("fallback_models", `expected an array of model ids, got ${describe(fallbacks)}.`);
    fallbacks.forEach((model, index) => expectString(model, `fallback_models[${index}]`, { nonEmpty: true }));
  }
  const providerOptions = body["provider_options"];
  if (providerOptions !== undefined && providerOptions !== null) {
    const object = expectObject(providerOptions, "provider_options");
    for (const [name, value] of Object.entries(object)) expectObject(value, `provider_options.${name}`);
  }
}
