// Shared fixtures and stateless helpers for the media tests (test/core/media*.test.ts): sample
// bytes of a few formats, loopback download options, a fake DNS and a MediaDownloadError matcher.
import { expect } from "vitest";
import { MediaDownloadError, type MediaDownloadErrorCode, type MediaDownloadOptions } from "../../src/core/media.js";

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

export const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4, 5,
]);
export const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 9, 9, 9]);
export const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
export const WAV = Uint8Array.from([...ascii("RIFF"), 0x24, 0, 0, 0, ...ascii("WAVEfmt "), 1, 2, 3, 4]);
export const TEXT = Uint8Array.from(ascii("just some text, nothing to see"));

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/** Loopback happy-path options: the test server is on 127.0.0.1 over http. */
export const LOCAL: MediaDownloadOptions = { allowPrivateNetwork: true, allowedProtocols: ["http:"] };

/** A fake DNS: maps hostnames to addresses and records every query. */
export function fakeDns(table: Record<string, string[]>): {
  lookup: NonNullable<MediaDownloadOptions["lookup"]>;
  queries: string[];
} {
  const queries: string[] = [];
  const lookup = async (hostname: string): Promise<{ address: string; family: 4 | 6 }[]> => {
    queries.push(hostname);
    const addresses = table[hostname];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { lookup, queries };
}

/**
 * Options for "public-looking hostname served by the loopback test server":
 * exactly 127.0.0.1 is allowed by override; every other address goes through
 * the default block rules, so redirect targets are genuinely re-validated.
 */
export function pinnedToLoopback(table: Record<string, string[]>): MediaDownloadOptions & { queries: string[] } {
  const dns = fakeDns(table);
  return {
    allowedProtocols: ["http:"],
    lookup: dns.lookup,
    isAllowedAddress: (address) => (address === "127.0.0.1" ? true : undefined),
    queries: dns.queries,
  };
}

export async function expectFailure(
  promise: Promise<unknown>,
  code: MediaDownloadErrorCode,
  message?: RegExp,
): Promise<MediaDownloadError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaDownloadError);
  const mediaError = error as MediaDownloadError;
  expect(mediaError.name).toBe("MediaDownloadError");
  expect({ code: mediaError.code, message: mediaError.message }).toMatchObject({ code });
  if (message !== undefined) expect(mediaError.message).toMatch(message);
  return mediaError;
}
