// Reads the example tour's recordings the way a reader of each wire format would, so the example
// tests expect what the mock really sent (never a copy of it typed into the test).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { MockFormat } from "../../examples/tour/mock-formats.js";
import { RECORDINGS } from "../../examples/tour/mock-providers.js";

type Json = Record<string, unknown>;

function read(format: MockFormat, name: string): string {
  return readFileSync(path.join(RECORDINGS, format, name), "utf8");
}

function sseData(text: string): Json[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
    .map((line) => JSON.parse(line.slice("data: ".length)) as Json);
}

function array(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

/** The answer texts (one per choice) and the reasoning text of a non-streamed recording. */
export function recordedAnswer(format: MockFormat, name: string): { texts: string[]; reasoning: string } {
  const body = JSON.parse(read(format, name)) as Json;
  switch (format) {
    case "openai":
      return { texts: array(body["choices"]).map((choice) => String((choice["message"] as Json)["content"] ?? "")), reasoning: "" };
    case "anthropic": {
      const content = array(body["content"]);
      return {
        texts: [content.filter((block) => block["type"] === "text").map((block) => String(block["text"])).join("")],
        reasoning: content.filter((block) => block["type"] === "thinking").map((block) => String(block["thinking"])).join(""),
      };
    }
    case "gemini": {
      const parts = (candidate: Json) => array((candidate["content"] as Json)["parts"]);
      return {
        texts: array(body["candidates"]).map((candidate) => parts(candidate).filter((part) => part["thought"] !== true && typeof part["text"] === "string").map((part) => String(part["text"])).join("")),
        reasoning: array(body["candidates"]).flatMap(parts).filter((part) => part["thought"] === true).map((part) => String(part["text"])).join(""),
      };
    }
    default: {
      const unknown: never = format;
      throw new Error(`unknown format ${String(unknown)}`);
    }
  }
}

/** The text of a streamed recording, as its deltas add up. */
export function recordedStreamText(format: MockFormat, name: string): string {
  const events = sseData(read(format, name));
  switch (format) {
    case "openai":
      return events.map((event) => String((array(event["choices"])[0]?.["delta"] as Json | undefined)?.["content"] ?? "")).join("");
    case "anthropic":
      return events.filter((event) => event["type"] === "content_block_delta").map((event) => String((event["delta"] as Json)["text"] ?? "")).join("");
    case "gemini":
      return events.map((event) => array((array(event["candidates"])[0]?.["content"] as Json | undefined)?.["parts"]).map((part) => String(part["text"] ?? "")).join("")).join("");
    default: {
      const unknown: never = format;
      throw new Error(`unknown format ${String(unknown)}`);
    }
  }
}

/** The reasoning tokens an OpenAI recording reports. */
export function recordedReasoningTokens(name: string): number {
  const body = JSON.parse(read("openai", name)) as { usage: { completion_tokens_details: { reasoning_tokens: number } } };
  return body.usage.completion_tokens_details.reasoning_tokens;
}
