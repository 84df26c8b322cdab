// Pure table tests for the address, data-URI and sniffing helpers (src/core/media-address.ts),
// through the public entry point src/core/media.ts. The download tests live in media.test.ts.
import { describe, expect, it } from "vitest";
import { isBlockedAddress, parseDataUri, sniffMediaType } from "../../src/core/media.js";
import { ascii, JPEG, PNG, TEXT, WAV } from "../helpers/media-fixtures.js";

// ---------------------------------------------------------------------------
// isBlockedAddress
// ---------------------------------------------------------------------------

describe("isBlockedAddress", () => {
  it.each([
    ["127.0.0.1", /loopback/],
    ["127.255.255.254", /loopback/],
    ["::1", /loopback/],
    ["[::1]", /loopback/],
    ["10.0.0.1", /private/],
    ["172.16.0.1", /private/],
    ["172.31.255.255", /private/],
    ["192.168.1.1", /private/],
    ["fc00::1", /private|unique local/],
    ["fd12:3456:789a::1", /unique local/],
    ["169.254.10.20", /link-local/],
    ["fe80::1", /link-local/],
    ["fe80::1%eth0", /link-local/],
    ["169.254.169.254", /metadata/],
    ["fd00:ec2::254", /metadata/],
    ["100.100.100.200", /metadata/],
    ["0.0.0.0", /unspecified/],
    ["::", /unspecified/],
    ["0.1.2.3", /this network/],
    ["100.64.0.1", /carrier-grade NAT/],
    ["100.127.255.254", /carrier-grade NAT/],
    ["224.0.0.1", /multicast/],
    ["239.255.255.250", /multicast/],
    ["ff02::1", /multicast/],
    ["255.255.255.255", /broadcast/],
    ["198.18.0.1", /benchmark/],
    ["198.19.255.255", /benchmark/],
    ["240.0.0.1", /reserved/],
    ["::ffff:127.0.0.1", /IPv4-mapped.*loopback/],
    ["::ffff:7f00:1", /IPv4-mapped.*loopback/],
    ["::ffff:169.254.169.254", /IPv4-mapped.*metadata/],
    ["64:ff9b::7f00:1", /NAT64.*127\.0\.0\.1.*loopback/],
    ["64:ff9b::10.0.0.1", /NAT64.*private/],
    ["2002:7f00:1::1", /6to4.*127\.0\.0\.1.*loopback/],
    ["2002:a9fe:a9fe::", /6to4.*metadata/],
    ["::127.0.0.1", /IPv4-compatible/],
    ["2001:db8::1", /documentation/],
    ["2001::1", /Teredo/],
    ["2130706433", /loopback/],
    ["0x7f.1", /loopback/],
    ["127.1", /loopback/],
    ["017700000001", /loopback/],
    ["example.com", /not an IP address/],
    ["", /not an IP address/],
  ])("blocks %s", (address, reason) => {
    expect(isBlockedAddress(address)).toMatch(reason);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "2606:4700::1111",
    "2001:4860:4860::8888",
    "2a00:1450:4001:80b::200e",
    "172.32.0.1",
    "172.15.255.255",
    "100.128.0.1",
    "100.63.255.255",
    "198.20.0.1",
    "169.255.0.1",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
  ])("allows public %s", (address) => {
    expect(isBlockedAddress(address)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------
// parseDataUri and sniffing
// ---------------------------------------------------------------------------

describe("parseDataUri", () => {
  const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

  it.each([
    ["data:image/png;base64,iVBORw0KGgo=", { mimeType: "image/png", base64: "iVBORw0KGgo=" }],
    ["DATA:IMAGE/PNG;BASE64,AAAA", { mimeType: "image/png", base64: "AAAA" }],
    ["data:image/png;base64,iVBO Rw0K\nGgo", { mimeType: "image/png", base64: "iVBORw0KGgo=" }],
    ["data:image/png;name=a.png;base64,AAAA", { mimeType: "image/png", base64: "AAAA" }],
    ["data:image/png;base64,%2B%2F%2B%2F", { mimeType: "image/png", base64: "+/+/" }],
    ["data:;base64,SGk=", { mimeType: "text/plain", base64: "SGk=" }],
    ["data:nonsense;base64,AAAA", { mimeType: "text/plain", base64: "AAAA" }],
    ["data:,Hello", { mimeType: "text/plain", base64: b64("Hello") }],
    ["data:text/plain;charset=utf-8,Hello%2C%20World", { mimeType: "text/plain", base64: b64("Hello, World") }],
    ["data:text/plain,h%C3%A9llo é", { mimeType: "text/plain", base64: b64("héllo é") }],
    ["data:image/svg+xml;utf8,<svg/>", { mimeType: "image/svg+xml", base64: b64("<svg/>") }],
    ["data:application/octet-stream,%FF%00%zz", { mimeType: "application/octet-stream", base64: Buffer.from([0xff, 0, 0x25, 0x7a, 0x7a]).toString("base64") }],
    ["data:text/plain;base64,", { mimeType: "text/plain", base64: "" }],
  ])("parses %s", (uri, expected) => {
    expect(parseDataUri(uri)).toEqual(expected);
  });

  it.each([
    "https://example.com/a.png",
    "data:image/png;base64",
    "data:image/png;base64,@@@@",
    "data:image/png;base64,A",
    "data:image/png;base64,AA==AA==",
    "image/png;base64,AAAA",
  ])("returns undefined for %s", (uri) => {
    expect(parseDataUri(uri)).toBeUndefined();
  });
});

describe("sniffMediaType", () => {
  const bytes = (...parts: (number[] | string)[]): Uint8Array =>
    Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? ascii(p) : p)));

  it.each([
    ["png", PNG, "image/png"],
    ["jpeg", JPEG, "image/jpeg"],
    ["gif", bytes("GIF89a", [1, 0, 1, 0]), "image/gif"],
    ["webp", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "), "image/webp"],
    ["pdf", bytes("%PDF-1.7\n"), "application/pdf"],
    ["wav", WAV, "audio/wav"],
    ["mp3 with ID3", bytes("ID3", [4, 0, 0, 0, 0, 0, 0]), "audio/mpeg"],
    ["mp3 frame sync", bytes([0xff, 0xfb, 0x90, 0x64, 0, 0]), "audio/mpeg"],
    ["ogg", bytes("OggS", [0, 2, 0, 0]), "audio/ogg"],
    ["flac", bytes("fLaC", [0, 0, 0, 0x22]), "audio/flac"],
    ["m4a", bytes([0, 0, 0, 0x20], "ftypM4A ", [0, 0, 0, 0]), "audio/mp4"],
    ["mp4", bytes([0, 0, 0, 0x20], "ftypisom", [0, 0, 2, 0]), "video/mp4"],
  ])("recognises %s", (_name, data, mime) => {
    expect(sniffMediaType(data)).toBe(mime);
  });

  it.each([
    ["text", TEXT],
    ["empty", new Uint8Array()],
    ["AAC ADTS (not MPEG layer I-III)", Uint8Array.from([0xff, 0xf1, 0x50, 0x80, 0, 0])],
    ["truncated png", PNG.subarray(0, 4)],
  ])("does not guess for %s", (_name, data) => {
    expect(sniffMediaType(data)).toBeUndefined();
  });
});
