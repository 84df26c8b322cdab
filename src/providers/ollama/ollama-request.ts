// The unified request -> Ollama's native /api/chat body (spec/providers/ollama.yaml ChatRequest):
// sampling parameters go in `options`, JSON mode and schemas in `format`, reasoning_effort in `think`,
// images as base64 in a message's `images`. ollama-fields.ts declares every field; what Ollama
// cannot take goes through the policy.
import { InvalidRequestError } from "../../errors.js";
import type { OllamaChatRequest } from "../../../generated/providers/ollama/translator.gen.js";
import type { components } from "../../../generated/providers/ollama/types.gen.js";
import type { TranslateContext, UnifiedRequest } from "../contract.js";
import { translateMessages } from "./ollama-messages.js";
import type { ImageMap } from "./ollama-media.js";
import { OLLAMA_DECLARATIONS } from "./ollama-fields.js";
import { reportUnmappedFields } from "../request-fields.js";

type ModelOptions = components["schemas"]["ModelOptions"];
type ToolDefinition = components["schemas"]["ToolDefinition"];
type Think = NonNullable<OllamaChatRequest["think"]>;

/** Unified fields that become Ollama `options` (docs/modelfile.mdx "Valid Parameters and Values"). */
const OPTION_FIELDS: Readonly<Record<string, string>> = {
  temperature: "temperature",
  top_p: "top_p",
  seed: "seed",
  stop: "stop",
  presence_penalty: "presence_penalty",
  frequency_penalty: "frequency_penalty",
};

/** reasoning_effort -> `think` (docs/capabilities/thinking.mdx: booleans, or a level the model names). */
const THINK: Readonly<Record<string, Think>> = {
  none: false,
  low: "low",
  medium: "medium",
  high: "high",
  // OpenAI's level above "high"; Ollama's is "max".
  xhigh: "max",
};

export function buildRequest(request: UnifiedRequest, context: TranslateContext, images: ImageMap): OllamaChatRequest {
  reportUnmappedFields(request, OLLAMA_DECLARATIONS, context);
  const native: OllamaChatRequest = {
    model: context.model,
    messages: translateMessages(request.messages, context, images),
    // Ollama streams unless told otherwise.
    stream: request.stream === true,
  };
  const options: ModelOptions = {};
  for (const [field, option] of Object.entries(OPTION_FIELDS)) {
    const value = (request as Record<string, unknown>)[field];
    if (value !== undefined && value !== null) options[option] = value;
  }
  const limit = maxTokens(request);
  if (limit !== undefined) options.num_predict = limit;
  if (Object.keys(options).length > 0) native.options = options;

  const tools = translateTools(request, context);
  if (tools !== undefined) native.tools = tools;
  const format = translateFormat(request, context);
  if (format !== undefined) native.format = format;
  if (typeof request.reasoning_effort === "string") {
    const think = THINK[request.reasoning_effort];
    if (think === undefined) context.unsupported(`reasoning_effort: "${request.reasoning_effort}"`, "ollama takes none, low, medium, high or xhigh (as `think`)");
    else native.think = think;
  }
  if (typeof request.logprobs === "boolean") native.logprobs = request.logprobs;
  if (typeof request.top_logprobs === "number") native.top_logprobs = request.top_logprobs;
  if (typeof request.n === "number" && request.n !== 1) context.unsupported("n");
  return native;
}

function maxTokens(request: UnifiedRequest): number | undefined {
  const modern = request.max_completion_tokens ?? undefined;
  const legacy = request.max_tokens ?? undefined;
  if (modern !== undefined && legacy !== undefined && modern !== legacy) {
    throw new InvalidRequestError("`max_tokens` and `max_completion_tokens` are both set (to different values); ollama knows both as `options.num_predict`: send one.", "max_completion_tokens");
  }
  return modern ?? legacy;
}

function translateTools(request: UnifiedRequest, context: TranslateContext): ToolDefinition[] | undefined {
  if (!request.tools || request.tools.length === 0) return undefined;
  const tools: ToolDefinition[] = [];
  request.tools.forEach((tool, index) => {
    if (tool.type !== "function") {
      context.unsupported(`tools[${index}] (type "${tool.type}")`, "ollama takes function tools");
      return;
    }
    const fn = tool.function;
    tools.push({
      type: "function",
      function: {
        name: fn.name,
        ...(fn.description === undefined ? {} : { description: fn.description }),
        // Ollama requires parameters; a function without them takes none.
        parameters: (fn.parameters as Record<string, unknown> | undefined) ?? { type: "object", properties: {} },
      },
    });
  });
  return tools.length === 0 ? undefined : tools;
}

/** docs/capabilities/structured-outputs.mdx: `"json"` for JSON mode, a JSON schema for structured output. */
function translateFormat(request: UnifiedRequest, context: TranslateContext): OllamaChatRequest["format"] | undefined {
  const format = request.response_format;
  if (format === undefined || format === null) return undefined;
  switch (format.type) {
    case "text":
      return undefined;
    case "json_object":
      return "json";
    case "json_schema":
      return (format.json_schema.schema as Record<string, unknown> | undefined) ?? {};
    default: {
      const exhaustive: never = format;
      context.unsupported(`response_format.type: "${(exhaustive as { type: string }).type}"`);
      return undefined;
    }
  }
}

/** `provider_options.ollama`, merged last; its `options` join the ones built above. */
export function mergeProviderOptions(body: OllamaChatRequest, extra: Readonly<Record<string, unknown>> | undefined): OllamaChatRequest {
  if (extra === undefined) return body;
  const merged = { ...body, ...extra } as OllamaChatRequest;
  const extraOptions = extra["options"];
  if (typeof extraOptions === "object" && extraOptions !== null) merged.options = { ...body.options, ...(extraOptions as ModelOptions) };
  return merged;
}
