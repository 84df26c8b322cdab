import { describe, expect, it } from "vitest";
import { renderProviderTable, replaceTable, TABLE_END, TABLE_START } from "../../generator/readme-table.js";
import type { DialectDefinition } from "../../src/providers/openai-compatible/openai-compatible-dialect.js";
import type { DialectSurface } from "../../src/providers/openai-compatible/openai-compatible-surface.js";

const role = (fields: string[], parts: string[] = ["text"]) => ({ fields: ["role", ...fields], parts, strict: false });

const openai: DialectSurface = {
  source: "spec/providers/openai.yaml",
  strict: false,
  fields: ["model", "messages", "seed", "max_completion_tokens", "logprobs", "n", "stream_options"],
  roles: { developer: role(["content"]), system: role(["content"]), user: role(["content", "name"], ["text", "image_url", "input_audio"]) },
  enums: {},
  toolCallFields: [],
  partFields: [],
  toolFields: ["type", "function"],
};

const definition = (name: string, quirks: DialectDefinition["quirks"] = {}, nativeN = true): DialectDefinition => ({
  name,
  label: name.toUpperCase(),
  envPrefixes: [name.toUpperCase()],
  defaultBaseURL: `https://api.${name}.example/v1`,
  requiresApiKey: true,
  nativeN,
  client: "openai",
  surface: { spec: "openai" },
  quirks,
});

const acme: DialectSurface = {
  source: "https://docs.acme.example/chat",
  strict: true,
  fields: ["model", "messages", "random_seed", "max_tokens", "logprobs"],
  roles: { system: role(["content"]), user: role(["content"], ["text", "image_url"]) },
  enums: {},
  toolCallFields: [],
  partFields: [],
  toolFields: ["type", "function"],
};

function table(surface: DialectSurface): string {
  return renderProviderTable({
    reference: { definition: definition("openai"), surface: openai },
    passthrough: [],
    dialects: [{ definition: definition("acme", { usageAlwaysStreamed: true }, false), surface }],
  });
}

describe("README provider table", () => {
  it("shows each dialect's prefix, key, base URL, source and its native / renamed / emulated / unsupported fields", () => {
    const acmeRow = table(acme).split("\n").find((line) => line.startsWith("| ACME"));
    expect(acmeRow).toBe(
      "| ACME | `acme/` | `ACME_API_KEY` | `https://api.acme.example/v1` | [docs](https://docs.acme.example/chat) (strict: unknown fields refused) | `logprobs` | `seed` → `random_seed`, `max_completion_tokens` → `max_tokens`, role `developer` → `system` | `n` > 1 (parallel requests), `stream_options.include_usage` (usage always sent; delivered as asked) | `input_audio` parts |",
    );
  });

  it("changes when the surface does: a field the spec drops becomes unsupported", () => {
    const before = table(acme);
    const after = table({ ...acme, fields: acme.fields.filter((field) => field !== "logprobs") });
    expect(after).not.toBe(before);
    expect(after).toContain("| `logprobs`, `input_audio` parts |");
  });

  it("replaces only the text between the markers, and refuses a README without them", () => {
    const readme = `# x\n${TABLE_START}\nold\n${TABLE_END}\nafter\n`;
    expect(replaceTable(readme, "| new |")).toBe(`# x\n${TABLE_START}\n| new |\n${TABLE_END}\nafter\n`);
    expect(() => replaceTable("# no markers", "| new |")).toThrow(/provider table between/);
  });
});
