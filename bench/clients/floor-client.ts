// The floor: node:http with a keep-alive agent, the body collected and JSON.parse'd, streams split
// by MinimalSSE. Nothing an SDK does (validation, translation, timeouts, errors) is here.
import http from "node:http";
import { completionText, wireRequest, type Format } from "../formats.js";
import type { BenchClient } from "./contract.js";
import { readMinimalSSE } from "./minimal-sse.js";

export function createFloorClient(format: Format, baseURL: string): BenchClient {
  const origin = new URL(baseURL);
  const agent = new http.Agent({ keepAlive: true });
  const post = (model: string, stream: boolean): Promise<http.IncomingMessage> => {
    const wire = wireRequest(format, model, stream);
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        {
          host: origin.hostname,
          port: origin.port,
          path: wire.path,
          method: "POST",
          headers: { ...wire.headers, "content-length": Buffer.byteLength(wire.body) },
          agent,
        },
        (incoming) => {
          if (incoming.statusCode !== 200) {
            incoming.resume();
            reject(new Error(`floor: status ${incoming.statusCode}`));
          } else resolve(incoming);
        },
      );
      outgoing.on("error", reject);
      outgoing.end(wire.body);
    });
  };
  return {
    async complete() {
      const incoming = await post("bench-0", false);
      const parts: Buffer[] = [];
      for await (const part of incoming) parts.push(part as Buffer);
      return completionText(format, JSON.parse(Buffer.concat(parts).toString())) ?? "";
    },
    async stream(model, onChunk) {
      const incoming = await post(model, true);
      await readMinimalSSE(incoming, format, onChunk);
    },
  };
}
