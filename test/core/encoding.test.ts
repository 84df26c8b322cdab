// The Buffer-free base64 and SHA-256 must give exactly what Node's Buffer and node:crypto give
// (the ids and payloads they produce were made by those before, and must not change).
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, toBase64Url, toStandardBase64, utf8Decode, utf8Encode } from "../../src/core/encoding.js";
import { sha256Hex } from "../../src/core/sha256.js";

describe("base64 without Buffer", () => {
  it("encodes every length and byte value as Buffer does", () => {
    for (let length = 0; length < 70; length++) {
      const bytes = randomBytes(length);
      expect(bytesToBase64(bytes)).toBe(bytes.toString("base64"));
    }
    const all = Uint8Array.from({ length: 256 }, (_, index) => index);
    expect(bytesToBase64(all)).toBe(Buffer.from(all).toString("base64"));
  });

  it("encodes inputs larger than one output chunk", () => {
    const bytes = randomBytes(3 * 0x6000 + 7);
    expect(bytesToBase64(bytes)).toBe(bytes.toString("base64"));
  });

  it("decodes as Buffer.from(text, 'base64') does, forgiving input included", () => {
    const cases = ["", "QQ", "QQ==", "QUJD", "QUJDRA", "QUJDRA=", "QU JD\nREVG", "QUJD*REVG", "QQ==QUJD", "a-_b", "a+/b", "////", "----"];
    for (const text of cases) expect(Array.from(base64ToBytes(text)), text).toEqual(Array.from(Buffer.from(text, "base64")));
    const bytes = randomBytes(1000);
    expect(Buffer.from(base64ToBytes(bytes.toString("base64"))).equals(bytes)).toBe(true);
    expect(Buffer.from(base64ToBytes(bytes.toString("base64url"))).equals(bytes)).toBe(true);
  });

  it("converts between the standard and URL-safe alphabets as Buffer does", () => {
    for (let length = 0; length < 40; length++) {
      const bytes = randomBytes(length);
      expect(toBase64Url(bytes.toString("base64"))).toBe(bytes.toString("base64url"));
      expect(toStandardBase64(bytes.toString("base64url"))).toBe(bytes.toString("base64"));
    }
    expect(toStandardBase64("skip_thought_signature_validator")).toBe(Buffer.from("skip_thought_signature_validator", "base64url").toString("base64"));
  });

  it("round-trips UTF-8", () => {
    const text = "café ☕ — 東京 🚀";
    expect(Array.from(utf8Encode(text))).toEqual(Array.from(Buffer.from(text, "utf8")));
    expect(utf8Decode(Buffer.from(text, "utf8"))).toBe(text);
  });
});

describe("sha256 without node:crypto", () => {
  it("matches node:crypto on the standard vectors and every length across block boundaries", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    for (let length = 0; length < 200; length++) {
      const bytes = randomBytes(length);
      expect(sha256Hex(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });

  it("hashes strings as UTF-8 and large inputs correctly", () => {
    expect(sha256Hex("résumé/0/1")).toBe(createHash("sha256").update("résumé/0/1").digest("hex"));
    const big = randomBytes(1_000_003);
    expect(sha256Hex(big)).toBe(createHash("sha256").update(big).digest("hex"));
  });
});
