import { describe, expect, it } from "vitest";
import { applyAction, parseOverlay, type OverlayAction } from "../../generator/spec-sync/overlay.js";
import { headerComment, serializeSpec } from "../../generator/spec-sync/output.js";
import { deriveSpec } from "../../generator/spec-sync/pipeline.js";
import { collectRefs, sliceDocument } from "../../generator/spec-sync/slice.js";
import {
  collapseSingleComposition,
  convertExclusiveBounds,
  convertNullableSchema,
  convertRecursiveRefs,
  dropInapplicableItems,
  firstParagraph,
  hoistBranchDescription,
  normalizeSchemas,
  stripProse,
} from "../../generator/spec-sync/transforms.js";
import type { JsonObject } from "../../generator/spec-sync/walk.js";

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });

describe("convertNullableSchema", () => {
  const cases: Array<[string, JsonObject, JsonObject]> = [
    ["adds null to a single type", { type: "string", nullable: true }, { type: ["string", "null"] }],
    ["adds null to a type list once", { type: ["string", "null"], nullable: true }, { type: ["string", "null"] }],
    [
      "adds null to the enum of a typed schema",
      { type: "string", enum: ["a", "b"], nullable: true },
      { type: ["string", "null"], enum: ["a", "b", null] },
    ],
    ["wraps a $ref in anyOf", { $ref: "#/x", nullable: true }, { anyOf: [{ $ref: "#/x" }, { type: "null" }] }],
    [
      "wraps a typeless schema but keeps annotations outside",
      { title: "T", default: null, allOf: [ref("A")], nullable: true },
      { title: "T", default: null, anyOf: [{ allOf: [ref("A")] }, { type: "null" }] },
    ],
    [
      "appends a null branch to a bare anyOf",
      { anyOf: [ref("A"), ref("B")], nullable: true },
      { anyOf: [ref("A"), ref("B"), { type: "null" }] },
    ],
    [
      "wraps a oneOf with its discriminator inside",
      { oneOf: [ref("A")], discriminator: { propertyName: "type" }, nullable: true },
      { anyOf: [{ oneOf: [ref("A")], discriminator: { propertyName: "type" } }, { type: "null" }] },
    ],
    ["drops nullable: false", { type: "integer", nullable: false }, { type: "integer" }],
    ["leaves a schema without nullable alone", { type: "integer" }, { type: "integer" }],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    const node = structuredClone(input);
    convertNullableSchema(node);
    expect(node).toEqual(expected);
  });
});

describe("other schema rewrites", () => {
  const cases: Array<[string, (node: JsonObject) => void, JsonObject, JsonObject]> = [
    ["boolean exclusiveMinimum true -> number", convertExclusiveBounds, { minimum: 0, exclusiveMinimum: true }, { exclusiveMinimum: 0 }],
    ["boolean exclusiveMaximum false is dropped", convertExclusiveBounds, { maximum: 2, exclusiveMaximum: false }, { maximum: 2 }],
    ["numeric exclusiveMinimum stays", convertExclusiveBounds, { exclusiveMinimum: 1 }, { exclusiveMinimum: 1 }],
    ["single allOf collapses to its member", collapseSingleComposition, { allOf: [ref("A")] }, ref("A")],
    ["nested single compositions collapse", collapseSingleComposition, { oneOf: [{ allOf: [ref("A")] }] }, ref("A")],
    ["a composition with siblings stays", collapseSingleComposition, { readOnly: true, allOf: [ref("A")] }, { readOnly: true, allOf: [ref("A")] }],
    ["two branches stay", collapseSingleComposition, { oneOf: [ref("A"), ref("B")] }, { oneOf: [ref("A"), ref("B")] }],
    ["items on a string is dropped", dropInapplicableItems, { type: "string", items: { type: "string" } }, { type: "string" }],
    ["items on an array stays", dropInapplicableItems, { type: ["array", "null"], items: {} }, { type: ["array", "null"], items: {} }],
  ];
  it.each(cases)("%s", (_name, transform, input, expected) => {
    const node = structuredClone(input);
    transform(node);
    expect(node).toEqual(expected);
  });

  it("turns $recursiveRef into a $ref to the anchored component", () => {
    const doc: JsonObject = {
      components: { schemas: { Tree: { $recursiveAnchor: true, type: "object", properties: { kids: { type: "array", items: { $recursiveRef: "#" } } } } } },
    };
    convertRecursiveRefs(doc);
    expect(doc).toEqual({
      components: { schemas: { Tree: { type: "object", properties: { kids: { type: "array", items: { $ref: "#/components/schemas/Tree" } } } } } },
    });
  });

  it("rewrites nested schemas and moves a 3.0 document to 3.1", () => {
    const doc: JsonObject = {
      openapi: "3.0.3",
      components: { schemas: { A: { type: "object", properties: { n: { type: "number", nullable: true, minimum: 0, exclusiveMinimum: true } } } } },
    };
    normalizeSchemas(doc);
    expect(doc).toEqual({
      openapi: "3.1.0",
      components: { schemas: { A: { type: "object", properties: { n: { type: ["number", "null"], exclusiveMinimum: 0 } } } } },
    });
  });
});

