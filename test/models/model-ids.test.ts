import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import YAML from "yaml";
import { KNOWN_MODEL_IDS, type KnownModelId, type ModelId } from "../../src/models/model-ids.js";
import type { ChatCompletionCreateParams } from "../../src/types.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("known model ids", () => {
  it("lists only OpenAI models that OpenAI's own spec names", () => {
    const spec = YAML.parse(readFileSync(path.join(ROOT, "spec/unified/openapi.yaml"), "utf8")) as {
      components: { schemas: { ModelIdsShared: { anyOf: { enum?: string[] }[] } } };
    };
    const named = new Set(spec.components.schemas.ModelIdsShared.anyOf.flatMap((branch) => branch.enum ?? []));
    for (const id of KNOWN_MODEL_IDS["openai"] ?? []) expect(named, id).toContain(id);
  });

  it("names a provider onellm knows for every prefix", async () => {
    const { findProvider } = await import("../../src/providers/registry.js");
    for (const provider of Object.keys(KNOWN_MODEL_IDS)) expect(findProvider(provider), provider).toBeDefined();
  });

  it("types model as the known literals plus any string", () => {
    expectTypeOf<"anthropic/claude-sonnet-4-5">().toExtend<KnownModelId>();
    expectTypeOf<"gemini/gemini-2.5-flash">().toExtend<KnownModelId>();
    expectTypeOf<"together/meta-llama/Llama-3-70b">().toExtend<ModelId>();
    expectTypeOf<ChatCompletionCreateParams["model"]>().toEqualTypeOf<ModelId>();
  });
});
