import { describe, expect, it } from "vitest";
import { headerValueProblem, isCredentialHeader, keyProblem, registerCredential } from "../../src/core/credentials.js";
import { redactSecrets } from "../../src/core/redact.js";

describe("keyProblem", () => {
  it.each([
    ["sk-valid-key_0123.ABC~", undefined],
    ["", "it is empty"],
    ["sk-key\n", "it contains a line break at its end"],
    ["sk-\rkey", "it contains a line break at position 3"],
    [" sk-key", "it contains whitespace at its start"],
    ["sk-k\u0000ey", "it contains a control character (U+0000) at position 4"],
    ["sk-kéy", "it contains a non-ASCII character at position 4"],
  ])("%j -> %s", (key, problem) => {
    expect(keyProblem(key)).toBe(problem);
  });

  it("never quotes the key", () => {
    expect(keyProblem("sk-secret-part\nmore")).not.toContain("secret");
  });
});

describe("headerValueProblem", () => {
  it("refuses line breaks, NUL and characters fetch cannot send; allows Latin-1 and spaces", () => {
    expect(headerValueProblem("Bearer abc def, ünï")).toBeUndefined();
    expect(headerValueProblem("a\r\nb")).toBe("it contains a line break at position 1");
    expect(headerValueProblem("a\u0000")).toBe("it contains a NUL character at position 1");
    expect(headerValueProblem("€")).toMatch(/U\+20AC/);
  });
});

describe("credential headers", () => {
  it("knows the auth headers of every provider, case-insensitively", () => {
    for (const name of ["Authorization", "x-api-key", "API-Key", "x-goog-api-key", "Proxy-Authorization", "Cookie"]) expect(isCredentialHeader(name)).toBe(true);
    expect(isCredentialHeader("x-trace-id")).toBe(false);
  });

  it("registers the value and the token after its scheme", () => {
    registerCredential("Basic dXNlcjpwYXNzd29yZC1jcmVk");
    expect(redactSecrets("got dXNlcjpwYXNzd29yZC1jcmVk back")).toBe("got [REDACTED] back");
  });
});
