// An ES-module consumer as a user writes one: compiled by tsc against the installed tarball (node16,
// nodenext, bundler resolution; no @types/node), then run on each runtime against the mock servers.
import OpenAIDefault, { APIError, OpenAI, RateLimitError, type ChatCompletion, type CompleteEvent, type Hooks } from "onellm-sdk";
import { openTelemetryHooks } from "onellm-sdk/otel";

declare const process: { argv: string[] };

const [openaiURL = "", anthropicURL = "", openaiKey = "", anthropicKey = ""] = process.argv.slice(2);
const completed: string[] = [];
const hooks: Hooks = {
  onComplete: (event: CompleteEvent) => {
    completed.push(`${event.provider}${event.stream ? " stream" : ""}`);
  },
};
const client = new OpenAIDefault({
  maxRetries: 0,
  hooks: [hooks, openTelemetryHooks()],
  providers: { openai: { apiKey: openaiKey, baseURL: openaiURL }, anthropic: { apiKey: anthropicKey, baseURL: anthropicURL } },
});
const messages = [{ role: "user" as const, content: "Say hello" }];

const plain: ChatCompletion = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
const stream = await client.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages, stream: true });
let streamed = "";
for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? "";

// The types are real, not `any`: a number is no model id.
// @ts-expect-error model must be a string
const wrong = () => client.chat.completions.create({ model: 42, messages });
void wrong;

console.log(
  JSON.stringify({
    format: "esm",
    plain: plain.choices[0]?.message.content,
    streamed,
    completed,
    defaultIsNamed: OpenAIDefault === OpenAI,
    errorHierarchy: RateLimitError.prototype instanceof APIError && OpenAI.RateLimitError === RateLimitError,
  }),
);
