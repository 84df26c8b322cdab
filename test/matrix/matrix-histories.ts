// The conversations of the matrix, as a caller keeps them: each reply appended as-is (streamed
// replies as the SDK's stream helper assembles them), tool results answering the calls by id.
import type { ChatCompletionMessage, ChatCompletionMessageParam } from "../../src/types.js";
import { reply, type Mode, type Source } from "./matrix-sources.js";

export const GROUPS = ["text", "tools", "reasoning", "images"] as const;
export type Group = (typeof GROUPS)[number];

/** An 8x8 red PNG, inlined. */
export const PNG_DATA_URI =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mP4z8CAFTEMLQkAKP8/wc53yE8AAAAASUVORK5CYII=";

const QUESTION: ChatCompletionMessageParam = { role: "user", content: "What's the weather like in Paris today?" };
const FOLLOW_UP: ChatCompletionMessageParam = { role: "user", content: "And tomorrow?" };
const PICTURE: ChatCompletionMessageParam = {
  role: "user",
  content: [
    { type: "text", text: "What is in this picture?" },
    { type: "image_url", image_url: { url: PNG_DATA_URI } },
  ],
};

/** The reply appended as-is: the very object the SDK returned. */
const asIs = (message: ChatCompletionMessage): ChatCompletionMessageParam => message;

function results(message: ChatCompletionMessage): ChatCompletionMessageParam[] {
  return (message.tool_calls ?? []).map((call) => ({ role: "tool", tool_call_id: call.id, content: '{"temperature":18,"sky":"partly cloudy"}' }));
}

export async function history(group: Group, source: Source, mode: Mode): Promise<ChatCompletionMessageParam[]> {
  switch (group) {
    case "text": {
      const answer = await reply(source, "text", mode, [QUESTION]);
      return [QUESTION, asIs(answer), FOLLOW_UP];
    }
    case "tools": {
      // The full loop: the call, its result, the answer, then the next question.
      const call = await reply(source, "tool", mode, [QUESTION]);
      const turn = [QUESTION, asIs(call), ...results(call)];
      const answer = await reply(source, "text", mode, turn);
      return [...turn, asIs(answer), FOLLOW_UP];
    }
    case "reasoning": {
      // The second request of a thinking tool loop: the signed reasoning and the calls, then the results.
      const call = await reply(source, "reasoning", mode, [QUESTION]);
      const answered = results(call);
      return answered.length > 0 ? [QUESTION, asIs(call), ...answered] : [QUESTION, asIs(call), FOLLOW_UP];
    }
    case "images": {
      const answer = await reply(source, "text", mode, [PICTURE]);
      return [PICTURE, asIs(answer), { role: "user", content: "What colour is it?" }];
    }
    default: {
      const unknown: never = group;
      throw new Error(`unknown group ${String(unknown)}`);
    }
  }
}
