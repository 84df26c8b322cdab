import { describe, expect, it } from "vitest";
import { mapStopReason, recordNativeStopReason } from "../../../src/providers/anthropic/anthropic-finish-reason.js";
import type { AnthropicStopReason } from "../../../src/providers/anthropic/anthropic-schema.js";

describe("mapStopReason", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["tool_use", "tool_calls"],
    ["refusal", "content_filter"],
    ["pause_turn", "stop"],
  ] as const)("maps %s to %s", (reason, expected) => {
    expect(mapStopReason(reason)).toBe(expected);
  });

  it("maps a missing stop reason to stop", () => {
    expect(mapStopReason(null)).toBe("stop");
  });

  it("maps tool_use to stop when the only tool was the JSON-mode tool", () => {
    expect(mapStopReason("tool_use", { jsonAnswerOnly: true })).toBe("stop");
    expect(mapStopReason("end_turn", { jsonAnswerOnly: true })).toBe("stop");
  });

  it("maps stop reasons the spec does not list yet without crashing", () => {
    expect(mapStopReason("model_context_window_exceeded" as AnthropicStopReason)).toBe("length");
    expect(mapStopReason("something_new" as AnthropicStopReason)).toBe("stop");
  });

  it("records the raw reason for onellm metadata", () => {
    const extras: Record<string, unknown> = {};
    recordNativeStopReason(extras, "pause_turn");
    expect(extras).toEqual({ native_finish_reasons: ["pause_turn"] });
  });
});
