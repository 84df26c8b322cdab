import { describe, expect, it } from "vitest";
import { registerSecret } from "../src/core/redact.js";
import { createLogger, headersForLog, parseLogLevel } from "../src/logger.js";

function sink() {
  const lines: string[] = [];
  return { lines, sink: { debug: (line: string) => lines.push(`debug ${line}`), warn: (line: string) => lines.push(`warn ${line}`) } };
}

describe("logger", () => {
  it("drops lines below the level and says so through debugEnabled", () => {
    const { lines, sink: target } = sink();
    const logger = createLogger(target, "warn");
    expect(logger.debugEnabled).toBe(false);
    logger.debug("hidden");
    logger.warn("shown");
    expect(lines).toEqual(["warn shown"]);
  });

  it("redacts keys from every line", () => {
    registerSecret("logger-canary-key-77");
    const { lines, sink: target } = sink();
    const logger = createLogger(target, "debug");
    logger.debug("sent logger-canary-key-77");
    expect(lines).toEqual(["debug sent [REDACTED]"]);
  });

  it("reads a level, warning about (and ignoring) an unknown one", () => {
    const { lines, sink: target } = sink();
    expect(parseLogLevel("debug", "ONELLM_LOG", target)).toBe("debug");
    expect(parseLogLevel("loud", "ONELLM_LOG", target)).toBeUndefined();
    expect(lines[0]).toMatch(/^warn ONELLM_LOG was set to "loud"/);
  });

  it("passes one structured argument, redacted, with credential headers masked", () => {
    registerSecret("logger-canary-key-88");
    const calls: unknown[][] = [];
    const logger = createLogger({ info: (...args: unknown[]) => calls.push(args) }, "info");
    expect(logger.infoEnabled).toBe(true);
    expect(logger.debugEnabled).toBe(false);
    logger.info("response", { status: 200, headers: new Headers({ authorization: "Bearer x", "x-request-id": "r1" }), note: "logger-canary-key-88" });
    expect(calls).toEqual([["response", { status: 200, headers: { authorization: "***", "x-request-id": "r1" }, note: "[REDACTED]" }]]);
    logger.info("plain");
    expect(calls[1]).toEqual(["plain"]);
  });

  it("masks every credential header by name", () => {
    expect(headersForLog({ "X-Api-Key": "a", "x-goog-api-key": "b", "api-key": "c", cookie: "d", accept: "e" })).toEqual({
      "X-Api-Key": "***",
      "x-goog-api-key": "***",
      "api-key": "***",
      cookie: "***",
      accept: "e",
    });
  });

  it("reads a level with surrounding whitespace, as openai reads the environment", () => {
    expect(parseLogLevel(" debug\n", "OPENAI_LOG", undefined)).toBe("debug");
    expect(parseLogLevel("  ", "OPENAI_LOG", undefined)).toBeUndefined();
  });
});
