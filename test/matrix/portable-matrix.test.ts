// Portable history (issue 9): every source's replies, appended as-is (streamed and not), sent to
// every target, in four groups: plain text; a full tool loop (call, result, answer); reasoning (a
// thinking reply with tool calls, at the second request of its loop); images in history. Every
// target's native request is validated by Prism on the provider's derived spec, and checked here:
// onellm's own fields never reach it, tool-call ids fit the target's rule and still pair, and signed
// reasoning goes back unchanged to its producer only. Every cell is a success, or listed in
// matrix-expectations.ts (an emulation or a refusal, with its reason).
import { beforeAll, describe, expect, it } from "vitest";
import { APIError } from "../../src/errors.js";
import { toolCallIdPattern } from "../../src/providers/tool-call-ids.js";
import type { ChatCompletionMessageParam } from "../../src/types.js";
import { EXPECTATIONS, expectationFor, type Expectation } from "./matrix-expectations.js";
import { GROUPS, history, type Group } from "./matrix-histories.js";
import { pool, runCell, type CellResult } from "./matrix-run.js";
import { PROVIDERS, SOURCES, type Mode, type ProviderName } from "./matrix-sources.js";
import { stringsIn, TARGETS, toolCallIds, type Target } from "./matrix-targets.js";

const MODES: readonly Mode[] = ["json", "stream"];
/** Requests in flight at once, across all Prisms (two cores, shared). */
const CONCURRENCY = 8;

type Json = Record<string, unknown>;
type Row = { messages: ChatCompletionMessageParam[] } | { error: Error };

const rows = new Map<string, Row>();
const cells = new Map<string, CellResult>();
const rowKey = (group: Group, source: ProviderName, mode: Mode) => `${group}/${source}/${mode}`;
const cellKey = (group: Group, source: ProviderName, mode: Mode, target: ProviderName) => `${rowKey(group, source, mode)}->${target}`;
const matched = new Set<Expectation>();

beforeAll(async () => {
  const started = performance.now();
  for (const group of GROUPS) {
    for (const source of PROVIDERS) {
      for (const mode of MODES) {
        try {
          rows.set(rowKey(group, source, mode), { messages: await history(group, SOURCES[source], mode) });
        } catch (error) {
          rows.set(rowKey(group, source, mode), { error: error as Error });
        }
      }
    }
  }
  const tasks: (() => Promise<void>)[] = [];
  for (const [key, row] of rows) {
    if (!("messages" in row)) continue;
    for (const target of TARGETS) tasks.push(async () => void cells.set(`${key}->${target.name}`, await runCell(target, row.messages)));
  }
  await pool(tasks, CONCURRENCY);
  // What the matrix costs (a figure for the report; no assertion on time).
  console.info(`[matrix] ${rows.size} histories, ${tasks.length} cells validated by Prism in ${Math.round(performance.now() - started)} ms`);
}, 300_000);

/** Signed and encrypted reasoning in a history, by producer: what only the producer may get back. */
function signedReasoning(messages: readonly ChatCompletionMessageParam[]): { format: string; signatures: string[]; texts: string[] }[] {
  const found: { format: string; signatures: string[]; texts: string[] }[] = [];
  for (const message of messages) {
    if (message.role !== "assistant") continue;
    for (const detail of message.reasoning_details ?? []) {
      if (detail.type === "reasoning.text" && detail.signature !== undefined) found.push({ format: detail.format, signatures: [detail.signature], texts: detail.text === "" ? [] : [detail.text] });
      if (detail.type === "reasoning.encrypted") found.push({ format: detail.format, signatures: [detail.data], texts: [] });
    }
    for (const call of message.tool_calls ?? []) {
      const signature = call.type === "function" ? call.extra_content?.google?.thought_signature : undefined;
      if (signature !== undefined) found.push({ format: "google-gemini-v1", signatures: [signature], texts: [] });
    }
  }
  return found;
}

