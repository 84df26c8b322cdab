import { describe, expect, it } from "vitest";
import { describeFailure, EXIT, exitCodeFor, UsageError } from "../../src/cli/cli-errors.js";
import {
  AllTargetsFailedError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  InvalidRequestError,
  PermissionDeniedError,
  RateLimitError,
  UnsupportedParameterError,
} from "../../src/errors.js";
import { MissingAPIKeyError } from "../../src/router/router.js";

const keyVariable = (provider: string) => `${provider.toUpperCase()}_API_KEY`;
const failure = (provider: string, error: Error) => ({ provider, model: "m", error });

describe("exit codes", () => {
  it.each([
    ["a usage error", new UsageError("bad"), EXIT.usage],
    ["onellm's own validation", new InvalidRequestError("bad field", "messages"), EXIT.usage],
    ["a parameter the model cannot take", new UnsupportedParameterError("temperature", "anthropic", "0-1"), EXIT.usage],
    ["a missing key", new MissingAPIKeyError("anthropic", "ANTHROPIC_API_KEY"), EXIT.auth],
    ["a refused key (401)", new AuthenticationError("401 bad key", { status: 401 }), EXIT.auth],
    ["a forbidden key (403)", new PermissionDeniedError("403", { status: 403 }), EXIT.auth],
    ["a provider's 400", new BadRequestError("400 the provider says no", { status: 400 }), EXIT.provider],
    ["a rate limit", new RateLimitError("429", { status: 429 }), EXIT.provider],
    ["a 5xx", new InternalServerError("503", { status: 503 }), EXIT.provider],
    ["a timeout", new APIConnectionTimeoutError(), EXIT.provider],
    ["Ctrl-C", new APIUserAbortError(), EXIT.interrupted],
    ["a defect", new TypeError("x is undefined"), EXIT.internal],
  ])("%s", (_name, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });

  it("every target failing the same way is that way; a mix is the providers' failure", () => {
    const keys = new AllTargetsFailedError([failure("anthropic", new MissingAPIKeyError("anthropic", "ANTHROPIC_API_KEY")), failure("google", new AuthenticationError("401", { status: 401 }))]);
    expect(exitCodeFor(keys)).toBe(EXIT.auth);
    const mixed = new AllTargetsFailedError([failure("anthropic", new MissingAPIKeyError("anthropic", "ANTHROPIC_API_KEY")), failure("google", new RateLimitError("429", { status: 429 }))]);
    expect(exitCodeFor(mixed)).toBe(EXIT.provider);
  });
});

describe("failure lines", () => {
  it("names the key variable for a missing key, and every target for a chain", () => {
    expect(describeFailure(new MissingAPIKeyError("anthropic", "ANTHROPIC_API_KEY"), keyVariable)).toBe("no API key for anthropic: set ANTHROPIC_API_KEY");
    const chain = new AllTargetsFailedError([failure("anthropic", new MissingAPIKeyError("anthropic", "ANTHROPIC_API_KEY")), failure("google", new RateLimitError("429 slow down\nplease", { status: 429 }))]);
    expect(describeFailure(chain, keyVariable)).toMatch(/^every model failed: anthropic\/m: no API key for anthropic: set ANTHROPIC_API_KEY; google\/m: [^\n]*slow down please/);
  });

  it("calls a defect an internal error, on one line", () => {
    expect(describeFailure(new TypeError("a\nb"), keyVariable)).toBe("internal error: a b");
  });
});
