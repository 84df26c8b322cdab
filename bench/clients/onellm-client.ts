// onellm on each of the three formats, used as its README shows; retries off so a failure shows.
// Imported by its package name, so the worker runs the built package (dist/) as users do.
import { OpenAI as OneLLM } from "onellm-sdk";
import { API_KEY, PROMPT, type Format } from "../formats.js";
import type { BenchClient } from "./contract.js";

const messages = [{ role: "user" as const, content: PROMPT }];

export function createOneLLMClient(format: Format, baseURL: string): BenchClient {
  const client = new OneLLM({
    env: {},
    maxRetries: 0,
    providers: {
      openai: { apiKey: API_KEY, baseURL: `${baseURL}/v1` },
      anthropic: { apiKey: API_KEY, baseURL },
      gemini: { apiKey: API_KEY, baseURL },
    },
  });
  // The format names the provider: `openai/...`, `anthropic/...`, `gemini/...` (Google's alias).
  return {
    async complete() {
      const completion = await client.chat.completions.create({ model: `${format}/bench-0`, messages });
      return completion.choices[0]?.message.content ?? "";
    },
    async stream(model, onChunk) {
      const stream = await client.chat.completions.create({ model: `${format}/${model}`, messages, stream: true });
      for await (const chunk of stream) onChunk(chunk.choices[0]?.delta.content ?? undefined);
    },
  };
}
