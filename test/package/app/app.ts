// The small app bundled for the browser and the edge runtime: a plain and a streamed call against an
// OpenAI-format and an Anthropic-format server, through the package as a user installs it. In a page
// it writes each answer into the document; elsewhere it just returns them.
import { OpenAI } from "onellm-sdk";

export interface AppConfig {
  openaiURL: string;
  anthropicURL: string;
  googleURL: string;
  /** An image Gemini must be sent inline: downloaded by the runtime's media downloader. */
  imageURL: string;
  openaiKey: string;
  anthropicKey: string;
  googleKey: string;
}

export interface AppResult {
  /** What `new OpenAI()` said without dangerouslyAllowBrowser (null: it started). */
  refusal: string | null;
  openaiPlain: string;
  openaiStream: string;
  anthropicPlain: string;
  anthropicStream: string;
  geminiImage: string;
  servedBy: string[];
  requestIds: (string | null)[];
}

async function streamedText(client: OpenAI, model: string): Promise<{ text: string; provider: string }> {
  const stream = await client.chat.completions.create({ model, messages: [{ role: "user", content: "Say hello" }], stream: true });
  let text = "";
  let provider = "";
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    if (chunk.onellm) provider = chunk.onellm.provider;
  }
  return { text, provider };
}

export async function run(config: AppConfig): Promise<AppResult> {
  let refusal: string | null = null;
  try {
    new OpenAI({ providers: { openai: { apiKey: config.openaiKey } } });
  } catch (error) {
    refusal = (error as Error).message;
  }
  const client = new OpenAI({
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    providers: {
      openai: { apiKey: config.openaiKey, baseURL: config.openaiURL },
      anthropic: { apiKey: config.anthropicKey, baseURL: config.anthropicURL },
      // The mock serves the image on loopback over http, which the downloader refuses by default.
      google: { apiKey: config.googleKey, baseURL: config.googleURL, mediaDownload: { allowPrivateNetwork: true, allowedProtocols: ["http:"] } },
    },
  });
  const messages = [{ role: "user" as const, content: "Say hello" }];
  const openai = await client.chat.completions.create({ model: "gpt-4o-mini", messages }).withResponse();
  const anthropic = await client.chat.completions.create({ model: "anthropic/claude-sonnet-4-5", messages }).withResponse();
  const openaiStream = await streamedText(client, "gpt-4o-mini");
  const anthropicStream = await streamedText(client, "anthropic/claude-sonnet-4-5");
  const gemini = await client.chat.completions.create({
    model: "google/gemini-2.5-flash",
    messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: config.imageURL } }] }],
  });
  return {
    refusal,
    openaiPlain: openai.data.choices[0]?.message.content ?? "",
    openaiStream: openaiStream.text,
    anthropicPlain: anthropic.data.choices[0]?.message.content ?? "",
    anthropicStream: anthropicStream.text,
    geminiImage: gemini.choices[0]?.message.content ?? "",
    servedBy: [openai.data.onellm?.provider ?? "", anthropic.data.onellm?.provider ?? "", openaiStream.provider, anthropicStream.provider],
    requestIds: [openai.request_id, anthropic.request_id],
  };
}

/** In a page: run with the config the page gives and show each answer in its element. */
export async function runInPage(config: AppConfig): Promise<void> {
  const show = (id: string, text: string) => {
    const element = document.getElementById(id);
    if (element) element.textContent = text;
  };
  try {
    const result = await run(config);
    show("refusal", result.refusal ?? "(none)");
    show("openai-plain", result.openaiPlain);
    show("openai-stream", result.openaiStream);
    show("anthropic-plain", result.anthropicPlain);
    show("anthropic-stream", result.anthropicStream);
    show("gemini-image", result.geminiImage);
    show("served-by", result.servedBy.join(","));
    show("status", "done");
  } catch (error) {
    show("status", `failed: ${(error as Error).name}: ${(error as Error).message}`);
  }
}
