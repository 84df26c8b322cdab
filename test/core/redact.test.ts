import { describe, expect, it } from "vitest";
import { redactSecrets, registerSecret } from "../../src/core/redact.js";

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
