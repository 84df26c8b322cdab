import { describe, expect, it } from "vitest";
import { ANTHROPIC_TOOL_CALL_ID } from "../../src/providers/anthropic/anthropic-tools.js";
import { BEDROCK_TOOL_CALL_ID } from "../../src/providers/bedrock/bedrock-tools.js";
import { DIALECTS, OPENAI_TOOL_CALL_ID } from "../../src/providers/openai-compatible/openai-compatible-dialects.js";
import { fitsRule, rewriteToolCallId, ToolCallIds, toolCallIdPattern, type ToolCallIdRule } from "../../src/providers/tool-call-ids.js";

const MISTRAL = DIALECTS.find((dialect) => dialect.name === "mistral")!.quirks.toolCallId!;
const RULES: [string, ToolCallIdRule][] = [
  ["mistral", MISTRAL],
  ["anthropic", ANTHROPIC_TOOL_CALL_ID],
  ["openai", OPENAI_TOOL_CALL_ID],
  ["bedrock", BEDROCK_TOOL_CALL_ID],
];

// Ids as providers and callers really write them.
const IDS = [
  "call_123", // the OneLLM docs' own example
  "call_8fJ2kLm3Nq4Rs5Tu6Vw7Xy9Z", // OpenAI
  "toolu_01A09q90qw90lq917835lq9", // Anthropic
  "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", // Bedrock
  "D681PevKs", // Mistral
  "get_weather_7k2m9x4p1q8r", // Cohere
  "functions.get_weather:0", // Kimi / vLLM
  "fc_0f0e50a1476a6c35006912c58dc9f8819192c25864eb16f07f", // a 53-character agent id (OpenAI refuses it)
  "call_" + "x".repeat(300), // an id with a thought signature packed into it (before issue 9)
  "a.b",
  "a:b",
  "a_b",
];

function history(ids: readonly string[]) {
  return [
    { role: "user", content: "Weather?" },
    { role: "assistant", content: null, tool_calls: ids.map((id) => ({ id, type: "function", function: { name: "f", arguments: "{}" } })) },
    ...ids.map((id) => ({ role: "tool", tool_call_id: id, content: "sunny" })),
  ];
}

describe("tool-call id rules", () => {
  it("read as the patterns their sources state", () => {
    expect(toolCallIdPattern(MISTRAL)).toBe("^[a-zA-Z0-9]{9}$");
    expect(toolCallIdPattern(ANTHROPIC_TOOL_CALL_ID)).toBe("^[a-zA-Z0-9_-]+$");
    expect(toolCallIdPattern(BEDROCK_TOOL_CALL_ID)).toBe("^[a-zA-Z0-9_-]{1,64}$");
    expect(toolCallIdPattern(OPENAI_TOOL_CALL_ID)).toBe("^[\\s\\S]{1,40}$");
    for (const [, rule] of RULES) expect(rule.source.length).toBeGreaterThan(20);
  });

  it("keep an id the target accepts exactly as written", () => {
    expect(fitsRule("D681PevKs", MISTRAL)).toBe(true);
    expect(fitsRule("call_123", MISTRAL)).toBe(false);
    expect(fitsRule("call_8fJ2kLm3Nq4Rs5Tu6Vw7Xy9Z", OPENAI_TOOL_CALL_ID)).toBe(true);
    const ids = ToolCallIds.of(history(["toolu_01A09q90qw90lq917835lq9", "call_123"]), ANTHROPIC_TOOL_CALL_ID);
    expect(ids.id("toolu_01A09q90qw90lq917835lq9")).toBe("toolu_01A09q90qw90lq917835lq9");
    expect(ids.id("call_123")).toBe("call_123");
    expect(ids.rewritten()).toEqual([]);
  });

  it.each(RULES)("%s: every id of a history comes out accepted, one-to-one, the same on every turn", (_name, rule) => {
    const pattern = new RegExp(toolCallIdPattern(rule), "u");
    const first = ToolCallIds.of(history(IDS), rule);
    const sent = IDS.map((id) => first.id(id));
    for (const id of sent) expect(id).toMatch(pattern);
    expect(new Set(sent).size).toBe(IDS.length);
    // Deterministic: a later turn (the same history and more) sends the same ids for the same calls.
    const later = ToolCallIds.of(history([...IDS, "call_new.1"]), rule);
    expect(IDS.map((id) => later.id(id))).toEqual(sent);
  });

  it("never lets a.b and a:b meet, nor a rewrite meet an id sent as written", () => {
    const rule = ANTHROPIC_TOOL_CALL_ID;
    const rewrittenAB = rewriteToolCallId("a.b", rule);
    expect(rewrittenAB).toMatch(/^a_b_[A-Za-z0-9]{10}$/);
    expect(rewriteToolCallId("a:b", rule)).not.toBe(rewrittenAB);
    // A caller's id that happens to equal the rewrite of an earlier one: the later id moves aside.
    const ids = ToolCallIds.of(history(["a.b", rewrittenAB]), rule);
    expect(ids.id("a.b")).toBe(rewrittenAB);
    expect(ids.id(rewrittenAB)).not.toBe(rewrittenAB);
    expect(ids.id(rewrittenAB)).toMatch(/^[a-zA-Z0-9_-]+$/);
  });

  it("Mistral: the docs' call_123 becomes nine letters and digits; OpenAI: long ids keep their start and fit in 40", () => {
    const mistral = ToolCallIds.of(history(["call_123"]), MISTRAL);
    expect(mistral.id("call_123")).toMatch(/^[a-zA-Z0-9]{9}$/);
    const long = "fc_0f0e50a1476a6c35006912c58dc9f8819192c25864eb16f07f";
    const openai = ToolCallIds.of(history([long]), OPENAI_TOOL_CALL_ID);
    expect(openai.id(long)).toHaveLength(40);
    expect(openai.id(long).startsWith(long.slice(0, 29))).toBe(true);
    expect(openai.rewritten()).toEqual([[long, openai.id(long)]]);
  });

  it("maps an id seen only in a tool result (its call was cut from the history) the same way", () => {
    const full = ToolCallIds.of(history(["call.9"]), BEDROCK_TOOL_CALL_ID);
    const orphan = ToolCallIds.of([{ role: "tool", tool_call_id: "call.9", content: "x" }], BEDROCK_TOOL_CALL_ID);
    expect(orphan.id("call.9")).toBe(full.id("call.9"));
  });

  it("leaves every id alone for a target without a rule", () => {
    const ids = ToolCallIds.of(history(IDS), undefined);
    for (const id of IDS) expect(ids.id(id)).toBe(id);
  });
});
