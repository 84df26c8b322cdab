// An ES-module consumer as a user writes one: compiled by tsc against the installed tarball (node16,
// nodenext, bundler resolution; no @types/node), then run on each runtime against the mock servers.
import OpenAIDefault, { APIError, OpenAI, RateLimitError, type ChatCompletion, type CompleteEvent, type Hooks } from "onellm-sdk";
import { openTelemetryHooks } from "onellm-sdk/otel";

declare const process: { argv: string[] };

interface Config {
  openaiURL: string;
  anthropicURL: string;
  googleURL: string;
  imageURL: string;
  openaiKey: string;
  anthropicKey: string;
  googleKey: string;
}
const config = JSON.parse(process.argv[2] ?? "{}") as Config;
const completed: string[] = [];
const hooks: Hooks = {
  onComplete: (event: CompleteEvent) => {
    completed.push(`${event.provider}${event.stream ? " stream" : ""}`);
  },
};
const client = new OpenAIDefault({
  maxRetries: 0,
  hooks: [hooks, openTelemetryHooks()],
  providers: {
    openai: { apiKey: config.openaiKey, baseURL: config.openaiURL },
    anthropic: { apiKey: config.anthropicKey, baseURL: config.anthropicURL },
    google: { apiKey: config.googleKey, baseURL: config.googleURL, mediaDownload: { allowPrivateNetwork: true, allowedProtocols: ["http:"] } },
  },
});
const messages = [{ role: "user" as const, content: "Say hello" }];

const plain: ChatCompletion = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
const stream = await client.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages, stream: true });
let streamed = "";
for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? "";
// Gemini takes images inline only: the runtime's media downloader fetches this one first.
const image = await client.chat.completions.create({
  model: "google/gemini-2.5-flash",
  messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: config.imageURL } }] }],
});

// The types are real, not `any`: a number is no model id.
// @ts-expect-error model must be a string
const wrong = () => client.chat.completions.create({ model: 42, messages });
void wrong;

console.log(
  JSON.stringify({
    format: "esm",
    plain: plain.choices[0]?.message.content,
    streamed,
    image: image.choices[0]?.message.content,
    completed,
    defaultIsNamed: OpenAIDefault === OpenAI,
    errorHierarchy: RateLimitError.prototype instanceof APIError && OpenAI.RateLimitError === RateLimitError,
  }),
);
