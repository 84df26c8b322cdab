// Type-level contract of portable history: a message onellm returns is a request message as it is,
// so `messages.push(completion.choices[0].message)` (the OneLLM docs' multi-turn example) compiles
// without a cast, and so does an object literal written from a returned message's fields.
// `npm run typecheck` enforces the expectTypeOf lines; the runtime test checks the same on a value.
import { describe, expect, expectTypeOf, it } from "vitest";
import type {
  ChatCompletion,
  ChatCompletionAssistantMessageParam,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
} from "../../src/index.js";

expectTypeOf<ChatCompletionMessage>().toExtend<ChatCompletionAssistantMessageParam>();
expectTypeOf<ChatCompletionMessage>().toExtend<ChatCompletionMessageParam>();

describe("a returned message as a request message", () => {
  it("is appended as-is, and an object literal with every field a returned message carries compiles", () => {
    const completion: ChatCompletion = {
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1764254000,
      model: "claude-sonnet-4-5",
      choices: [
        {
          index: 0,
          finish_reason: "tool_calls",
          logprobs: null,
          message: {
            role: "assistant",
            content: "Let me check.",
            refusal: null,
            reasoning_content: "The user wants the weather.",
            reasoning_details: [{ type: "reasoning.text", text: "The user wants the weather.", signature: "EqQB", format: "anthropic-claude-v1", index: 0 }],
            tool_calls: [{ id: "toolu_01", type: "function", function: { name: "get_weather", arguments: "{}" }, extra_content: { google: { thought_signature: "c2ln" } } }],
          },
        },
      ],
    };
    const messages: ChatCompletionMessageParam[] = [{ role: "user", content: "Weather?" }];
    messages.push(completion.choices[0]!.message);
    // An object literal copying a returned message: excess-property checks see every field.
    messages.push({
      role: "assistant",
      content: "It is sunny.",
      refusal: null,
      reasoning_content: "Answer from the tool result.",
      annotations: [{ type: "url_citation", url_citation: { start_index: 0, end_index: 5, url: "https://example.com", title: "Example" } }],
      audio: { id: "audio_1", data: "UklGR", expires_at: 1764257600, transcript: "It is sunny." },
    });
    expect(messages).toHaveLength(3);
    expect((messages[1] as ChatCompletionAssistantMessageParam).reasoning_content).toBe("The user wants the weather.");
  });
});
