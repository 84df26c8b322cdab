// A CommonJS consumer as a user writes one (`require`), compiled by tsc as a .cts against the
// installed tarball, then run: require(esm) on Node >= 20.19 shares one module instance with import.
import onellm = require("onellm-sdk");
import otel = require("onellm-sdk/otel");

declare const process: { argv: string[]; exitCode: number | undefined };

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? "{}") as { openaiURL: string; anthropicURL: string; openaiKey: string; anthropicKey: string };
  const client = new onellm.OpenAI({
    maxRetries: 0,
    hooks: otel.openTelemetryHooks(),
    providers: {
      openai: { apiKey: config.openaiKey, baseURL: config.openaiURL },
      anthropic: { apiKey: config.anthropicKey, baseURL: config.anthropicURL },
    },
  });
  const messages = [{ role: "user" as const, content: "Say hello" }];
  const plain: onellm.ChatCompletion = await client.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages });
  const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
  let streamed = "";
  for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? "";

  // @ts-expect-error model must be a string
  const wrong = () => client.chat.completions.create({ model: 42, messages });
  void wrong;

  const imported = await import("onellm-sdk");
  console.log(
    JSON.stringify({
      format: "cjs",
      plain: plain.choices[0]?.message.content,
      streamed,
      defaultIsNamed: onellm.default === onellm.OpenAI,
      oneInstance: (imported.OpenAI as unknown) === onellm.OpenAI && (imported.APIError as unknown) === onellm.APIError,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
