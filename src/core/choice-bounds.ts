// Indexes that come from the network and address per-choice or per-tool-call state. Such state must
// never be sized by an untrusted number: one chunk with `"index": 1e9` would otherwise grow an array
// until V8 dies with a fatal error no `catch` sees (an attack run did exactly that). An index is an
// integer below a ceiling no real answer reaches; anything else is a malformed response.

/** OpenAI's ceiling for `n` (its spec's maximum): no choice index reaches it. */
export const MAX_CHOICES = 128;
/** Far above any real answer's parallel tool calls, far below what could hurt. */
const MAX_TOOL_CALLS = 1024;

/** The index, when it is an integer in [0, limit); otherwise a description of what is wrong with it. */
export function indexProblem(index: unknown, limit: number): string | undefined {
  if (typeof index === "number" && Number.isInteger(index) && index >= 0 && index < limit) return undefined;
  const shown = typeof index === "string" ? JSON.stringify(index.slice(0, 40)) : String(index);
  return `index ${shown} (an index must be an integer from 0 to ${limit - 1})`;
}

/** The first choice or tool-call index of a chunk outside its bounds, described; undefined when all are fine. */
export function chunkIndexProblem(chunk: { choices: readonly { index: number; delta?: { tool_calls?: readonly { index: number }[] | null } | null }[] }): string | undefined {
  const choices = chunk.choices;
  for (let position = 0; position < choices.length; position++) {
    const choice = choices[position]!;
    const problem = indexProblem(choice.index, MAX_CHOICES);
    if (problem !== undefined) return `a choice with ${problem}`;
    const calls = choice.delta?.tool_calls;
    if (calls == null) continue;
    for (let call = 0; call < calls.length; call++) {
      const callProblem = indexProblem(calls[call]!.index, MAX_TOOL_CALLS);
      if (callProblem !== undefined) return `a tool call with ${callProblem}`;
    }
  }
  return undefined;
}