/** Cohere's thinking carries no signature: its round trip is its text, as thinking content. */
function cohereThinking(messages: readonly ChatCompletionMessageParam[]): string[] {
  return messages.flatMap((message) =>
    message.role === "assistant" ? (message.reasoning_details ?? []).flatMap((detail) => (detail.type === "reasoning.text" && detail.format === "cohere-v1" ? [detail.text] : [])) : [],
  );
}

const ONELLM_KEYS = ["reasoning_details", "extra_content", "onellm", "annotations", "parsed", "parsed_arguments"];
/** Targets whose spec takes the reasoning text back on an assistant message. */
const TAKES_REASONING_CONTENT: readonly ProviderName[] = ["deepseek", "xai"];

function keysIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysIn(item, into);
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      keysIn(item, into);
    }
  }
  return into;
}

/** What is wrong with a cell that must be a plain success or an emulation (empty when nothing). */
function sentProblems(target: Target, messages: ChatCompletionMessageParam[], cell: CellResult): string[] {
  const problems: string[] = [];
  if (cell.error !== undefined) return [`failed: ${cell.error.name}: ${cell.error.message}`];
  const sent = cell.sent;
  if (sent === undefined) return ["nothing was sent"];
  if (sent.status !== 200 || sent.violations.length > 0) problems.push(`Prism ${sent.status}: ${sent.violations.join(", ")}`);
  const body = sent.body as Json;
  const keys = keysIn(body);
  for (const key of ONELLM_KEYS) if (keys.has(key)) problems.push(`onellm's own \`${key}\` reached the native body`);
  if (keys.has("reasoning_content") && !TAKES_REASONING_CONTENT.includes(target.name)) problems.push("reasoning_content reached a target that does not take it");
  // Tool-call ids: each fits the target's rule, each result answers a call, none lost.
  const { calls, results } = toolCallIds(target.family, body);
  const pattern = target.idRule === undefined ? undefined : new RegExp(toolCallIdPattern(target.idRule), "u");
  for (const id of [...calls, ...results]) if (pattern !== undefined && !pattern.test(id)) problems.push(`tool-call id ${JSON.stringify(id)} breaks ${pattern.source}`);
  for (const id of results) if (target.family !== "gemini" && !calls.includes(id)) problems.push(`tool result ${JSON.stringify(id)} answers no call`);
  const toolMessages = messages.filter((message) => message.role === "tool").length;
  if (target.family !== "gemini" && target.family !== "ollama" && results.length !== toolMessages) problems.push(`${toolMessages} tool results in the history, ${results.length} sent`);
  // Signed reasoning: back unchanged to its producer, and to no one else.
  const strings = new Set(stringsIn(body));
  const sentText = [...strings].join("\n");
  for (const { format, signatures, texts } of signedReasoning(messages)) {
    const own = format === target.format;
    // Its own: the signature and the text it signs, each exactly as it was returned.
    if (own) for (const value of [...signatures, ...texts]) if (!strings.has(value)) problems.push(`its own ${format} reasoning was not replayed unchanged: ${value.slice(0, 40)}…`);
    // Another producer's signatures mean nothing here (plain reasoning text may go where reasoning_content is taken).
    if (!own) for (const value of signatures) if (sentText.includes(value)) problems.push(`another producer's (${format}) signature reached it`);
  }
  if (target.name === "cohere") for (const text of cohereThinking(messages)) if (!strings.has(text)) problems.push("Cohere's own thinking was not replayed");
  return problems;
}

