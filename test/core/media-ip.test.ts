// `ipFamily` must answer exactly as Node's `net.isIP` does (the address rules depended on it), while
// running where `node:net` does not exist.
import { isIP } from "node:net";
import { describe, expect, it } from "vitest";
import { ipFamily } from "../../src/core/media-address.js";

const TABLE = [
  "127.0.0.1", "0.0.0.0", "255.255.255.255", "256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "1..2.3", " 1.2.3.4", "1.2.3.4 ",
  "::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::8", "1:::8", "1::2::3",
  ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "12345::", "g::1", "::ffff:127.0.0.1", "::ffff:1.2.3.256", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
  "64:ff9b::10.0.0.1", "fe80::1%eth0", "fe80::1%", "fe80::1%25", "fe80::1%en0.5", "fe80::1%a:b", "fe80::1%a_b", "[::1]", "FE80::ABCD", "::1.2.3.4", "1.2.3.4::",
  "localhost", "example.com", "", ":", ":::", "0x7f.0.0.1", "2130706433",
];

describe("ipFamily (node:net isIP without node:net)", () => {
  it.each(TABLE)("%j", (text) => {
    expect(ipFamily(text)).toBe(isIP(text));
  });

  it("agrees with isIP on random strings of address characters", () => {
    const alphabet = "0123456789abcdef:.%";
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let round = 0; round < 100_000; round++) {
      const length = 1 + (random() % 18);
      let text = "";
      for (let index = 0; index < length; index++) text += alphabet[random() % alphabet.length];
      expect(ipFamily(text), text).toBe(isIP(text));
    }
  });
});
