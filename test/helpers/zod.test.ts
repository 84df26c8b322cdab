import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toStrictJsonSchema } from "../../src/helpers/strict-json-schema.js";
import { zodFunction, zodResponseFormat } from "../../src/helpers/zod.js";
import { isAutoParsableResponseFormat, isAutoParsableTool } from "../../src/helpers/parser.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("zodResponseFormat", () => {
  it("makes a strict json_schema format whose parser is zod (hidden from the request body)", () => {
    const format = zodResponseFormat(z.object({ city: z.string(), units: z.enum(["c", "f"]).nullable() }), "location", { description: "Where" });
    expect(JSON.parse(JSON.stringify(format))).toEqual({
      type: "json_schema",
      json_schema: {
        description: "Where",
        name: "location",
        strict: true,
        schema: {
          type: "object",
          properties: { city: { type: "string" }, units: { anyOf: [{ type: "string", enum: ["c", "f"] }, { type: "null" }] } },
          required: ["city", "units"],
          additionalProperties: false,
        },
      },
    });
    expect(isAutoParsableResponseFormat(format)).toBe(true);
    expect(format.$parseRaw('{"city":"Paris","units":null}')).toEqual({ city: "Paris", units: null });
    expect(() => format.$parseRaw('{"city":1,"units":null}')).toThrow(z.ZodError);
  });

  it("refuses an optional field that is not nullable, as strict mode requires", () => {
    expect(() => zodResponseFormat(z.object({ a: z.string().optional() }), "x")).toThrow(/`properties\/a` uses `.optional\(\)` without `.nullable\(\)`/);
  });

  it("refuses a schema that is not zod 4", () => {
    expect(() => zodResponseFormat({ parse: () => 1 } as never, "x")).toThrow(/zod 4 schema/);
  });
});

describe("zodFunction", () => {
  it("makes a strict function tool that parses its arguments and keeps its function", () => {
    const fn = (args: { q: string }) => args.q;
    const tool = zodFunction({ name: "search", description: "Search", parameters: z.object({ q: z.string() }), function: fn });
    expect(JSON.parse(JSON.stringify(tool))).toEqual({
      type: "function",
      function: { name: "search", description: "Search", strict: true, parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"], additionalProperties: false } },
    });
    expect(isAutoParsableTool(tool)).toBe(true);
    expect(tool.$callback).toBe(fn);
    expect(tool.$parseRaw('{"q":"x"}')).toEqual({ q: "x" });
  });
});

describe("toStrictJsonSchema", () => {
  it("inlines a $ref with siblings and drops null defaults and $schema", () => {
    const strict = toStrictJsonSchema({
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { a: { $ref: "#/definitions/A", description: "an A" }, b: { type: ["string", "null"], default: null } },
      required: ["a"],
      definitions: { A: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } },
    });
    expect(strict).toEqual({
      type: "object",
      properties: {
        a: { description: "an A", type: "object", properties: { x: { type: "number" } }, required: ["x"], additionalProperties: false },
        b: { type: ["string", "null"] },
      },
      required: ["a", "b"],
      additionalProperties: false,
      definitions: { A: { type: "object", properties: { x: { type: "number" } }, required: ["x"], additionalProperties: false } },
    });
  });

  it("needs an object root", () => {
    expect(() => toStrictJsonSchema({ type: "string" })).toThrow("Root schema must have type: 'object' but got type: 'string'");
  });
});

describe("zod stays optional", () => {
  it("no module the main entry loads imports zod", () => {
    const seen = new Set<string>();
    const zodImports: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
      for (const { fileName } of importedFiles) {
        if (fileName === "zod" || fileName.startsWith("zod/")) zodImports.push(`${path.relative(ROOT, file)} -> ${fileName}`);
        if (!fileName.startsWith(".")) continue;
        visit(path.resolve(path.dirname(file), fileName).replace(/\.js$/, ".ts"));
      }
    };
    visit(path.join(ROOT, "src/index.ts"));
    expect(seen.size).toBeGreaterThan(20);
    expect(seen).toContain(path.join(ROOT, "src/chat-completions.ts"));
    expect(zodImports).toEqual([]);
    // ...while the zod subpath does import it, and package.json exports it as an optional peer.
    visit(path.join(ROOT, "src/helpers/zod.ts"));
    expect(zodImports).toEqual(["src/helpers/zod.ts -> zod/v4/core"]);
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Record<string, any>;
    expect(manifest["exports"]["./helpers/zod"]).toEqual({
      require: { types: "./dist/cjs/src/helpers/zod.d.cts", default: "./dist/cjs/helpers-zod.cjs" },
      default: { types: "./dist/src/helpers/zod.d.ts", default: "./dist/src/helpers/zod.js" },
    });
    expect(manifest["peerDependenciesMeta"]["zod"]).toEqual({ optional: true });
    expect(manifest["dependencies"]?.["zod"]).toBeUndefined();
  });
});
