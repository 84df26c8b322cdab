// Vertex AI spells a dated Claude id `claude-sonnet-4@20250514` where Anthropic writes
// `claude-sonnet-4-20250514`. The same request must reach Claude the same way on both, so these
// tests send it to each (through the real client, with an injected fetch) and compare the bodies:
// thinking, output_config, max_tokens and the forced JSON tool all come from the capability table.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../../src/client.js";
import type { ChatCompletionCreateParamsNonStreaming } from "../../../src/types.js";
import { captureFetch, type Reply } from "../../helpers/capture-fetch.js";

const answer = (name: string): Reply => () => new Response(readFileSync(new URL(`../../fixtures/anthropic/${name}`, import.meta.url), "utf8"), { status: 200, headers: { "content-type": "application/json" } });

/** The body each provider was sent, without what differs by design (Vertex puts the model in the URL and the API version in the body). */
async function bodies(vertexId: string, anthropicId: string, request: Omit<ChatCompletionCreateParamsNonStreaming, "model">, reply: Reply) {
  const vertex = captureFetch(reply);
  const anthropic = captureFetch(reply);
  const common = { env: {}, maxRetries: 0, unsupportedParams: "warn" as const };
  const viaVertex = await new OpenAI({ ...common, fetch: vertex.fetch, providers: { vertex: { project: "acme-ml-prod", location: "us-east5", accessToken: "ya29.test" } } }).chat.completions.create({ ...request, model: `vertex-anthropic/${vertexId}` });
  const viaAnthropic = await new OpenAI({ ...common, fetch: anthropic.fetch, providers: { anthropic: { apiKey: "sk-ant-test-0001" } } }).chat.completions.create({ ...request, model: `anthropic/${anthropicId}` });
  const { anthropic_version: version, ...vertexBody } = vertex.requests[0]!.body!;
  const { model, ...anthropicBody } = anthropic.requests[0]!.body!;
  expect(version).toBe("vertex-2023-10-16");
  expect(model).toBe(anthropicId);
  expect(vertex.requests[0]!.url).toContain(`/publishers/anthropic/models/${encodeURIComponent(vertexId)}:rawPredict`);
  // A warning names the provider it is about; the rest must read the same.
  const vertexWarnings = (viaVertex.onellm?.warnings ?? []).map((warning) => warning.replaceAll("vertex-anthropic", "anthropic"));
  return { vertexBody, anthropicBody, vertexWarnings, anthropicWarnings: viaAnthropic.onellm?.warnings ?? [] };
}

const PAIRS = [
  ["claude-sonnet-4@20250514", "claude-sonnet-4-20250514"],
  ["claude-opus-4@20250514", "claude-opus-4-20250514"],
  ["claude-3-7-sonnet@20250219", "claude-3-7-sonnet-20250219"],
  ["claude-opus-4-1@20250805", "claude-opus-4-1-20250805"],
  ["claude-sonnet-4-5@20250929", "claude-sonnet-4-5-20250929"],
] as const;

const messages = [{ role: "user" as const, content: "Is 17 prime?" }];

describe("vertex-anthropic/ dated ids are the same models as anthropic/ ones", () => {
  it.each(PAIRS)("reasoning_effort low on %s is sent as on anthropic/%s", async (vertexId, anthropicId) => {
    const { vertexBody, anthropicBody, vertexWarnings, anthropicWarnings } = await bodies(vertexId, anthropicId, { messages, reasoning_effort: "low" }, answer("thinking.json"));
    expect(vertexBody).toEqual(anthropicBody);
    expect(vertexWarnings).toEqual(anthropicWarnings);
    // Every one of these families thinks with a budget; none takes output_config.effort or adaptive thinking.
    expect(vertexBody["thinking"]).toEqual({ type: "enabled", budget_tokens: 2048 });
    expect(vertexBody["output_config"]).toBeUndefined();
  });

  it.each(PAIRS)("response_format json_schema on %s is sent as on anthropic/%s", async (vertexId, anthropicId) => {
    const schema = { type: "object", properties: { prime: { type: "boolean" } }, required: ["prime"], additionalProperties: false };
    const { vertexBody, anthropicBody, vertexWarnings, anthropicWarnings } = await bodies(
      vertexId,
      anthropicId,
      { messages, response_format: { type: "json_schema", json_schema: { name: "verdict", schema, strict: true } } },
      answer("json-mode.json"),
    );
    expect(vertexBody).toEqual(anthropicBody);
    expect(vertexWarnings).toEqual(anthropicWarnings);
  });

  it("Sonnet 4 on Vertex gets the forced JSON tool, not output_config.format (which it does not take)", async () => {
    const schema = { type: "object", properties: { prime: { type: "boolean" } }, required: ["prime"] };
    const { vertexBody, vertexWarnings } = await bodies("claude-sonnet-4@20250514", "claude-sonnet-4-20250514", { messages, response_format: { type: "json_schema", json_schema: { name: "verdict", schema } } }, answer("json-mode.json"));
    expect(vertexBody["output_config"]).toBeUndefined();
    expect(vertexBody["tool_choice"]).toMatchObject({ type: "tool" });
    expect(vertexWarnings.join("\n")).toContain("response_format");
  });
});
