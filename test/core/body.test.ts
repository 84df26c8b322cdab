import { describe, expect, it } from "vitest";
import { readBody } from "../../src/core/body.js";
import { Attempt } from "../../src/core/http.js";
import { ResponseTooLargeError } from "../../src/errors-response.js";

describe("readBody", () => {
  const attempt = () => new Attempt({ signal: undefined, timeoutMs: 60_000, provider: "openai", model: "m" });
  /** A body arriving in pieces, counting how many pieces were pulled. */
  function pieces(count: number, size: number, headers: Record<string, string> = {}) {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === count) {
          controller.close();
          return;
        }
        pulled++;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      },
    });
    return { response: new Response(body, { status: 200, headers }), pulled: () => pulled };
  }

  it("stops reading at the limit with ResponseTooLargeError", async () => {
    const { response, pulled } = pieces(100, 1_000);
    await expect(readBody(response, attempt(), { maxBytes: 2_500, whenExceeded: "throw" })).rejects.toMatchObject({
      name: "ResponseTooLargeError",
      limit: 2_500,
      status: 200,
    });
    expect(pulled()).toBeLessThan(10);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const { response, pulled } = pieces(100, 1_000, { "content-length": "100000" });
    await expect(readBody(response, attempt(), { maxBytes: 2_500, whenExceeded: "throw" })).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("truncates instead, when asked (an error body)", async () => {
    const { response } = pieces(100, 1_000);
    expect(await readBody(response, attempt(), { maxBytes: 2_500, whenExceeded: "truncate" })).toHaveLength(2_500);
  });

  it("decodes a multi-byte character cut between pieces", async () => {
    const bytes = new TextEncoder().encode("héllo");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 2));
        controller.enqueue(bytes.slice(2));
        controller.close();
      },
    });
    expect(await readBody(new Response(body), attempt(), { maxBytes: 100, whenExceeded: "throw" })).toBe("héllo");
  });
});
