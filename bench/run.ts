// `npm run bench`: onellm's own cost per request and per stream chunk, side by side with a raw
// fetch floor (and the `openai` package), against a local server on 127.0.0.1 that answers at once.
// Timing lives here only; `npm test` never measures time.
import http from "node:http";
import type { AddressInfo } from "node:net";
import OpenAIPackage from "openai";
import { OpenAI } from "onellm-sdk";

const REQUESTS = Number(process.env["BENCH_REQUESTS"] ?? 2000);
const STREAMS = Number(process.env["BENCH_STREAMS"] ?? 200);
const CHUNKS_PER_STREAM = 200;
const WARMUP = 200;
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 5);

const completion = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 1764254400,
  model: "gpt-4o-mini",
  choices: [{ index: 0, message: { role: "assistant", content: "Hello! How can I help you today?", refusal: null }, logprobs: null, finish_reason: "stop" }],
  usage: { prompt_tokens: 9, completion_tokens: 9, total_tokens: 18 },
});
const frame = (delta: object, finish: string | null) =>
  `data: ${JSON.stringify({ id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1764254400, model: "gpt-4o-mini", choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
const sse =
  frame({ role: "assistant", content: "" }, null) +
  Array.from({ length: CHUNKS_PER_STREAM - 2 }, (_, index) => frame({ content: ` token${index}` }, null)).join("") +
  frame({}, "stop") +
  "data: [DONE]\n\n";

function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    let streamed = false;
    request.on("data", (data: Buffer) => {
      if (data.includes('"stream":true')) streamed = true;
    });
    request.on("end", () => {
      if (streamed) {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.end(sse);
      } else {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(completion);
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

const body = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "hi" }] };

type Variant = { label: string; count: number; run: () => Promise<void> };

/** Runs the variants in alternating rounds (so warm-up and machine noise hit all alike); best round wins. */
async function compare(variants: Variant[]): Promise<number[]> {
  for (const variant of variants) for (let index = 0; index < WARMUP; index++) await variant.run();
  const best = variants.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [position, variant] of variants.entries()) {
      const started = process.hrtime.bigint();
      for (let index = 0; index < variant.count; index++) await variant.run();
      const perCall = Number(process.hrtime.bigint() - started) / 1000 / variant.count;
      best[position] = Math.min(best[position]!, perCall);
    }
  }
  variants.forEach((variant, position) => console.log(`  ${variant.label.padEnd(34)} ${best[position]!.toFixed(1).padStart(8)} µs per call`));
  return best;
}

async function main(): Promise<void> {
  const server = await startServer();
  const onellm = new OpenAI({ apiKey: "sk-bench-key", baseURL: `${server.url}/v1`, env: {}, maxRetries: 0 });
  const peer = new OpenAIPackage({ apiKey: "sk-bench-key", baseURL: `${server.url}/v1`, maxRetries: 0 });
  const url = `${server.url}/v1/chat/completions`;
  const init = (stream: boolean): RequestInit => ({
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-bench-key" },
    body: JSON.stringify(stream ? { ...body, stream: true } : body),
  });

  console.log(`Non-streamed: ${REQUESTS} sequential requests per round, best of ${ROUNDS} rounds (keep-alive, 127.0.0.1)`);
  const [rawRequest, ourRequest, peerRequest] = (await compare([
    {
      label: "raw fetch + JSON.parse (floor)",
      count: REQUESTS,
      run: async () => {
        const response = await fetch(url, init(false));
        JSON.parse(await response.text());
      },
    },
    { label: "onellm create()", count: REQUESTS, run: async () => void (await onellm.chat.completions.create(body)) },
    { label: "openai package create()", count: REQUESTS, run: async () => void (await peer.chat.completions.create(body)) },
  ])) as [number, number, number];

  console.log(`\nStreamed: ${STREAMS} streams of ${CHUNKS_PER_STREAM} chunks per round, best of ${ROUNDS} rounds`);
  const rawStreamRun = async () => {
    const response = await fetch(url, init(true));
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(bytes, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        const data = buffer.slice(6, end);
        if (data !== "[DONE]") JSON.parse(data);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
      }
    }
  };
  const [rawStream, ourStream, peerStream] = (await compare([
    { label: "raw fetch + SSE split + JSON.parse", count: STREAMS, run: rawStreamRun },
    {
      label: "onellm stream",
      count: STREAMS,
      run: async () => {
        const stream = await onellm.chat.completions.create({ ...body, stream: true });
        for await (const _chunk of stream);
      },
    },
    {
      label: "openai package stream",
      count: STREAMS,
      run: async () => {
        const stream = await peer.chat.completions.create({ ...body, stream: true });
        for await (const _chunk of stream);
      },
    },
  ])) as [number, number, number];

  console.log("\nOverhead over the raw floor");
  console.log(`  onellm: ${(ourRequest - rawRequest).toFixed(1)} µs per request, ${(((ourStream - rawStream) / CHUNKS_PER_STREAM) * 1000).toFixed(0)} ns per stream chunk`);
  console.log(`  openai: ${(peerRequest - rawRequest).toFixed(1)} µs per request, ${(((peerStream - rawStream) / CHUNKS_PER_STREAM) * 1000).toFixed(0)} ns per stream chunk`);
  await server.close();
}

await main();
