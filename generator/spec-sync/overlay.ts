// Overlays: our corrections to an upstream spec, one small action per fix.
//
// File format (YAML), documented for contributors in spec/README.md:
//
//   keep:                         # optional: what to slice out of upstream
//     operations:                 #   operations to keep, with what they reach
//       # why: <reason>
//       - { path: /v1/messages, method: post }
//     schemas:                    #   components kept although no operation reaches them
//       # why: <reason>
//       - MessageStreamEvent
//   actions:                      # applied in order, after slicing and the generic transforms
//     # why: <reason>
//     - set: /json/pointer        # create or replace; a final "-" appends to an array
//       value: <any>
//     # why: <reason>
//     - merge: /json/pointer      # deep-merge objects (arrays and scalars are replaced)
//       value: { ... }
//     # why: <reason>
//     - remove: /json/pointer     # delete a key or array element (must exist)
//     # why: <reason>
//     - rename: /json/pointer     # rename a key in place, keeping its position
//       to: newName
//     # why: <reason>
//     - pull: /json/pointer       # remove every array element equal to value (one must match)
//       value: <any>
//     # why: <reason>
//     - test: /json/pointer       # change nothing; fail unless the value there equals value
//       value: <any>              #   (guards a later action that addresses an array index)
//     # why: <reason>
//     - move: /json/pointer       # move a node to another place (its parent must exist, the
//       to: /json/pointer         #   place must be free): lifts an inline schema into components
//     # why: <reason>
//     - copy: /json/pointer       # as move, but the node stays where it was too (a second
//       to: /json/pointer         #   operation that takes the same request, say)
//
// Every entry of `keep` and `actions` needs a `# why: ...` comment on the line
// directly above it; loading fails otherwise. Actions that find nothing to do
// fail too, so an upstream fix shows up as an overlay entry to delete.

import { isDeepStrictEqual } from "node:util";
import YAML, { isMap, isSeq, type Node } from "yaml";
import { isObject, parsePointer, type JsonObject } from "./walk.js";
import type { OperationRef } from "./slice.js";

export type OverlayAction =
  | { set: string; value: unknown }
  | { merge: string; value: JsonObject }
  | { remove: string }
  | { rename: string; to: string }
  | { pull: string; value: unknown }
  | { test: string; value: unknown }
  | { move: string; to: string }
  | { copy: string; to: string };

export interface Overlay {
  keep: { operations: OperationRef[]; schemas: string[] };
  actions: OverlayAction[];
}

const ACTION_KINDS = ["set", "merge", "remove", "rename", "pull", "test", "move", "copy"] as const;

/** Parses an overlay file, checking its shape and that every entry carries a `# why:` comment. */
export function parseOverlay(source: string, fileName = "overlay"): Overlay {
  const document = YAML.parseDocument(source, { prettyErrors: true });
  if (document.errors.length > 0) throw new Error(`${fileName}: ${document.errors[0]?.message}`);
  const lineStarts = [0];
  for (let index = 0; index < source.length; index++) if (source[index] === "\n") lineStarts.push(index + 1);
  const lines = source.split("\n");
  const lineOf = (offset: number): number => {
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] as number) <= offset) line++;
    return line;
  };
  const requireWhy = (node: Node | null | undefined, label: string): void => {
    if (!node?.range) return;
    const line = lineOf(node.range[0]);
    const above = (lines[line - 1] ?? "").trim();
    if (!/^#\s*why:\s*\S/.test(above)) {
      throw new Error(`${fileName}:${line + 1}: ${label} needs a "# why: <reason>" comment on the line above`);
    }
  };
  const checkSeq = (path: string[], label: string): void => {
    const seq = document.getIn(path, true);
    if (seq === undefined || seq === null) return;
    if (!isSeq(seq)) throw new Error(`${fileName}: ${path.join(".")} must be a list`);
    seq.items.forEach((item, index) => requireWhy(item as Node, `${label} #${index + 1}`));
  };
  checkSeq(["keep", "operations"], "keep.operations entry");
  checkSeq(["keep", "schemas"], "keep.schemas entry");
  checkSeq(["actions"], "action");
  if (document.contents !== null && !isMap(document.contents)) throw new Error(`${fileName}: expected a mapping`);

  const raw = (document.toJS() ?? {}) as JsonObject;
  const unknownKeys = Object.keys(raw).filter((key) => key !== "keep" && key !== "actions");
  if (unknownKeys.length > 0) throw new Error(`${fileName}: unknown top-level key(s) ${unknownKeys.join(", ")}`);
  const keep = isObject(raw["keep"]) ? raw["keep"] : {};
  const operations = (Array.isArray(keep["operations"]) ? keep["operations"] : []).map((entry, index) => {
    if (!isObject(entry) || typeof entry["path"] !== "string" || typeof entry["method"] !== "string") {
      throw new Error(`${fileName}: keep.operations #${index + 1} needs string path and method`);
    }
    return { path: entry["path"], method: entry["method"].toLowerCase() };
  });
  const schemas = (Array.isArray(keep["schemas"]) ? keep["schemas"] : []).map(String);
  const actions = (Array.isArray(raw["actions"]) ? raw["actions"] : []).map((entry, index) =>
    checkAction(entry, `${fileName}: action #${index + 1}`),
  );
  return { keep: { operations, schemas }, actions };
}

