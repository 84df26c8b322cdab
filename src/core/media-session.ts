// Media downloads for one call. A call may go through several targets (fallbacks, retries), each
// needing the same images inline: each URL is downloaded once per call and shared. The call's
// budget bounds how many URLs, how many bytes in total and how many at once; its signal and its
// deadline reach every download. Knows no provider and no downloader: the provider passes its own
// (the Node-only one stays behind that seam).
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, MediaDownloadError, type MediaKind } from "./media-error.js";
import type { DownloadedMedia, MediaDownloadOptions } from "./media-types.js";

export interface MediaBudget {
  /** Distinct URLs one call may download. */
  maxFiles: number;
  /** Bytes all of one call's downloads may add up to. */
  maxTotalBytes: number;
  /** Downloads running at once. */
  maxConcurrency: number;
}

export const DEFAULT_MEDIA_BUDGET: MediaBudget = {
  maxFiles: 32,
  maxTotalBytes: 64 * 1024 * 1024,
  maxConcurrency: 4,
};

export type Downloader = (url: string, options: MediaDownloadOptions) => Promise<DownloadedMedia>;

export interface CallMediaInit {
  signal: AbortSignal | undefined;
  /** The call's per-attempt timeout, ms: a download may take no longer than an attempt could. */
  timeoutMs: number;
  /** The call's overall deadline on the monotonic clock (performance.now()), if it has one. */
  deadline: number | undefined;
}

export class CallMedia {
  private readonly downloads = new Map<string, Promise<DownloadedMedia>>();
  private bytes = 0;
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly init: CallMediaInit) {}

  get signal(): AbortSignal | undefined {
    return this.init.signal;
  }

  /**
   * Downloads every URL (each once per call, whatever target asks), at most `maxConcurrency` at a
   * time. Refuses more than `maxFiles` distinct URLs before downloading any.
   */
  fetchAll(
    urls: readonly string[],
    kindOf: (url: string) => MediaKind,
    options: MediaDownloadOptions,
    budget: MediaBudget,
    download: Downloader,
  ): Promise<DownloadedMedia>[] {
    const fresh = new Set(urls.filter((url) => !this.downloads.has(this.key(url, kindOf(url), options))));
    const total = this.downloads.size + fresh.size;
    if (total > budget.maxFiles) {
      throw new MediaDownloadError(
        "budget",
        `this call would download ${total} media URLs; the limit is ${budget.maxFiles} (mediaDownload.maxFiles). Pass fewer URLs, inline the media as data: URIs, or raise the limit.`,
        { url: "" },
      );
    }
    // One failure fails the target that asked: its downloads not started yet are not started.
    const batch = { failed: false };
    return urls.map((url) => this.fetch(url, kindOf(url), options, budget, download, batch));
  }

  private fetch(
    url: string,
    kind: MediaKind,
    options: MediaDownloadOptions,
    budget: MediaBudget,
    download: Downloader,
    batch: { failed: boolean },
  ): Promise<DownloadedMedia> {
    const key = this.key(url, kind, options);
    let pending = this.downloads.get(key);
    if (pending === undefined) {
      pending = this.limited(budget, async () => {
        if (batch.failed) {
          // Not a verdict on this URL: a later target may still ask for it.
          this.downloads.delete(key);
          throw new MediaDownloadError("network", "not started: another download of this call failed first", { url: "" });
        }
        try {
          if (this.bytes > budget.maxTotalBytes) throw this.spent(budget);
          return await download(url, this.optionsFor(kind, options, budget));
        } catch (error) {
          // Marked before the slot is handed on, so the next queued download sees it.
          batch.failed = true;
          throw error;
        }
      });
      // Shared with later targets; a failure is theirs to see, not an unhandled rejection now.
      pending.catch(() => undefined);
      this.downloads.set(key, pending);
    }
    return pending;
  }

  private spent(budget: MediaBudget): MediaDownloadError {
    return new MediaDownloadError(
      "budget",
      `this call's downloads passed ${budget.maxTotalBytes} bytes in total (mediaDownload.maxTotalBytes). Pass smaller media, fewer URLs, or raise the limit.`,
      { url: "" },
    );
  }

  /** A download's options within the call: its signal, its time left, the shared byte budget. */
  private optionsFor(kind: MediaKind, options: MediaDownloadOptions, budget: MediaBudget): MediaDownloadOptions {
    const { signal, timeoutMs, deadline } = this.init;
    const left = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - performance.now();
    const own = options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
    const limited: MediaDownloadOptions = {
      ...options,
      expect: kind,
      timeoutMs: Math.max(1, Math.round(Math.min(own, timeoutMs, left))),
      claimBytes: (bytes) => {
        this.bytes += bytes;
        return this.bytes > budget.maxTotalBytes ? this.spent(budget).message : undefined;
      },
    };
    if (signal !== undefined) limited.signal = signal;
    return limited;
  }

  /** Runs `task` when fewer than `maxConcurrency` downloads are running. */
  private async limited<T>(budget: MediaBudget, task: () => Promise<T>): Promise<T> {
    while (this.running >= budget.maxConcurrency) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  /** Same URL, same kind, same rules: the same download (a target with looser rules gets its own). */
  private key(url: string, kind: MediaKind, options: MediaDownloadOptions): string {
    const rules = [options.allowPrivateNetwork ?? false, options.allowedProtocols ?? [], options.maxBytes ?? 0, options.maxRedirects ?? -1];
    return `${kind} ${JSON.stringify(rules)} ${url}`;
  }
}
