// The `openai` package on its own format, used as its README shows; retries off so a failure shows.
import OpenAIPackage from "openai";
import { API_KEY, PROMPT } from "../formats.js";
import type { BenchClient } from "./contract.js";

const messages = [{ role: "user" as const, content: PROMPT }];

export function createOpenAIPackageClient(baseURL: string): BenchClient {
  const client = new OpenAIPackage({ apiKey: API_KEY, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  return {
    async complete() {
      const completion = await client.chat.completions.create({ model: "bench-0", messages });
      return completion.choices[0]?.message.content ?? "";
    },
    async stream(model, onChunk) {
      const stream = await client.chat.completions.create({ model, messages, stream: true });
      for await (const chunk of stream) onChunk(chunk.choices[0]?.delta.content ?? undefined);
    },
  };
}