describe("stripProse", () => {
  it("removes prose keywords but not properties that share their names", () => {
    const doc: JsonObject = {
      info: { title: "T", version: "1", description: "long", "x-logo": {} },
      paths: {
        "/a": {
          summary: "path summary",
          post: {
            summary: "Create a",
            description: "text",
            externalDocs: { url: "https://x" },
            "x-oaiMeta": { name: "a" },
            responses: {
              "200": {
                description: "OK.\n\nMore text.",
                headers: { "x-request-id": { description: "id", schema: { type: "string" } } },
                content: { "application/json": { example: { a: 1 }, schema: ref("A") } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          A: {
            type: "object",
            description: "an A",
            example: { description: "kept?" },
            "x-stainless-const": true,
            properties: { description: { type: "string", description: "the description field" }, example: {} },
            required: ["description"],
            enum: [{ description: "data" }],
          },
        },
      },
    };
    stripProse(doc);
    expect(doc).toEqual({
      info: { title: "T", version: "1" },
      paths: {
        "/a": {
          post: {
            summary: "Create a",
            responses: {
              "200": {
                description: "OK.",
                headers: { "x-request-id": { schema: { type: "string" } } },
                content: { "application/json": { schema: ref("A") } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          A: {
            type: "object",
            properties: { description: { type: "string" }, example: {} },
            required: ["description"],
            enum: [{ description: "data" }],
          },
        },
      },
    });
  });
});

describe("kept descriptions (the unified spec)", () => {
  it("keeps a schema description's first paragraph and strips the rest of the prose", () => {
    const doc: JsonObject = {
      info: { title: "T", version: "1", description: "about the API" },
      paths: { "/a": { post: { description: "op text", responses: { "200": { description: "OK.\n\nMore." } } } } },
      components: {
        schemas: {
          A: {
            type: "object",
            description: "What sampling temperature to use.\nHigher is more random.\n\nLong example that stays upstream.",
            properties: {
              n: { type: "integer", description: "\n\nSee [the guide](/docs/guides/text).\n\nMore." },
              blank: { type: "string", description: "   " },
            },
          },
        },
      },
    };
    stripProse(doc, { keepDescriptions: true });
    expect(doc).toEqual({
      info: { title: "T", version: "1" },
      paths: { "/a": { post: { responses: { "200": { description: "OK." } } } } },
      components: {
        schemas: {
          A: {
            type: "object",
            description: "What sampling temperature to use. Higher is more random.",
            properties: {
              n: { type: "integer", description: "See [the guide](https://platform.openai.com/docs/guides/text)." },
              blank: { type: "string" },
            },
          },
        },
      },
    });
  });

  it.each([
    ["one paragraph", "a\nb", "a b"],
    ["stops at the first blank line", "a\n\nb", "a"],
    ["skips leading blank lines", "\n  \na", "a"],
    ["absolute links stay", "[x](https://example.com/y)", "[x](https://example.com/y)"],
    ["site-relative links become absolute", "[x](/docs/models)", "[x](https://platform.openai.com/docs/models)"],
  ])("firstParagraph: %s", (_name, input, expected) => {
    expect(firstParagraph(input)).toBe(expected);
  });

  it.each<[string, JsonObject, JsonObject]>([
    [
      "moves the only non-null branch's description up (so `temperature` gets JSDoc)",
      { anyOf: [{ type: "number", description: "D" }, { type: "null" }] },
      { description: "D", anyOf: [{ type: "number" }, { type: "null" }] },
    ],
    [
      "leaves a node that has its own description",
      { description: "own", anyOf: [{ type: "number", description: "D" }, { type: "null" }] },
      { description: "own", anyOf: [{ type: "number", description: "D" }, { type: "null" }] },
    ],
    [
      "leaves two meaningful branches alone",
      { anyOf: [{ type: "number", description: "D" }, { type: "string", description: "E" }] },
      { anyOf: [{ type: "number", description: "D" }, { type: "string", description: "E" }] },
    ],
  ])("hoistBranchDescription: %s", (_name, input, expected) => {
    const node = structuredClone(input);
    hoistBranchDescription(node);
    expect(node).toEqual(expected);
  });

  it("collapses a single composition beside a kept description, keeping the description", () => {
    const node: JsonObject = { description: "outer", allOf: [{ ...ref("A"), description: "inner" }] };
    collapseSingleComposition(node);
    expect(node).toEqual({ ...ref("A"), description: "outer" });
  });
});

function sampleDoc(): JsonObject {
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    security: [{ Key: [] }],
    tags: [{ name: "Chat" }, { name: "Files" }],
    paths: {
      "/chat": {
        parameters: [{ $ref: "#/components/parameters/Trace" }],
        get: { responses: { "200": { description: "x", content: { "application/json": { schema: ref("Unused") } } } } },
        post: {
          tags: ["Chat"],
          requestBody: { content: { "application/json": { schema: ref("Request") } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: ref("Event") } } } },
        },
      },
      "/files": { post: { tags: ["Files"], responses: { "200": { description: "ok" } } } },
    },
    webhooks: { ping: {} },
    components: {
      parameters: { Trace: { name: "trace", in: "header", schema: ref("TraceId") }, Other: { name: "o", in: "query" } },
      schemas: {
        Unused: { type: "string" },
        Request: { type: "object", properties: { messages: { type: "array", items: ref("Message") } } },
        Message: { oneOf: [ref("User"), ref("Bot")], discriminator: { propertyName: "role", mapping: { user: "#/components/schemas/User", bot: "#/components/schemas/Bot" } } },
        User: { type: "object", properties: { reply: ref("Message") } },
        Bot: { type: "object" },
        Event: { type: "object" },
        StreamEvent: { oneOf: [ref("Delta")] },
        Delta: { type: "object" },
        TraceId: { type: "string" },
      },
      securitySchemes: { Key: { type: "http", scheme: "bearer" }, Admin: { type: "http", scheme: "bearer" } },
    },
  };
}

describe("sliceDocument", () => {
  const componentNames = (doc: JsonObject): Record<string, string[]> =>
    Object.fromEntries(Object.entries(doc["components"] as JsonObject).map(([kind, group]) => [kind, Object.keys(group as JsonObject)]));

  const cases: Array<[string, Parameters<typeof sliceDocument>[1], Record<string, string[]>]> = [
    [
      "keeps what the operation reaches, through path parameters, mappings and cycles",
      { operations: [{ path: "/chat", method: "post" }] },
      {
        parameters: ["Trace"],
        schemas: ["Request", "Message", "User", "Bot", "Event", "TraceId"],
        securitySchemes: ["Key"],
      },
    ],
    [
      "adds extra root schemas and what they reach",
      { operations: [{ path: "/chat", method: "post" }], schemas: ["StreamEvent"] },
      {
        parameters: ["Trace"],
        schemas: ["Request", "Message", "User", "Bot", "Event", "StreamEvent", "Delta", "TraceId"],
        securitySchemes: ["Key"],
      },
    ],
  ];
  it.each(cases)("%s", (_name, roots, expected) => {
    const sliced = sliceDocument(sampleDoc(), roots);
    expect(componentNames(sliced)).toEqual(expected);
    expect(Object.keys(sliced["paths"] as JsonObject)).toEqual(["/chat"]);
    expect(Object.keys((sliced["paths"] as JsonObject)["/chat"] as JsonObject)).toEqual(["parameters", "post"]);
    expect(sliced["tags"]).toEqual([{ name: "Chat" }]);
    expect(sliced["webhooks"]).toBeUndefined();
  });

  it("fails on a missing operation and on a dangling reference", () => {
    expect(() => sliceDocument(sampleDoc(), { operations: [{ path: "/nope", method: "post" }] })).toThrow(/not found/);
    const broken = sampleDoc();
    ((broken["components"] as JsonObject)["schemas"] as JsonObject)["Event"] = ref("Missing");
    expect(() => sliceDocument(broken, { operations: [{ path: "/chat", method: "post" }] })).toThrow(/dangling reference to schemas\/Missing/);
  });

  it("collects refs from schemas and discriminator mappings, not from data", () => {
    const refs = collectRefs({
      oneOf: [ref("A")],
      discriminator: { propertyName: "t", mapping: { b: "#/components/schemas/B" } },
      example: { $ref: "#/components/schemas/NotARef" },
    });
    expect(refs.sort()).toEqual(["#/components/schemas/A", "#/components/schemas/B"]);
  });
});

describe("overlay actions", () => {
  const base = (): JsonObject => ({ a: { b: [1, 2, 3], c: { d: 1, e: 2 }, f: "x" }, list: ["model", "contents"] });
  const cases: Array<[string, OverlayAction, JsonObject]> = [
    ["set replaces in place", { set: "/a/f", value: "y" }, { a: { b: [1, 2, 3], c: { d: 1, e: 2 }, f: "y" }, list: ["model", "contents"] }],
    ["set creates a key", { set: "/a/g", value: { h: 1 } }, { a: { b: [1, 2, 3], c: { d: 1, e: 2 }, f: "x", g: { h: 1 } }, list: ["model", "contents"] }],
    ["set with - appends", { set: "/a/b/-", value: 4 }, { a: { b: [1, 2, 3, 4], c: { d: 1, e: 2 }, f: "x" }, list: ["model", "contents"] }],
    ["merge is deep", { merge: "/a", value: { c: { e: 3, z: 0 } } }, { a: { b: [1, 2, 3], c: { d: 1, e: 3, z: 0 }, f: "x" }, list: ["model", "contents"] }],
    ["remove deletes a key", { remove: "/a/c" }, { a: { b: [1, 2, 3], f: "x" }, list: ["model", "contents"] }],
    ["remove deletes an element", { remove: "/a/b/0" }, { a: { b: [2, 3], c: { d: 1, e: 2 }, f: "x" }, list: ["model", "contents"] }],
    ["rename keeps the position", { rename: "/a/c/d", to: "dd" }, { a: { b: [1, 2, 3], c: { dd: 1, e: 2 }, f: "x" }, list: ["model", "contents"] }],
    ["pull removes equal elements", { pull: "/list", value: "model" }, { a: { b: [1, 2, 3], c: { d: 1, e: 2 }, f: "x" }, list: ["contents"] }],
    ["test passes on an equal value", { test: "/a/c", value: { d: 1, e: 2 } }, base()],
  ];
  it.each(cases)("%s", (_name, action, expected) => {
    const doc = base();
    applyAction(doc, action);
    expect(doc).toEqual(expected);
    expect(Object.keys(doc["a"] as JsonObject)).toEqual(Object.keys(expected["a"] as JsonObject));
  });

  const failures: Array<[string, OverlayAction, RegExp]> = [
    ["set under a missing parent", { set: "/nope/x", value: 1 }, /nothing at "nope"/],
    ["remove of a missing key", { remove: "/a/zz" }, /nothing to remove/],
    ["rename onto an existing key", { rename: "/a/c/d", to: "e" }, /already exists/],
    ["pull that matches nothing", { pull: "/list", value: "gone" }, /no element equals/],
    ["test on a different value", { test: "/a/f", value: "y" }, /expected "y", found "x"/],
    ["an index past the end", { set: "/a/b/7", value: 0 }, /no array element/],
  ];
  it.each(failures)("fails: %s", (_name, action, message) => {
    expect(() => applyAction(base(), action)).toThrow(message);
  });

  it("does not share inserted values between places", () => {
    const doc: JsonObject = { a: {}, b: {} };
    const value = { k: [1] };
    applyAction(doc, { set: "/a/v", value });
    applyAction(doc, { set: "/b/v", value });
    expect((doc["a"] as JsonObject)["v"]).not.toBe((doc["b"] as JsonObject)["v"]);
  });
});

describe("parseOverlay", () => {
  it("reads keep and actions when every entry has a why comment", () => {
    const overlay = parseOverlay(
      [
        "keep:",
        "  operations:",
        "    # why: chat",
        "    - { path: /chat, method: POST }",
        "  schemas:",
        "    # why: stream events",
        "    - StreamEvent",
        "actions:",
        "  # why: first",
        "  - set: /a",
        "    value: 1",
        "",
        "  # why: second",
        "  - remove: /b",
      ].join("\n"),
    );
    expect(overlay).toEqual({
      keep: { operations: [{ path: "/chat", method: "post" }], schemas: ["StreamEvent"] },
      actions: [{ set: "/a", value: 1 }, { remove: "/b" }],
    });
  });

  const rejected: Array<[string, string, RegExp]> = [
    ["an action without a why comment", "actions:\n  # why: ok\n  - remove: /a\n  - remove: /b\n", /action #2 needs a "# why: <reason>" comment/],
    ["a blank line between comment and entry", "actions:\n  # why: ok\n\n  - remove: /a\n", /action #1 needs/],
    ["an unknown action", "actions:\n  # why: ok\n  - replace: /a\n", /needs exactly one of/],
    ["a stray key", "actions:\n  # why: ok\n  - remove: /a\n    value: 1\n", /unexpected key value/],
    ["an unknown top-level key", "rules: []\n", /unknown top-level key/],
  ];
  it.each(rejected)("rejects %s", (_name, source, message) => {
    expect(() => parseOverlay(source)).toThrow(message);
  });
});

describe("deriveSpec and serializeSpec", () => {
  const overlaySource = [
    "keep:",
    "  operations:",
    "    # why: chat",
    "    - { path: /chat, method: post }",
    "  schemas:",
    "    # why: stream events",
    "    - StreamEvent",
    "actions:",
    "  # why: generator metadata",
    "  - set: /x-onellm",
    "    value: { provider: test, schemas: { request: Request, streamEvent: StreamEvent } }",
    "  # why: drop a parameter; its component must go too",
    "  - remove: /paths/~1chat/parameters",
  ].join("\n");

  it("slices, applies the overlay and prunes what nothing reaches any more", () => {
    const doc = deriveSpec(sampleDoc(), [{ file: "t.yaml", overlay: parseOverlay(overlaySource) }]);
    const components = doc["components"] as JsonObject;
    expect(components["parameters"]).toBeUndefined();
    expect(Object.keys(components["schemas"] as JsonObject)).toEqual(["Request", "Message", "User", "Bot", "Event", "StreamEvent", "Delta"]);
    expect((components["schemas"] as JsonObject)["StreamEvent"]).toEqual(ref("Delta"));
  });

  it("fails when x-onellm names a schema the slice does not hold", () => {
    const overlay = parseOverlay(overlaySource.replace("    # why: stream events\n    - StreamEvent\n", "").replace("  schemas:\n", ""));
    expect(overlay.keep.schemas).toEqual([]);
    expect(() => deriveSpec(sampleDoc(), [{ file: "t.yaml", overlay }])).toThrow(/names StreamEvent, which is not in components.schemas/);
  });

  it("writes the header, puts x-onellm after info and is byte-stable", () => {
    const source = { upstream: "../up/x.yaml", upstreamSha256: "abc", overlays: ["spec/overlays/x.yaml"] };
    const first = serializeSpec(deriveSpec(sampleDoc(), [{ file: "t.yaml", overlay: parseOverlay(overlaySource) }]), source);
    const second = serializeSpec(deriveSpec(sampleDoc(), [{ file: "t.yaml", overlay: parseOverlay(overlaySource) }]), source);
    expect(second).toBe(first);
    expect(first.startsWith(headerComment(source))).toBe(true);
    expect(headerComment(source)).toBe(
      "# Derived by npm run spec:sync from ../up/x.yaml (sha256 abc) + spec/overlays/x.yaml. Do not edit.\n",
    );
    expect(first.split("\n").slice(1, 6)).toEqual(["openapi: 3.1.0", "info:", "  title: T", '  version: "1"', "x-onellm:"]);
    expect(first).not.toMatch(/[&*]a\d/);
  });
});
