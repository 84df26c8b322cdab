import { describe, expect, it } from "vitest";
import { checkUsage } from "../../src/router/usage-check.js";

describe("checkUsage", () => {
  it("accepts numbers, null counts and unknown extra fields", () => {
    expect(checkUsage(undefined)).toBeUndefined();
    expect(checkUsage({ prompt_tokens: 5, completion_tokens: 10, total_tokens: 15, cost: 0.1, prompt_tokens_details: { cached_tokens: 2, audio_tokens: null } })).toBeUndefined();
    expect(checkUsage({ prompt_tokens: 5, completion_tokens: null, total_tokens: 5 })).toBeUndefined();
  });

  it.each([
    [{ prompt_tokens: "5", completion_tokens: 1, total_tokens: 6 }, 'usage.prompt_tokens is the string "5", not a token count'],
    [{ prompt_tokens: 5, completion_tokens: 1, total_tokens: Number.NaN }, "usage.total_tokens is NaN, not a token count"],
    [{ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, completion_tokens_details: { reasoning_tokens: "3" } }, 'usage.completion_tokens_details.reasoning_tokens is the string "3", not a token count'],
    ["15", 'usage is the string "15", not an object'],
  ])("refuses %j", (usage, problem) => {
    expect(checkUsage(usage)).toBe(problem);
  });
});
