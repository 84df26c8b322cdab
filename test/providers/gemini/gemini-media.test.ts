import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIUserAbortError, InvalidRequestError } from "../../../src/errors.js";
import { inlineFromFileData } from "../../../src/providers/gemini/gemini-media.js";
import { downloadRemoteMedia as download, mediaDownloadOptions, remoteMediaIn } from "../../../src/providers/remote-media.js";
import type { UnifiedRequest } from "../../../src/providers/contract.js";
import type { MediaDownloadOptions } from "../../../src/core/media-download.js";
import { PNG_BASE64, request, WAV_BASE64 } from "../../fixtures/gemini/fixtures.js";
import { CallMedia } from "../../../src/core/media-session.js";

const LOCAL = { allowPrivateNetwork: true, allowedProtocols: ["http:", "https:"] as ("http:" | "https:")[] };

let server: http.Server;
let base: string;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((incoming, response) => {
    hits.push(incoming.url ?? "");
    if (incoming.url === "/cat.png") {
      response.writeHead(200, { "content-type": "image/png" }).end(Buffer.from(PNG_BASE64, "base64"));
    } else if (incoming.url === "/hello.wav") {
      // No useful Content-Type: the type is sniffed from the bytes.
      response.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from(WAV_BASE64, "base64"));
    } else if (incoming.url === "/slow.png") {
      setTimeout(() => response.writeHead(200, { "content-type": "image/png" }).end(Buffer.from(PNG_BASE64, "base64")), 2_000);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function withMedia(...parts: unknown[]) {
  return request({
    messages: [
      { role: "system", content: "s" },
      { role: "user", content: [{ type: "text", text: "Look" }, ...(parts as never[])] },
    ],
  });
}

describe("remoteMediaIn", () => {
  it("finds http(s) image and audio URLs with their request paths, not data: URIs", () => {
    expect(
      remoteMediaIn(
        withMedia(
          { type: "image_url", image_url: { url: "https://example.com/a.png" } },
          { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
          { type: "audio_url", audio_url: { url: "http://example.com/b.mp3" } },
        ),
      ),
    ).toEqual([
      { url: "https://example.com/a.png", path: "messages[1].content[1].image_url.url", kind: "image" },
      { url: "http://example.com/b.mp3", path: "messages[1].content[3].audio_url.url", kind: "audio" },
    ]);
  });
});

/** A call's media session, as the router makes one per call. */
const session = (signal?: AbortSignal) => new CallMedia({ signal, timeoutMs: 60_000, deadline: undefined });

/** Gemini's downloads, with `options` as `providers.google.mediaDownload`. */
const downloadRemoteMedia = (request: UnifiedRequest, options: MediaDownloadOptions, media: CallMedia) =>
  download(request, { settings: { extra: { mediaDownload: options } }, media }, { provider: "google", label: "Gemini" });

describe("downloadRemoteMedia", () => {
  it("downloads each URL once and keeps its media type (declared or sniffed)", async () => {
    hits.length = 0;
    const media = await downloadRemoteMedia(
      withMedia(
        { type: "image_url", image_url: { url: `${base}/cat.png` } },
        { type: "image_url", image_url: { url: `${base}/cat.png` } },
        { type: "audio_url", audio_url: { url: `${base}/hello.wav` } },
      ),
      LOCAL,
      session(),
    );
    expect([...media.entries()]).toEqual([
      [`${base}/cat.png`, { mimeType: "image/png", data: PNG_BASE64 }],
      [`${base}/hello.wav`, { mimeType: "audio/wav", data: WAV_BASE64 }],
    ]);
    expect(hits.sort()).toEqual(["/cat.png", "/hello.wav"]);
  });

  it("refuses loopback addresses by default, naming the field", async () => {
    const act = downloadRemoteMedia(withMedia({ type: "image_url", image_url: { url: `${base}/cat.png` } }), {}, session());
    await expect(act).rejects.toThrow(InvalidRequestError);
    await expect(act).rejects.toThrow(/messages\[1\]\.content\[1\]\.image_url\.url/);
  });

  it("reports a failed download with the field", async () => {
    const act = downloadRemoteMedia(withMedia({ type: "image_url", image_url: { url: `${base}/missing.png` } }), LOCAL, session());
    await expect(act).rejects.toThrow(/Could not inline `messages\[1\]\.content\[1\]\.image_url\.url` for Gemini: .*HTTP 404/);
  });

  it("stops at once when the caller aborts", async () => {
    const controller = new AbortController();
    const act = downloadRemoteMedia(withMedia({ type: "image_url", image_url: { url: `${base}/slow.png` } }), LOCAL, session(controller.signal));
    setTimeout(() => controller.abort(), 20);
    await expect(act).rejects.toThrow(APIUserAbortError);
  });
});

describe("mediaDownloadOptions", () => {
  it("reads providers.google.mediaDownload", () => {
    expect(mediaDownloadOptions({ mediaDownload: { ...LOCAL, maxBytes: 1000, timeoutMs: 500, maxRedirects: 1 } }, "google")).toEqual({
      ...LOCAL,
      maxBytes: 1000,
      timeoutMs: 500,
      maxRedirects: 1,
    });
    expect(mediaDownloadOptions({}, "google")).toEqual({});
  });

  it("rejects unknown keys and wrong types, naming the option", () => {
    expect(() => mediaDownloadOptions({ mediaDownload: { allowPrivate: true } }, "google")).toThrow(/providers\.google\.mediaDownload\.allowPrivate/);
    expect(() => mediaDownloadOptions({ mediaDownload: { allowedProtocols: ["ftp:"] } }, "google")).toThrow(/allowedProtocols/);
    expect(() => mediaDownloadOptions({ mediaDownload: { maxBytes: "1" } }, "google")).toThrow(/maxBytes/);
    expect(() => mediaDownloadOptions({ mediaDownload: true }, "google")).toThrow(/expected an object/);
  });
});

describe("inlineFromFileData", () => {
  it("takes a data: URI, or bare base64 typed by its bytes or its filename", () => {
    expect(inlineFromFileData("data:text/plain;base64,aGk=", undefined, "f")).toEqual({ mimeType: "text/plain", data: "aGk=" });
    expect(inlineFromFileData(PNG_BASE64, undefined, "f")).toEqual({ mimeType: "image/png", data: PNG_BASE64 });
    expect(inlineFromFileData("aGVsbG8=", "notes.md", "f")).toEqual({ mimeType: "text/markdown", data: "aGVsbG8=" });
    expect(() => inlineFromFileData("not base64!", "a.pdf", "messages[0].content[0].file.file_data")).toThrow(/messages\[0\]\.content\[0\]\.file\.file_data/);
  });
});
