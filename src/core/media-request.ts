/**
 * The Node.js media downloader's single HTTP hop: one GET pinned to pre-validated addresses.
 * Node-only; loaded only with ./media.ts.
 */
import { request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { redactUrl } from "./media-address.js";
import { MediaDownloadError, type Resolved, type Settings } from "./media-error.js";
import { describe, httpStatusError, networkError, REDIRECT_STATUSES, tooLarge, type HopResult } from "./media-policy.js";

/** One HTTP GET pinned to the pre-validated addresses. Rejects with the abort reason when `signal` fires. */
export function requestOnce(url: URL, addresses: Resolved[], settings: Settings, signal: AbortSignal): Promise<HopResult> {
  const safeUrl = redactUrl(url.href);
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const first = addresses[0];
  // Answers the socket's DNS query with the addresses we already checked. Node
  // skips lookup for IP literals, which were checked as-is.
  const pinnedLookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all === true) {
      callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
    } else if (first !== undefined) {
      callback(null, first.address, first.family);
    } else {
      callback(Object.assign(new Error("no validated address"), { code: "ENOTFOUND" }), "", 0);
    }
  };
  const requestOptions: RequestOptions & { servername?: string } = {
    protocol: url.protocol,
    hostname: host,
    port: url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port),
    path: `${url.pathname}${url.search}`,
    method: "GET",
    agent: false,
    lookup: pinnedLookup,
    headers: {
      accept: "image/*, audio/*, video/*, application/pdf, */*;q=0.5",
      "accept-encoding": "identity",
      "user-agent": "onellm-media-downloader",
    },
  };
  if (url.username !== "" || url.password !== "") {
    requestOptions.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  if (url.protocol === "https:" && isIP(host) === 0) requestOptions.servername = host;

  return new Promise<HopResult>((resolve, reject) => {
    let settled = false;
    const streams: { destroy(): unknown }[] = [];
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      action();
    };
    const fail = (error: MediaDownloadError): void => {
      settle(() => reject(error));
      for (const s of streams) s.destroy();
    };
    const networkFail = (what: string, cause?: unknown): void => fail(networkError(safeUrl, what, cause));
    const onAbort = (): void => {
      const reason: unknown = signal.reason;
      fail(reason instanceof MediaDownloadError ? reason : new MediaDownloadError("network", "aborted", { url: safeUrl }));
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });

    const outgoing = (url.protocol === "https:" ? httpsRequest : httpRequest)(requestOptions);
    streams.push(outgoing);
    outgoing.on("error", (error) => networkFail(describe(error), error));
    outgoing.on("response", (incoming: IncomingMessage) => {
      streams.push(incoming);
      incoming.on("error", (error) => networkFail(describe(error), error));
      const status = incoming.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status) && typeof incoming.headers.location === "string") {
        const location = incoming.headers.location;
        settle(() => resolve({ kind: "redirect", status, location }));
        incoming.destroy();
        return;
      }
      if (status < 200 || status > 299) {
        fail(httpStatusError(safeUrl, status, incoming.statusMessage ?? ""));
        return;
      }
      const declared = Number(incoming.headers["content-length"]);
      if (incoming.headers["content-length"] !== undefined && Number.isFinite(declared) && declared > settings.maxBytes) {
        fail(tooLarge(safeUrl, settings.maxBytes, `Content-Length is ${declared} bytes`));
        return;
      }
      let body: Readable = incoming;
      const encoding = (incoming.headers["content-encoding"] ?? "identity").trim().toLowerCase();
      if (encoding === "gzip" || encoding === "x-gzip" || encoding === "deflate" || encoding === "br") {
        const decoder =
          encoding === "br" ? createBrotliDecompress() : encoding === "deflate" ? createInflate() : createGunzip();
        streams.push(decoder);
        decoder.on("error", (error) => networkFail(`could not decode ${encoding} body: ${describe(error)}`, error));
        incoming.pipe(decoder);
        body = decoder;
      } else if (encoding !== "identity" && encoding !== "") {
        networkFail(`unsupported Content-Encoding "${encoding}"`);
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      body.on("data", (chunk: Buffer) => {
        if (settled) return;
        total += chunk.length;
        if (total > settings.maxBytes) {
          fail(tooLarge(safeUrl, settings.maxBytes, `received more than ${settings.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      body.on("end", () => {
        if (!incoming.complete) {
          networkFail("the connection closed before the whole body arrived");
          return;
        }
        const data = new Uint8Array(total);
        let offset = 0;
        for (const chunk of chunks) {
          data.set(chunk, offset);
          offset += chunk.length;
        }
        const contentType = incoming.headers["content-type"];
        settle(() => resolve({ kind: "body", data, contentType }));
      });
      incoming.on("close", () => {
        if (!incoming.complete) networkFail("the connection closed before the whole body arrived");
      });
    });
    outgoing.end();
  });
}
