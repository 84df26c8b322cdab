// What an editor shows a user of onellm, asked through the TypeScript language service (the engine
// behind VS Code's hovers and completions), over the real sources.
import { describe, expect, it } from "vitest";
import { probe } from "./language-service.js";

const header = `import OpenAI from "../../src/index.js";\nconst client = new OpenAI();\n`;

describe("editor experience", () => {
  it("hovering temperature in a create call shows its description", () => {
    const hover = probe(
      `${header}void client.chat.completions.create({ model: "gpt-4o", messages: [], temp/*|*/erature: 0.2 });\n`,
    ).hover();
    expect(hover).toContain("temperature");
    expect(hover).toContain("What sampling temperature to use, between 0 and 2");
  });

  it("completions for model include anthropic/ and google/ ids, and any string is still accepted", () => {
    const entries = probe(`${header}void client.chat.completions.create({ model: "/*|*/", messages: [] });\n`).completions();
    expect(entries).toContain("anthropic/claude-sonnet-4-5");
    expect(entries).toContain("google/gemini-2.5-flash");
    expect(entries).toContain("gpt-4o");
    expect(entries.some((name) => name.startsWith("groq/"))).toBe(true);
  }, 60_000);
});