function checkAction(entry: unknown, label: string): OverlayAction {
  if (!isObject(entry)) throw new Error(`${label} must be a mapping`);
  const kinds = ACTION_KINDS.filter((kind) => kind in entry);
  if (kinds.length !== 1) throw new Error(`${label} needs exactly one of ${ACTION_KINDS.join(", ")}`);
  const kind = kinds[0] as (typeof ACTION_KINDS)[number];
  if (typeof entry[kind] !== "string") throw new Error(`${label}: ${kind} takes a JSON pointer string`);
  const allowed: Record<typeof kind, string[]> = {
    set: ["value"],
    merge: ["value"],
    remove: [],
    rename: ["to"],
    pull: ["value"],
    test: ["value"],
    move: ["to"],
    copy: ["to"],
  };
  for (const key of Object.keys(entry)) {
    if (key !== kind && !allowed[kind].includes(key)) throw new Error(`${label}: unexpected key ${key}`);
  }
  for (const key of allowed[kind]) if (!(key in entry)) throw new Error(`${label}: ${kind} needs ${key}`);
  if (kind === "merge" && !isObject(entry["value"])) throw new Error(`${label}: merge value must be a mapping`);
  if ((kind === "rename" || kind === "move" || kind === "copy") && typeof entry["to"] !== "string") throw new Error(`${label}: ${kind}.to must be a string`);
  return entry as OverlayAction;
}

type Container = JsonObject | unknown[];

function resolve(doc: JsonObject, tokens: readonly string[], pointer: string): unknown {
  let current: unknown = doc;
  for (const token of tokens) {
    if (Array.isArray(current)) current = current[arrayIndex(current, token, pointer)];
    else if (isObject(current) && Object.hasOwn(current, token)) current = current[token];
    else throw new Error(`${pointer}: nothing at "${token}"`);
  }
  return current;
}

function arrayIndex(array: readonly unknown[], token: string, pointer: string): number {
  if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= array.length) {
    throw new Error(`${pointer}: no array element "${token}"`);
  }
  return Number(token);
}

function parentOf(doc: JsonObject, pointer: string): { parent: Container; token: string } {
  const tokens = parsePointer(pointer);
  const token = tokens.pop();
  if (token === undefined) throw new Error(`cannot target the document root`);
  const parent = resolve(doc, tokens, pointer);
  if (!Array.isArray(parent) && !isObject(parent)) throw new Error(`${pointer}: parent is not a container`);
  return { parent, token };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function deepMerge(target: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    const existing = target[key];
    if (isObject(existing) && isObject(value)) deepMerge(existing, value);
    else target[key] = clone(value);
  }
}

/** Applies one action to `doc` in place; throws when the action does not fit the document. */
export function applyAction(doc: JsonObject, action: OverlayAction): void {
  if ("set" in action) {
    const { parent, token } = parentOf(doc, action.set);
    if (Array.isArray(parent)) {
      if (token === "-") parent.push(clone(action.value));
      else parent[arrayIndex(parent, token, action.set)] = clone(action.value);
    } else {
      parent[token] = clone(action.value);
    }
  } else if ("merge" in action) {
    const { parent, token } = parentOf(doc, action.merge);
    const target = Array.isArray(parent) ? parent[arrayIndex(parent, token, action.merge)] : parent[token];
    if (target === undefined && !Array.isArray(parent)) parent[token] = clone(action.value);
    else if (isObject(target)) deepMerge(target, action.value);
    else throw new Error(`${action.merge}: merge target is not a mapping`);
  } else if ("remove" in action) {
    const { parent, token } = parentOf(doc, action.remove);
    if (Array.isArray(parent)) parent.splice(arrayIndex(parent, token, action.remove), 1);
    else if (Object.hasOwn(parent, token)) delete parent[token];
    else throw new Error(`${action.remove}: nothing to remove`);
  } else if ("rename" in action) {
    const { parent, token } = parentOf(doc, action.rename);
    if (Array.isArray(parent) || !Object.hasOwn(parent, token)) throw new Error(`${action.rename}: no key to rename`);
    if (Object.hasOwn(parent, action.to)) throw new Error(`${action.rename}: ${action.to} already exists`);
    const entries = Object.entries(parent).map(([key, value]) => [key === token ? action.to : key, value] as const);
    for (const key of Object.keys(parent)) delete parent[key];
    for (const [key, value] of entries) parent[key] = value;
  } else if ("move" in action || "copy" in action) {
    const from = "move" in action ? action.move : action.copy;
    const value = resolve(doc, parsePointer(from), from);
    const target = parentOf(doc, action.to);
    if (Array.isArray(target.parent) || Object.hasOwn(target.parent, target.token)) {
      throw new Error(`${from}: cannot ${"move" in action ? "move" : "copy"} to ${action.to} (not a free key of a mapping)`);
    }
    if ("move" in action) applyAction(doc, { remove: from });
    target.parent[target.token] = "move" in action ? value : clone(value);
  } else if ("test" in action) {
    const actual = resolve(doc, parsePointer(action.test), action.test);
    if (!isDeepStrictEqual(actual, action.value)) {
      throw new Error(`${action.test}: expected ${JSON.stringify(action.value)}, found ${JSON.stringify(actual)}`);
    }
  } else {
    const target = resolve(doc, parsePointer(action.pull), action.pull);
    if (!Array.isArray(target)) throw new Error(`${action.pull}: pull target is not an array`);
    const kept = target.filter((item) => !isDeepStrictEqual(item, action.value));
    if (kept.length === target.length) throw new Error(`${action.pull}: no element equals ${JSON.stringify(action.value)}`);
    target.splice(0, target.length, ...kept);
  }
}

/** Applies every action in order; an error names the failing action. */
export function applyOverlay(doc: JsonObject, overlay: Overlay, fileName = "overlay"): void {
  overlay.actions.forEach((action, index) => {
    try {
      applyAction(doc, action);
    } catch (error) {
      throw new Error(`${fileName}: action #${index + 1} failed: ${(error as Error).message}`);
    }
  });
}
