// A Node transport candidate: undici 7's `Pool.request` (no WHATWG Request/Response/streams) with
// the floor's parsing. Next to `floor` (node:http) it says which transport costs less.
import { Pool } from "undici";
import { completionText, wireRequest, type Format } from "../formats.js";
import type { BenchClient } from "./contract.js";
import { readMinimalSSE } from "./minimal-sse.js";

export function createUndiciClient(format: Format, baseURL: string): BenchClient {
  const pool = new Pool(baseURL);
  const post = async (model: string, stream: boolean) => {
    const wire = wireRequest(format, model, stream);
    const answer = await pool.request({ path: wire.path, method: "POST", headers: wire.headers, body: wire.body });
    if (answer.statusCode !== 200) {
      await answer.body.dump();
      throw new Error(`undici: status ${answer.statusCode}`);
    }
    return answer.body;
  };
  return {
    async complete() {
      const body = await post("bench-0", false);
      return completionText(format, JSON.parse(await body.text())) ?? "";
    },
    async stream(model, onChunk) {
      const body = await post(model, true);
      await readMinimalSSE(body, format, onChunk);
    },
  };
}
