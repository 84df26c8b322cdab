import { describe, expect, it } from "vitest";
import { redactCause, redactDeep, redactSecrets, registerSecret, TOO_DEEP } from "../../src/core/redact.js";

describe("redactSecrets", () => {
  it("removes registered keys wherever they appear", () => {
    registerSecret("custom-secret-value-42");
    expect(redactSecrets("auth failed for custom-secret-value-42.")).toBe("auth failed for [REDACTED].");
  });

  it.each([
    ["a Google key", "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"],
    ["an Anthropic key", "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"],
    ["an OpenAI project key", "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd"],
    ["a Groq key", "gsk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd"],
    ["an xAI key", "xai-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd"],
  ])("removes %s it was never told about", (_what, key) => {
    expect(redactSecrets(`Invalid API key: ${key} (see docs)`)).toBe("Invalid API key: [REDACTED] (see docs)");
  });

  it("removes key-like URL query values and leaves ordinary text alone", () => {
    expect(redactSecrets("GET /v1beta/models/x?key=abc123&alt=sse")).toBe("GET /v1beta/models/x?key=[REDACTED]&alt=sse");
    expect(redactSecrets("the task-list has 3 items; sk-short")).toBe("the task-list has 3 items; sk-short");
  });
});

describe("redactDeep", () => {
  it("fails closed at its depth limit: what lies deeper is replaced, never kept unread", () => {
    let nested: unknown = "anything at all";
    for (let level = 0; level < 10; level++) nested = { next: nested };
    const copy = JSON.stringify(redactDeep(nested, 0));
    expect(copy).toContain(TOO_DEEP);
    expect(copy).not.toContain("anything at all");
  });

  it("keeps a `__proto__` key as a key", () => {
    const copy = redactDeep(JSON.parse('{"__proto__":{"x":"y"}}'), 0) as object;
    expect(Object.keys(copy)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });
});

describe("registered keys in other spellings", () => {
  it("removes a key as JSON escapes it and as a URL encodes it", () => {
    registerSecret('key-with"quote/and space');
    expect(redactSecrets('{"detail":"key-with\\"quote/and space"}')).toBe('{"detail":"[REDACTED]"}');
    expect(redactSecrets("?token=key-with%22quote%2Fand%20space")).toBe("?token=[REDACTED]");
  });
});

describe("redactCause", () => {
  it("returns the cause itself when it holds no key", () => {
    const cause = new TypeError("fetch failed");
    expect(redactCause(cause)).toBe(cause);
  });

  it("cleans message, stack, fields and nested causes, keeping the class", () => {
    registerSecret("cause-secret-000111");
    const inner = Object.assign(new Error("inner cause-secret-000111"), { code: "E_KEY", header: "Bearer cause-secret-000111" });
    const outer = new TypeError("outer cause-secret-000111", { cause: inner });
    const clean = redactCause(outer) as TypeError;
    expect(clean).toBeInstanceOf(TypeError);
    expect(clean.message).toBe("outer [REDACTED]");
    expect(clean.stack).not.toContain("cause-secret-000111");
    expect(clean.cause).toMatchObject({ message: "inner [REDACTED]", code: "E_KEY", header: "Bearer [REDACTED]" });
  });
});
