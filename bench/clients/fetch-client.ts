// Plain global fetch (undici inside Node) with the floor's parsing: what fetch itself costs.
import { completionText, wireRequest, type Format } from "../formats.js";
import type { BenchClient } from "./contract.js";
import { MinimalSSE } from "./minimal-sse.js";

export function createFetchClient(format: Format, baseURL: string): BenchClient {
  const post = async (model: string, stream: boolean): Promise<Response> => {
    const wire = wireRequest(format, model, stream);
    const response = await fetch(`${baseURL}${wire.path}`, { method: "POST", headers: wire.headers, body: wire.body });
    if (response.status !== 200) throw new Error(`fetch: status ${response.status}`);
    return response;
  };
  return {
    async complete() {
      const response = await post("bench-0", false);
      return completionText(format, JSON.parse(await response.text())) ?? "";
    },
    async stream(model, onChunk) {
      const response = await post(model, true);
      const splitter = new MinimalSSE(format, onChunk);
      const decoder = new TextDecoder();
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      for (;;) {
        const read = await reader.read();
        if (read.done) break;
        splitter.push(decoder.decode(read.value, { stream: true }));
      }
      splitter.push(decoder.decode());
    },
  };
}