function cellProblems(group: Group, source: ProviderName, mode: Mode, target: Target): string[] {
  const row = rows.get(rowKey(group, source, mode))!;
  const expectation = expectationFor(group, source, target.name);
  if (expectation !== undefined) matched.add(expectation);
  if ("error" in row) {
    if (expectation?.outcome === "no-source" && expectation.says.test(row.error.message)) return [];
    return [`the source could not produce the history: ${row.error.name}: ${row.error.message}`];
  }
  const cell = cells.get(cellKey(group, source, mode, target.name))!;
  if (expectation === undefined) {
    const problems = sentProblems(target, row.messages, cell);
    if (cell.warnings.length > 0) problems.push(`unexpected warnings: ${cell.warnings.join(" | ")}`);
    return problems;
  }
  const outcome = expectation.outcome;
  switch (outcome) {
    case "emulated": {
      const problems = sentProblems(target, row.messages, cell);
      if (cell.warnings.length === 0) problems.push("expected an emulation warning, got none");
      for (const warning of cell.warnings) if (!expectation.says.test(warning)) problems.push(`unexpected warning: ${warning}`);
      return problems;
    }
    case "refused": {
      if (cell.sent !== undefined) return [`expected a refusal before sending; Prism got it (${cell.sent.status})`];
      if (cell.error === undefined) return ["expected a refusal, the call succeeded"];
      const before = cell.error.name === "UnsupportedParameterError" || cell.error.name === "InvalidRequestError";
      return before && expectation.says.test(cell.error.message) ? [] : [`refused otherwise than listed: ${cell.error.name}: ${cell.error.message}`];
    }
    case "no-source":
      return ["the source produced a history the table says it cannot"];
    default: {
      const unknown: never = outcome;
      return [`unknown outcome ${String(unknown)}`];
    }
  }
}

describe("portable history: a reply from any provider, appended as-is, works on every provider", () => {
  for (const group of GROUPS) {
    describe(group, () => {
      for (const target of TARGETS) {
        it(`every source (streamed and not) -> ${target.name}`, () => {
          const problems: string[] = [];
          for (const source of PROVIDERS) {
            for (const mode of MODES) for (const problem of cellProblems(group, source, mode, target)) problems.push(`${source} (${mode}): ${problem}`);
          }
          expect(problems).toEqual([]);
        });
      }
    });
  }

  it("the table of emulations and refusals lists no cell that does not occur", () => {
    for (const group of GROUPS) for (const source of PROVIDERS) for (const mode of MODES) for (const target of TARGETS) cellProblems(group, source, mode, target);
    expect(EXPECTATIONS.filter((entry) => !matched.has(entry)).map((entry) => entry.because)).toEqual([]);
  });

  it("the histories really carry what must be handled (so the checks above can fail)", () => {
    const all = [...rows.values()].flatMap((row) => ("messages" in row ? row.messages : []));
    const keys = keysIn(all);
    for (const key of ["reasoning_details", "extra_content", "reasoning_content", "annotations", "refusal", "parsed"]) expect(keys.has(key), key).toBe(true);
    const formats = new Set(signedReasoning(all).map((entry) => entry.format));
    expect([...formats].sort()).toEqual(["amazon-bedrock-v1", "anthropic-claude-v1", "google-gemini-v1"]);
    const ids = all.flatMap((message) => (message.role === "assistant" ? (message.tool_calls ?? []).map((call) => call.id) : []));
    // Ids Mistral must rewrite (not 9 alphanumerics) and Anthropic must rewrite (a dot or a colon would do; Groq's dashes are fine).
    expect(ids.some((id) => !/^[a-zA-Z0-9]{9}$/.test(id))).toBe(true);
    expect(ids.some((id) => /^[a-zA-Z0-9]{9}$/.test(id))).toBe(true);
  });

  describe("Prism can refuse: a corrupted native body is a 4xx with violations, per target", () => {
    for (const target of TARGETS) {
      it(target.name, async () => {
        const cell = await runCell(target, [{ role: "user", content: "Hi" }], { corrupt: true });
        expect(cell.sent?.status).toBeGreaterThanOrEqual(400);
        expect(cell.sent?.status).toBeLessThan(500);
        expect(cell.sent?.violations.length).toBeGreaterThan(0);
        expect(cell.error).toBeInstanceOf(APIError);
      });
    }
  });
});
