// Item 4: media a provider needs inline (Gemini) is downloaded within a per-call budget (count,
// total bytes, concurrency), within the call's deadline and signal, once per call whatever the
// fallback chain, and only when it is the kind its part promises.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { APIUserAbortError, InvalidRequestError } from "../../src/errors.js";
import type { ChatCompletionContentPart } from "../../src/types.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { failure, rejection } from "../router/harness.js";
import { fixtureText, HOSTILE_KEYS, HOSTILE_MODELS, HOSTILE_PATHS, hostileClient } from "./hostile-kit.js";
import { PNG_BYTES, startMediaServer, WAV_BYTES, type MediaServer } from "./media-server.js";
import { runChild } from "./run-child.js";

let fault: FaultServer;
let media: MediaServer;
beforeAll(async () => {
  [fault, media] = await Promise.all([startFaultServer(), startMediaServer()]);
});
afterEach(() => {
  fault.reset();
  media.reset();
});
afterAll(async () => {
  await Promise.all([fault.stop(), media.stop()]);
});

const PRO_PATH = "/gemini/v1beta/models/gemini-2.5-pro:generateContent";
const geminiAnswer = () => ({ status: 200, body: JSON.parse(fixtureText("gemini", "text.json")) as object });

/** A Gemini client allowed to download from the loopback media host, with extra mediaDownload settings. */
function client(mediaDownload: Record<string, unknown> = {}, options: Parameters<typeof hostileClient>[1] = {}) {
  return hostileClient(fault, {
    ...options,
    providers: {
      google: {
        apiKey: HOSTILE_KEYS.google,
        baseURL: `${fault.url}/gemini`,
        mediaDownload: { allowPrivateNetwork: true, allowedProtocols: ["http:"], ...mediaDownload },
      },
    },
  });
}

const images = (paths: string[]): ChatCompletionContentPart[] => [
  { type: "text", text: "Describe these." },
  ...paths.map((path): ChatCompletionContentPart => ({ type: "image_url", image_url: { url: `${media.url}${path}` } })),
];
const ask = (content: ChatCompletionContentPart[]) => [{ role: "user" as const, content }];

