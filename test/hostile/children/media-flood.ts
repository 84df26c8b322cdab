// Item 4: 30 image URLs of 19 MiB each for Gemini, which needs them inline. Reports the error, how
// many requests reached Gemini, and how far this process's peak RSS rose during the call (MiB).
import { OpenAI } from "../../../src/index.js";
import { described, peakRssMiB, report, serve } from "./child-kit.js";

const MiB = 1024 * 1024;
const png = Buffer.alloc(19 * MiB);
png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
const images = await serve((_request, response) => {
  response.writeHead(200, { "content-type": "image/png", "content-length": String(png.length) });
  response.end(png);
});
const gemini = await serve((_request, response) => {
  response.writeHead(500, { "content-type": "application/json" }).end('{"error":{"code":500,"message":"unexpected","status":"INTERNAL"}}');
});
const client = new OpenAI({
  env: {},
  logger: {},
  providers: { google: { apiKey: "AIza-child-media-flood-0000001", baseURL: gemini.url, mediaDownload: { allowPrivateNetwork: true, allowedProtocols: ["http:"] } } },
});
const content = [
  { type: "text" as const, text: "What is in these?" },
  ...Array.from({ length: 30 }, (_, index) => ({ type: "image_url" as const, image_url: { url: `${images.url}/photo-${index}.png` } })),
];
globalThis.gc?.();
const before = process.memoryUsage().rss / MiB;
try {
  await client.chat.completions.create({ model: "google/gemini-2.5-flash", messages: [{ role: "user", content }] });
  report({ outcome: "no error" });
} catch (error) {
  report({ outcome: "error", geminiRequests: gemini.requests(), imageRequests: images.requests(), rssGrowthMiB: Math.round(peakRssMiB() - before), ...described(error) });
}
await Promise.all([images.close(), gemini.close()]);
