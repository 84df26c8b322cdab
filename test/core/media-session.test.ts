import { describe, expect, it } from "vitest";
import type { DownloadedMedia, MediaDownloadOptions } from "../../src/core/media.js";
import { CallMedia, DEFAULT_MEDIA_BUDGET, type Downloader } from "../../src/core/media-session.js";
import { MediaDownloadError } from "../../src/core/media-error.js";

/** A downloader that records what it was asked, resolving when `release` is called. */
function recorder() {
  const calls: { url: string; options: MediaDownloadOptions }[] = [];
  const pending: (() => void)[] = [];
  let running = 0;
  let peak = 0;
  const download: Downloader = (url, options) => {
    calls.push({ url, options });
    running++;
    peak = Math.max(peak, running);
    return new Promise<DownloadedMedia>((resolve, reject) => {
      pending.push(() => {
        running--;
        if (url.includes("fail")) reject(new MediaDownloadError("http_status", "HTTP 404", { url }));
        else resolve({ data: new Uint8Array([1]), mimeType: "image/png", url });
      });
    });
  };
  const releaseAll = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { calls, download, releaseAll, peak: () => peak };
}

const media = (init: Partial<ConstructorParameters<typeof CallMedia>[0]> = {}) => new CallMedia({ signal: undefined, timeoutMs: 60_000, deadline: undefined, ...init });
const image = () => "image" as const;

describe("CallMedia", () => {
  it("downloads a URL once per call, whichever target asks and however often", async () => {
    const session = media();
    const fake = recorder();
    const first = session.fetchAll(["https://a/x.png", "https://a/x.png"], image, {}, DEFAULT_MEDIA_BUDGET, fake.download);
    const second = session.fetchAll(["https://a/x.png"], image, {}, DEFAULT_MEDIA_BUDGET, fake.download);
    await fake.releaseAll();
    await Promise.all([...first, ...second]);
    expect(fake.calls.map((call) => call.url)).toEqual(["https://a/x.png"]);
  });

  it("refuses more distinct URLs than maxFiles before downloading any", () => {
    const fake = recorder();
    expect(() => media().fetchAll(["https://a/1", "https://a/2", "https://a/3"], image, {}, { ...DEFAULT_MEDIA_BUDGET, maxFiles: 2 }, fake.download)).toThrow(/would download 3 media URLs; the limit is 2/);
    expect(fake.calls).toHaveLength(0);
  });

  it("runs at most maxConcurrency at once, and passes the kind, the signal and the tightest timeout", async () => {
    const controller = new AbortController();
    const fake = recorder();
    const session = media({ signal: controller.signal, timeoutMs: 700, deadline: performance.now() + 60_000 });
    const downloads = session.fetchAll(["https://a/1", "https://a/2", "https://a/3", "https://a/4"], image, { timeoutMs: 15_000 }, { ...DEFAULT_MEDIA_BUDGET, maxConcurrency: 2 }, fake.download);
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.calls).toHaveLength(2);
    await fake.releaseAll();
    await Promise.all(downloads);
    expect(fake.peak()).toBe(2);
    expect(fake.calls[0]?.options).toMatchObject({ expect: "image", timeoutMs: 700, signal: controller.signal });
  });

  it("after a failure, does not start the target's queued downloads (nor blame their URLs)", async () => {
    const fake = recorder();
    const session = media();
    const downloads = session.fetchAll(["https://a/fail", "https://a/2", "https://a/3"], image, {}, { ...DEFAULT_MEDIA_BUDGET, maxConcurrency: 1 }, fake.download);
    downloads.forEach((download) => download.catch(() => undefined));
    await fake.releaseAll();
    expect(fake.calls.map((call) => call.url)).toEqual(["https://a/fail"]);
    await expect(downloads[1]).rejects.toThrow(/not started/);
    // A later target may still ask for them.
    const again = session.fetchAll(["https://a/2"], image, {}, DEFAULT_MEDIA_BUDGET, fake.download);
    await fake.releaseAll();
    await expect(again[0]).resolves.toMatchObject({ url: "https://a/2" });
  });

  it("counts every download's bytes against one total", () => {
    const fake = recorder();
    media().fetchAll(["https://a/1"], image, {}, { ...DEFAULT_MEDIA_BUDGET, maxTotalBytes: 10 }, fake.download);
    const claim = fake.calls[0]!.options.claimBytes!;
    expect(claim(6)).toBeUndefined();
    expect(claim(6)).toMatch(/passed 10 bytes in total \(mediaDownload\.maxTotalBytes\)/);
  });
});
