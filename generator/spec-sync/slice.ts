// Slicing: keep the chosen operations and exactly the components they reach.

import { HTTP_METHODS, isObject, parseLocalRef, toPointer, walk, type JsonObject } from "./walk.js";

export interface OperationRef {
  path: string;
  method: string;
}

export interface SliceRoots {
  operations: readonly OperationRef[];
  /** Extra component schemas to keep even though no kept operation references them. */
  schemas?: readonly string[];
}

/** "components/<kind>/<name>" key used to track reachability. */
type ComponentKey = string;

function componentKey(kind: string, name: string): ComponentKey {
  return `${kind}\u0000${name}`;
}

function refTarget(ref: string): ComponentKey {
  const tokens = parseLocalRef(ref);
  const [root, kind, name] = tokens;
  if (root !== "components" || kind === undefined || name === undefined) {
    throw new Error(`$ref ${ref} does not point into components`);
  }
  return componentKey(kind, name);
}

/** Every local $ref (and discriminator mapping target) below `node`. */
export function collectRefs(node: unknown): string[] {
  const refs: string[] = [];
  walk(node, (object) => {
    if (typeof object["$ref"] === "string") refs.push(object["$ref"]);
    const discriminator = object["discriminator"];
    if (isObject(discriminator) && isObject(discriminator["mapping"])) {
      for (const target of Object.values(discriminator["mapping"])) {
        if (typeof target === "string" && target.startsWith("#")) refs.push(target);
      }
    }
  });
  return refs;
}

function securityNames(requirements: unknown): string[] {
  if (!Array.isArray(requirements)) return [];
  return requirements.filter(isObject).flatMap((requirement) => Object.keys(requirement));
}

function getComponent(doc: JsonObject, key: ComponentKey): unknown {
  const [kind, name] = key.split("\u0000") as [string, string];
  const components = doc["components"];
  if (!isObject(components)) return undefined;
  const group = components[kind];
  return isObject(group) ? group[name] : undefined;
}

/**
 * The set of components reachable from `roots` in `doc`: everything the kept
 * operations (and their path items) reference, transitively, plus the security
 * schemes named by the root or operation `security`.
 */
export function reachableComponents(doc: JsonObject, roots: SliceRoots): Set<ComponentKey> {
  const seen = new Set<ComponentKey>();
  const queue: ComponentKey[] = [];
  const enqueue = (key: ComponentKey, from: string): void => {
    if (seen.has(key)) return;
    if (getComponent(doc, key) === undefined) {
      throw new Error(`dangling reference to ${key.replace("\u0000", "/")} (from ${from})`);
    }
    seen.add(key);
    queue.push(key);
  };
  for (const name of securityNames(doc["security"])) enqueue(componentKey("securitySchemes", name), "/security");
  const paths = isObject(doc["paths"]) ? doc["paths"] : {};
  for (const { path, method } of roots.operations) {
    const pathItem = paths[path];
    if (!isObject(pathItem) || !isObject(pathItem[method])) {
      throw new Error(`operation ${method.toUpperCase()} ${path} not found`);
    }
    const from = toPointer(["paths", path, method]);
    for (const [key, value] of Object.entries(pathItem)) {
      if (key !== method && HTTP_METHODS.has(key)) continue;
      for (const ref of collectRefs(value)) enqueue(refTarget(ref), from);
    }
    for (const name of securityNames(pathItem[method]["security"])) {
      enqueue(componentKey("securitySchemes", name), from);
    }
  }
  for (const name of roots.schemas ?? []) enqueue(componentKey("schemas", name), "keep.schemas");
  while (queue.length > 0) {
    const key = queue.shift() as ComponentKey;
    for (const ref of collectRefs(getComponent(doc, key))) enqueue(refTarget(ref), key.replace("\u0000", "/"));
  }
  return seen;
}

/**
 * A new document holding only the chosen operations and the components they
 * reach. Root keys keep their source order; `webhooks` and unused `tags` go.
 */
export function sliceDocument(doc: JsonObject, roots: SliceRoots): JsonObject {
  const keep = reachableComponents(doc, roots);
  const out: JsonObject = {};
  const keptTags = new Set<string>();
  for (const [key, value] of Object.entries(doc)) {
    if (key === "webhooks") continue;
    if (key === "paths") {
      const paths: JsonObject = {};
      for (const { path, method } of roots.operations) {
        const source = (value as JsonObject)[path] as JsonObject;
        const item: JsonObject = (paths[path] as JsonObject | undefined) ?? {};
        for (const [itemKey, itemValue] of Object.entries(source)) {
          if (HTTP_METHODS.has(itemKey) && itemKey !== method) continue;
          item[itemKey] = itemValue;
          if (itemKey === method && isObject(itemValue) && Array.isArray(itemValue["tags"])) {
            for (const tag of itemValue["tags"]) keptTags.add(String(tag));
          }
        }
        paths[path] = item;
      }
      out[key] = paths;
      continue;
    }
    if (key === "components" && isObject(value)) {
      const components: JsonObject = {};
      for (const [kind, group] of Object.entries(value)) {
        if (!isObject(group)) continue;
        const kept = Object.entries(group).filter(([name]) => keep.has(componentKey(kind, name)));
        if (kept.length > 0) components[kind] = Object.fromEntries(kept);
      }
      out[key] = components;
      continue;
    }
    out[key] = value;
  }
  if (Array.isArray(out["tags"])) {
    out["tags"] = out["tags"].filter((tag) => isObject(tag) && keptTags.has(String(tag["name"])));
    if ((out["tags"] as unknown[]).length === 0) delete out["tags"];
  }
  return out;
}

/**
 * Drops components nothing reaches any more (after an overlay removed a
 * reference) and fails on dangling references. Mutates `doc`.
 */
export function pruneUnreachable(doc: JsonObject, roots: SliceRoots): void {
  const keep = reachableComponents(doc, roots);
  const components = doc["components"];
  if (!isObject(components)) return;
  for (const [kind, group] of Object.entries(components)) {
    if (!isObject(group)) continue;
    for (const name of Object.keys(group)) {
      if (!keep.has(componentKey(kind, name))) delete group[name];
    }
    if (Object.keys(group).length === 0) delete components[kind];
  }
}
