import { describe, expect, it } from "vitest";
import { describeBlockReason, mapFinishReason } from "../../../src/providers/gemini/gemini-finish-reason.js";
import type { GeminiBlockReason, GeminiFinishReason } from "../../../src/providers/gemini/gemini-native.js";

describe("mapFinishReason", () => {
  const table: [GeminiFinishReason, string, string, boolean][] = [
    // native, without tool calls, with tool calls, explained in a warning
    ["STOP", "stop", "tool_calls", false],
    ["MAX_TOKENS", "length", "length", false],
    ["SAFETY", "content_filter", "content_filter", true],
    ["RECITATION", "content_filter", "content_filter", true],
    ["LANGUAGE", "content_filter", "content_filter", true],
    ["BLOCKLIST", "content_filter", "content_filter", true],
    ["PROHIBITED_CONTENT", "content_filter", "content_filter", true],
    ["SPII", "content_filter", "content_filter", true],
    ["IMAGE_SAFETY", "content_filter", "content_filter", true],
    ["IMAGE_PROHIBITED_CONTENT", "content_filter", "content_filter", true],
    ["IMAGE_RECITATION", "content_filter", "content_filter", true],
    ["MALFORMED_FUNCTION_CALL", "stop", "tool_calls", true],
    ["UNEXPECTED_TOOL_CALL", "stop", "tool_calls", true],
    ["TOO_MANY_TOOL_CALLS", "stop", "tool_calls", true],
    ["MISSING_THOUGHT_SIGNATURE", "stop", "tool_calls", true],
    ["IMAGE_OTHER", "stop", "tool_calls", true],
    ["NO_IMAGE", "stop", "tool_calls", true],
    ["OTHER", "stop", "tool_calls", true],
    ["FINISH_REASON_UNSPECIFIED", "stop", "tool_calls", true],
  ];

  it.each(table)("maps %s", (native, plain, withTools, noted) => {
    expect(mapFinishReason(native, false).finishReason).toBe(plain);
    expect(mapFinishReason(native, true).finishReason).toBe(withTools);
    expect(mapFinishReason(native, false).note !== undefined).toBe(noted);
  });
});

describe("describeBlockReason", () => {
  const table: [GeminiBlockReason, string][] = [
    ["SAFETY", "safety filter"],
    ["OTHER", "unspecified reason"],
    ["BLOCKLIST", "blocklisted term"],
    ["PROHIBITED_CONTENT", "prohibited content"],
    ["IMAGE_SAFETY", "unsafe image"],
    ["BLOCK_REASON_UNSPECIFIED", "unspecified reason"],
  ];
  it.each(table)("describes %s", (reason, text) => {
    expect(describeBlockReason(reason)).toBe(text);
  });
});
