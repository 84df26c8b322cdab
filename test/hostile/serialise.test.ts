// Item 7: a body JSON cannot carry (a BigInt, a cycle) is the caller's mistake: an
// InvalidRequestError naming where it is, before the first attempt — no request, no backoff, no
// fallback.
import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../../src/errors.js";
import type { ChatCompletionCreateParams } from "../../src/types.js";
import { hi, MODELS, ok, PATHS, recordingSleep, rejection, routerClient } from "../router/harness.js";
import { useFaultServer } from "./hostile-kit.js";

const server = useFaultServer();

const cyclic = (): Record<string, unknown> => {
  const schema: Record<string, unknown> = { type: "object", properties: {} };
  (schema["properties"] as Record<string, unknown>)["self"] = schema;
  return schema;
};

describe("a body that cannot become JSON", () => {
  it.each([
    ["a BigInt", { max_tokens: 10n as unknown as number }, "max_tokens", /is a BigInt/],
    ["a BigInt deep in a message", { messages: [{ role: "user", content: [{ type: "text", text: "hi", extra: 1n }] }] }, "messages[0].content[0].extra", /is a BigInt/],
    [
      "a cycle in a tool schema",
      { tools: [{ type: "function", function: { name: "f", parameters: cyclic() } }] },
      "tools[0].function.parameters.properties.self",
      /refers back to an object that contains it/,
    ],
  ])("%s: InvalidRequestError naming it, zero requests, no retry, no fallback", async (_what, patch, param, problem) => {
    server().enqueue(PATHS.openai, ok("never asked"));
    server().enqueue(PATHS.groq, ok("never asked"));
    const clock = recordingSleep();
    const body = { model: MODELS.openai, messages: hi, fallback_models: [MODELS.groq], retries: 2, ...patch } as ChatCompletionCreateParams;
    const error = await rejection(routerClient(server(), { sleep: clock.sleep }).chat.completions.create(body));
    // Before: an APIConnectionError, retried with backoff and sent down the fallback chain.
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ param, isRetryable: false });
    expect((error as Error).message).toMatch(problem);
    expect(server().requests()).toHaveLength(0);
    expect(clock.delays).toEqual([]);
  });

  it("values with a toJSON (a Date) are fine", async () => {
    server().enqueue(PATHS.openai, ok("fine"));
    const result = await routerClient(server()).chat.completions.create({ model: MODELS.openai, messages: hi, metadata: { at: new Date(0) as unknown as string } });
    expect(result.choices[0]?.message.content).toBe("fine");
  });
});
