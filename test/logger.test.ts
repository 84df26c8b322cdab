import { describe, expect, it } from "vitest";
import { registerSecret } from "../src/core/redact.js";
import { createLogger, parseLogLevel } from "../src/logger.js";

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
});
