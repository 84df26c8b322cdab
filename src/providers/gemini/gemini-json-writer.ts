// Writes one JSON object as text, piece by piece, from values addressed by JSON Path (RFC 9535,
// the `$.a.b[0]` subset Gemini uses in `functionCall.partialArgs`). Each call returns the text it
// adds, so a caller can stream it as `function.arguments` fragments that concatenate to the whole
// document. Pieces arrive in document order (the model writes its arguments front to back); a path
// that goes back into a container already closed cannot be written in order and is reported.

type Segment = string | number;

interface Frame {
  kind: "object" | "array";
  /** The segment this container sits at in its parent (undefined for the root). */
  at: Segment | undefined;
  /** Members written so far (for commas, and array indexes). */
  count: number;
  /** An object's keys written so far: writing one again would make a duplicate key, which JSON parsers resolve by dropping one. */
  keys: Set<string>;
}

export class JsonPathWriter {
  private readonly frames: Frame[] = [{ kind: "object", at: undefined, count: 0, keys: new Set() }];
  /** The path of the string value still open (its closing quote not written yet). */
  private openString: Segment[] | undefined;
  private started = false;
  private closed = false;
  /** Paths that could not be written in order; the caller reports them. */
  readonly outOfOrder: string[] = [];

  /** Text written so far is a complete document only after `close()`. */
  get hasContent(): boolean {
    return this.started;
  }

  /** A complete JSON value (number, boolean, null, or an object/array already whole) at `path`. */
  value(path: string, value: unknown): string {
    const segments = parsePath(path);
    if (segments === undefined) return this.reject(path);
    return this.write(segments, JSON.stringify(value), false);
  }

  /** A piece of a string value at `path`; `continues` says more pieces of the same string follow. */
  stringPiece(path: string, piece: string, continues: boolean): string {
    const segments = parsePath(path);
    if (segments === undefined) return this.reject(path);
    const escaped = JSON.stringify(piece).slice(1, -1);
    if (this.openString !== undefined && samePath(this.openString, segments)) {
      if (continues) return escaped;
      this.openString = undefined;
      return `${escaped}"`;
    }
    const text = this.write(segments, `"${escaped}`, true);
    if (!continues && this.openString !== undefined) {
      this.openString = undefined;
      return `${text}"`;
    }
    return text;
  }

  /** Closes everything still open; the text written in total is then one JSON object. */
  close(): string {
    if (this.closed) return "";
    this.closed = true;
    let text = this.started ? "" : "{";
    text += this.closeString();
    while (this.frames.length > 0) text += this.frames.pop()?.kind === "array" ? "]" : "}";
    return text;
  }

  private reject(path: string): string {
    this.outOfOrder.push(path);
    return "";
  }

  private write(segments: Segment[], valueText: string, opensString: boolean): string {
    if (this.closed || segments.length === 0) return this.reject(formatPath(segments));
    let text = this.started ? "" : "{";
    this.started = true;
    text += this.closeString();
    // The containers the new value needs that are open already (root excluded: frames[0]).
    let shared = 0;
    while (shared < segments.length - 1 && shared + 1 < this.frames.length) {
      const frame = this.frames[shared + 1] as Frame;
      const wanted = containerFor(segments[shared + 1] as Segment);
      if (frame.at !== segments[shared] || frame.kind !== wanted) break;
      shared++;
    }
    while (this.frames.length > shared + 1) text += this.frames.pop()?.kind === "array" ? "]" : "}";
    for (let depth = shared; depth < segments.length; depth++) {
      const parent = this.frames[this.frames.length - 1] as Frame;
      const segment = segments[depth] as Segment;
      const member = this.member(parent, segment);
      if (member === undefined) return text + this.reject(formatPath(segments));
      text += member;
      if (depth === segments.length - 1) {
        text += valueText;
        if (opensString) this.openString = segments;
      } else {
        const kind = containerFor(segments[depth + 1] as Segment);
        text += kind === "array" ? "[" : "{";
        this.frames.push({ kind, at: segment, count: 0, keys: new Set() });
      }
    }
    return text;
  }

  /** The separator and key (or null fillers, for a skipped array index) before a new member. */
  private member(parent: Frame, segment: Segment): string | undefined {
    if (parent.kind === "object") {
      if (typeof segment !== "string" || parent.keys.has(segment)) return undefined;
      parent.keys.add(segment);
      const text = `${parent.count > 0 ? "," : ""}${JSON.stringify(segment)}:`;
      parent.count++;
      return text;
    }
    if (typeof segment !== "number" || segment < parent.count) return undefined;
    let text = "";
    while (parent.count < segment) {
      text += parent.count > 0 ? ",null" : "null";
      parent.count++;
    }
    text += parent.count > 0 ? "," : "";
    parent.count++;
    return text;
  }

  private closeString(): string {
    if (this.openString === undefined) return "";
    this.openString = undefined;
    return '"';
  }
}

function containerFor(next: Segment): Frame["kind"] {
  return typeof next === "number" ? "array" : "object";
}

function samePath(a: readonly Segment[], b: readonly Segment[]): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

/** `$.a.b[0]`, `$['a b'][2]` -> segments; undefined for a path outside that subset. */
export function parsePath(path: string): Segment[] | undefined {
  if (!path.startsWith("$")) return undefined;
  const segments: Segment[] = [];
  const pattern = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/y;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const start = pattern.lastIndex;
    const match = pattern.exec(path);
    if (match === null || pattern.lastIndex === start) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push((match[3] ?? match[4] ?? "").replace(/\\(.)/g, "$1"));
  }
  return segments;
}

function formatPath(segments: readonly Segment[]): string {
  return `$${segments.map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${segment}`)).join("")}`;
}
