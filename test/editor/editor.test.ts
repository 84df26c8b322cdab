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
    const anyString = probe(`${header}void client.chat.completions.create({ model: "together/meta-llama/Llama-3-70b", fallback_models: ["my-proxy/x"], messages: [] });\n`);
    expect(anyString.diagnostics()).toEqual([]);
  }, 60_000);
});

describe("JSDoc with examples", () => {
  const hoverAt = (code: string) => probe(`${header}${code}\n`).hover();

  it.each([
    ["create", `void client.chat.completions.cre/*|*/ate({ model: "gpt-4o", messages: [] });`, "fallback_models"],
    ["parse", `void client.chat.completions.par/*|*/se({ model: "gpt-4o", messages: [] });`, "zodResponseFormat"],
    ["stream", `void client.chat.completions.str/*|*/eam({ model: "gpt-4o", messages: [] });`, "content.delta"],
    ["runTools", `void client.chat.completions.runT/*|*/ools({ model: "gpt-4o", messages: [], tools: [] });`, "maxChatCompletions"],
  ])("%s shows its description and an example", (_name, code, mentioned) => {
    const hover = hoverAt(code);
    expect(hover).toContain("@example");
    expect(hover).toContain(mentioned);
  });

  it("client options explain themselves", () => {
    const hover = hoverAt(`new OpenAI({ logL/*|*/evel: "debug" });`);
    expect(hover).toContain("every request");
    expect(probe(`import OpenAI from "../../src/index.js";\nnew Open/*|*/AI();\n`).hover()).toContain("@example");
  });

  it("every exported error class, and Stream, has an example", async () => {
    const exported = await import("../../src/index.js");
    const classes = Object.keys(exported).filter((name) => name.endsWith("Error") && typeof (exported as Record<string, unknown>)[name] === "function");
    expect(classes.length).toBeGreaterThanOrEqual(20);
    for (const name of [...classes, "Stream"]) {
      const hover = probe(`import { ${name} } from "../../src/index.js";\nvoid ${name.slice(0, 3)}/*|*/${name.slice(3)};\n`).hover();
      expect(hover, name).toContain("@example");
    }
  });
});