describe("per-call budget", () => {
  it("refuses more URLs than maxFiles (default 32) before downloading any, and sends nothing", async () => {
    const paths = Array.from({ length: 40 }, (_, index) => `/img-${index}.png`);
    for (const path of paths) media.route(path, { contentType: "image/png", head: PNG_BYTES });
    const error = await rejection(client().chat.completions.create({ model: HOSTILE_MODELS.google, messages: ask(images(paths)) }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/would download 40 media URLs; the limit is 32 \(mediaDownload\.maxFiles\)/);
    expect(media.hitsUnder("/img-")).toBe(0);
    expect(fault.requests()).toHaveLength(0);
  });

  it("stops once the call's downloads pass maxTotalBytes, without reading the rest", async () => {
    const paths = Array.from({ length: 8 }, (_, index) => `/big-${index}.png`);
    for (const path of paths) media.route(path, { contentType: "image/png", head: PNG_BYTES, size: 512 * 1024 });
    const error = await rejection(
      client({ maxTotalBytes: 1024 * 1024, maxConcurrency: 2 }).chat.completions.create({ model: HOSTILE_MODELS.google, messages: ask(images(paths)) }),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/passed 1048576 bytes in total \(mediaDownload\.maxTotalBytes\)/);
    expect(media.bytesSent()).toBeLessThan(8 * 512 * 1024);
    expect(fault.requests()).toHaveLength(0);
  });

  it("runs at most maxConcurrency downloads at once", async () => {
    const paths = Array.from({ length: 6 }, (_, index) => `/slow-${index}.png`);
    for (const path of paths) media.route(path, { contentType: "image/png", head: PNG_BYTES, delayMs: 60 });
    fault.enqueue(HOSTILE_PATHS.geminiJson, geminiAnswer());
    const result = await client({ maxConcurrency: 2 }).chat.completions.create({ model: HOSTILE_MODELS.google, messages: ask(images(paths)) });
    expect(result.choices[0]?.message.content).toBeTruthy();
    expect(media.hitsUnder("/slow-")).toBe(6);
    expect(media.maxInFlight("/slow-")).toBe(2);
  });

  it("30 images of 19 MiB, in a process of their own: refused at the 64 MiB default, peak RSS up by less than 384 MiB", { timeout: 90_000 }, async () => {
    const run = await runChild("media-flood.ts", { nodeFlags: ["--expose-gc"], limitMs: 80_000 });
    expect(run.code).toBe(0);
    // Before: all 30 downloaded in parallel (peak RSS over 1 GB), then failed as a retryable connection error.
    expect(run.result).toMatchObject({ outcome: "error", name: "InvalidRequestError", geminiRequests: 0 });
    expect(run.result?.["imageRequests"]).toBeGreaterThan(0);
    expect(run.result?.["message"]).toMatch(/mediaDownload\.maxTotalBytes/);
    // 570 MiB of images were offered; measured growth is 150-290 MiB depending on the machine's load
    // (GC timing), so the bound sits well under the offered total, not at the quiet-machine figure.
    expect(run.result?.["rssGrowthMiB"]).toBeLessThan(384);
  });
});

describe("the call's deadline and signal reach the downloads", () => {
  it("a stalled media host ends the call at its `timeout` (500 ms), not at the download's own 15 s", async () => {
    media.route("/stalled.png", { contentType: "image/png", head: PNG_BYTES, delayMs: "stall" });
    const started = performance.now();
    const error = await rejection(client().chat.completions.create({ model: HOSTILE_MODELS.google, messages: ask(images(["/stalled.png"])) }, { timeout: 500 }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/timed out after 500 ms/);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(fault.requests()).toHaveLength(0);
  });

  it("and at the call's totalTimeout", async () => {
    media.route("/stalled.png", { contentType: "image/png", head: PNG_BYTES, delayMs: "stall" });
    const error = await rejection(
      client({}, { totalTimeout: 400 }).chat.completions.create({ model: HOSTILE_MODELS.google, messages: ask(images(["/stalled.png"])) }),
    );
    // What is left of the call's 400 ms when the download starts.
    const budget = Number(/timed out after (\d+) ms/.exec((error as Error).message)?.[1]);
    expect(budget).toBeGreaterThan(0);
    expect(budget).toBeLessThanOrEqual(400);
  });

  it("the caller's signal stops a download at once", async () => {
    media.route("/stalled.png", { contentType: "image/png", head: PNG_BYTES, delayMs: "stall" });
    const controller = new AbortController();
    const call = client().chat.completions.create({ model: HOSTILE_MODELS.google, messages: ask(images(["/stalled.png"])) }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await rejection(call)).toBeInstanceOf(APIUserAbortError);
  });
});

describe("each URL once per call", () => {
  it("a fallback to another Gemini model reuses the downloads (and a URL used twice is fetched once)", async () => {
    media.route("/cat.png", { contentType: "image/png", head: PNG_BYTES });
    media.route("/dog.png", { contentType: "image/png", head: PNG_BYTES });
    fault.enqueue(HOSTILE_PATHS.geminiJson, failure(503, "overloaded"));
    fault.enqueue(PRO_PATH, geminiAnswer());
    const result = await client().chat.completions.create({
      model: HOSTILE_MODELS.google,
      fallback_models: ["google/gemini-2.5-pro"],
      retries: 1,
      messages: ask(images(["/cat.png", "/dog.png", "/cat.png"])),
    }, {});
    expect(result.onellm?.model).toBe("gemini-2.5-pro");
    expect(fault.count(HOSTILE_PATHS.geminiJson)).toBe(2);
    expect(media.hits("/cat.png")).toBe(1);
    expect(media.hits("/dog.png")).toBe(1);
    const sent = fault.requests(PRO_PATH)[0]!.body as { contents: { parts: { inlineData?: unknown }[] }[] };
    expect(sent.contents[0]?.parts.filter((part) => part.inlineData !== undefined)).toHaveLength(3);
  });
});

describe("the declared type is checked per part kind", () => {
  it("an HTML page at an image URL is refused, never inlined as an image", async () => {
    media.route("/login.png", { contentType: "text/html; charset=utf-8", head: Buffer.from("<!DOCTYPE html><html><title>Sign in</title></html>") });
    const error = await rejection(client().chat.completions.create({ model: HOSTILE_MODELS.google, messages: ask(images(["/login.png"])) }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/messages\[0\]\.content\[1\]\.image_url\.url.*is not an image: the server sent Content-Type "text\/html; charset=utf-8"/);
    expect(fault.requests()).toHaveLength(0);
  });

  it("an image at an audio_url is refused; audio at an audio_url is taken", async () => {
    media.route("/clip.mp3", { contentType: "image/png", head: PNG_BYTES });
    media.route("/clip.wav", { contentType: "audio/wav", head: WAV_BYTES });
    const audio = (path: string): ChatCompletionContentPart[] => [{ type: "audio_url", audio_url: { url: `${media.url}${path}` } } as unknown as ChatCompletionContentPart];
    const error = await rejection(client().chat.completions.create({ model: HOSTILE_MODELS.google, messages: ask(audio("/clip.mp3")) }));
    expect((error as Error).message).toMatch(/is not audio/);
    fault.enqueue(HOSTILE_PATHS.geminiJson, geminiAnswer());
    await client().chat.completions.create({ model: HOSTILE_MODELS.google, messages: ask(audio("/clip.wav")) });
    expect(fault.requests(HOSTILE_PATHS.geminiJson)[0]?.rawBody).toContain('"mimeType":"audio/wav"');
  });

  it("a missing, generic or wrong Content-Type falls back to the bytes: a real PNG is taken as image/png", async () => {
    media.route("/a", { contentType: undefined, head: PNG_BYTES });
    media.route("/b", { contentType: "application/octet-stream", head: PNG_BYTES });
    media.route("/c", { contentType: "text/plain", head: PNG_BYTES });
    fault.enqueue(HOSTILE_PATHS.geminiJson, geminiAnswer());
    await client().chat.completions.create({ model: HOSTILE_MODELS.google, messages: ask(images(["/a", "/b", "/c"])) });
    const sent = fault.requests(HOSTILE_PATHS.geminiJson)[0]!.rawBody;
    expect(sent.match(/"mimeType":"image\/png"/g)).toHaveLength(3);
  });
});
