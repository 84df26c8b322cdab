// The targets of the portability matrix: each provider's model, the Prism that validates its native
// request (started by test/helpers/global-setup.ts on its derived spec), the reasoning it replays
// (the `format` it produced) and the tool-call id rule it declares. Readers pull the tool-call ids
// and the signed reasoning out of each native body, so the matrix checks them per target.
import { ANTHROPIC_TOOL_CALL_ID } from "../../src/providers/anthropic/anthropic-tools.js";
import { BEDROCK_TOOL_CALL_ID } from "../../src/providers/bedrock/bedrock-tools.js";
import { DIALECTS, OPENAI_TOOL_CALL_ID } from "../../src/providers/openai-compatible/openai-compatible-dialects.js";
import type { ToolCallIdRule } from "../../src/providers/tool-call-ids.js";
import type { PrismName } from "../helpers/prism-urls.js";
import type { ProviderName } from "./matrix-sources.js";

type Json = Record<string, unknown>;
export type Family = "openai" | "anthropic" | "gemini" | "cohere" | "bedrock" | "ollama";

export interface Target {
  name: ProviderName;
  model: string;
  /** The Prism validating the native request; DeepSeek publishes no spec, so OpenAI's (whose dialect it speaks) and its declared surface. */
  prism: PrismName;
  family: Family;
  /** The producer this target replays reasoning of (`reasoning_details[].format`). */
  format?: string;
  idRule?: ToolCallIdRule;
}

const MISTRAL_ID = DIALECTS.find((dialect) => dialect.name === "mistral")!.quirks.toolCallId!;

export const TARGETS: readonly Target[] = [
  { name: "openai", model: "openai/gpt-4o", prism: "openai", family: "openai", idRule: OPENAI_TOOL_CALL_ID },
  { name: "anthropic", model: "anthropic/claude-sonnet-4-5", prism: "anthropic", family: "anthropic", format: "anthropic-claude-v1", idRule: ANTHROPIC_TOOL_CALL_ID },
  { name: "gemini", model: "google/gemini-3-flash-preview", prism: "gemini", family: "gemini", format: "google-gemini-v1" },
  { name: "groq", model: "groq/meta-llama/llama-4-scout-17b-16e-instruct", prism: "groq", family: "openai" },
  { name: "mistral", model: "mistral/mistral-medium-latest", prism: "mistral", family: "openai", idRule: MISTRAL_ID },
  { name: "deepseek", model: "deepseek/deepseek-chat", prism: "openai", family: "openai" },
  { name: "xai", model: "xai/grok-4", prism: "xai", family: "openai" },
  { name: "ollama", model: "ollama/qwen2.5vl", prism: "ollama", family: "ollama" },
  { name: "cohere", model: "cohere/command-a-vision-07-2025", prism: "cohere", family: "cohere", format: "cohere-v1" },
  { name: "bedrock", model: "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0", prism: "bedrock", family: "bedrock", format: "amazon-bedrock-v1", idRule: BEDROCK_TOOL_CALL_ID },
  { name: "vertex", model: "vertex/gemini-3-flash-preview", prism: "vertex", family: "gemini", format: "google-gemini-v1" },
  { name: "vertex-anthropic", model: "vertex-anthropic/claude-sonnet-4-5@20250929", prism: "vertex-anthropic", family: "anthropic", format: "anthropic-claude-v1", idRule: ANTHROPIC_TOOL_CALL_ID },
];

const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** The tool-call ids a native body sends: the calls' and the results' (which must answer a call). */
export function toolCallIds(family: Family, body: Json): { calls: string[]; results: string[] } {
  const calls: string[] = [];
  const results: string[] = [];
  switch (family) {
    case "openai":
    case "cohere":
      for (const message of asArray(body["messages"])) {
        for (const call of asArray(message["tool_calls"])) if (typeof call["id"] === "string") calls.push(call["id"]);
        if (typeof message["tool_call_id"] === "string") results.push(message["tool_call_id"]);
      }
      break;
    case "anthropic":
      for (const message of asArray(body["messages"])) {
        for (const block of asArray(message["content"])) {
          if (block["type"] === "tool_use") calls.push(String(block["id"]));
          if (block["type"] === "tool_result") results.push(String(block["tool_use_id"]));
        }
      }
      break;
    case "bedrock":
      for (const message of asArray(body["messages"])) {
        for (const block of asArray(message["content"])) {
          const use = block["toolUse"] as Json | undefined;
          const result = block["toolResult"] as Json | undefined;
          if (use !== undefined) calls.push(String(use["toolUseId"]));
          if (result !== undefined) results.push(String(result["toolUseId"]));
        }
      }
      break;
    case "gemini":
      for (const content of asArray(body["contents"])) {
        for (const part of asArray(content["parts"])) {
          const call = part["functionCall"] as Json | undefined;
          const response = part["functionResponse"] as Json | undefined;
          if (typeof call?.["id"] === "string") calls.push(call["id"]);
          if (typeof response?.["id"] === "string") results.push(response["id"]);
        }
      }
      break;
    case "ollama":
      // Ollama pairs results with calls by tool name; no ids are sent.
      break;
    default: {
      const unknown: never = family;
      throw new Error(`unknown family ${String(unknown)}`);
    }
  }
  return { calls, results };
}

/** Every string in a native body (to look for signatures and reasoning text wherever the translator put them). */
export function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (typeof value === "object" && value !== null) for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

/** The corruption that must make each target's Prism refuse (proof the validation can fail). */
export function corrupt(family: Family, body: Json): void {
  if (family === "gemini") body["contents"] = [{ role: "user", parts: [{ text: 42 }] }];
  else if (family === "bedrock") body["messages"] = [{ role: "user", content: [{ text: "hi", image: {} }] }];
  else body["messages"] = [{ role: "user", content: 42 }];
}
