// Parses the prefix of a JSON document that is still streaming in, for the `parsed` preview a
// stream shows while a structured answer or tool arguments arrive: `{"city": "San Fr` gives
// `{ city: "San Fr" }`. An unfinished string is kept as far as it goes; an unfinished number,
// literal or key is left out (a half number would be a wrong number). The final value is always
// parsed again, strictly, when the answer is complete.

class Incomplete extends Error {
  constructor(readonly partial: unknown = undefined) {
    super("incomplete JSON");
  }
}

class Malformed extends Error {}

/**
 * The value a JSON prefix describes so far: `undefined` when nothing is complete enough to show,
 * `null`-free best effort otherwise; `undefined` too for text that is not JSON at all.
 */
export function parsePartialJson(text: string): unknown {
  const parser = new PrefixParser(text);
  try {
    const value = parser.value();
    parser.skipSpace();
    return parser.atEnd() ? value : undefined;
  } catch (error) {
    if (error instanceof Incomplete) return error.partial;
    if (error instanceof Malformed) return undefined;
    throw error;
  }
}

class PrefixParser {
  private position = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && " \t\n\r".includes(this.text[this.position]!)) this.position++;
  }

  value(): unknown {
    this.skipSpace();
    if (this.atEnd()) throw new Incomplete();
    const char = this.text[this.position]!;
    if (char === "{") return this.object();
    if (char === "[") return this.array();
    if (char === '"') return this.string();
    if (char === "-" || (char >= "0" && char <= "9")) return this.number();
    return this.literal();
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.position++;
    try {
      this.skipSpace();
      if (this.peek() === "}") {
        this.position++;
        return result;
      }
      for (;;) {
        this.skipSpace();
        if (this.atEnd()) throw new Incomplete();
        if (this.peek() !== '"') throw new Malformed();
        const key = this.completeString();
        this.skipSpace();
        this.expect(":");
        let item: unknown;
        try {
          item = this.value();
        } catch (error) {
          // A value cut short still shows what it has so far (a string, a nested object).
          if (error instanceof Incomplete && error.partial !== undefined) result[key] = error.partial;
          throw error;
        }
        result[key] = item;
        this.skipSpace();
        if (this.peek() === ",") {
          this.position++;
          continue;
        }
        this.expect("}");
        return result;
      }
    } catch (error) {
      if (error instanceof Incomplete) throw new Incomplete(result);
      throw error;
    }
  }

  private array(): unknown[] {
    const result: unknown[] = [];
    this.position++;
    try {
      this.skipSpace();
      if (this.peek() === "]") {
        this.position++;
        return result;
      }
      for (;;) {
        let item: unknown;
        try {
          item = this.value();
        } catch (error) {
          if (error instanceof Incomplete && error.partial !== undefined) result.push(error.partial);
          throw error;
        }
        result.push(item);
        this.skipSpace();
        if (this.peek() === ",") {
          this.position++;
          continue;
        }
        this.expect("]");
        return result;
      }
    } catch (error) {
      if (error instanceof Incomplete) throw new Incomplete(result);
      throw error;
    }
  }

  /** A string value; cut short, it is shown as far as it goes. */
  private string(): string {
    const start = this.position;
    try {
      return this.completeString();
    } catch (error) {
      if (!(error instanceof Incomplete)) throw error;
      throw new Incomplete(this.salvageString(start));
    }
  }

  /** A string that must be complete (a key), parsed by JSON.parse for exact escapes. */
  private completeString(): string {
    const start = this.position;
    this.position++;
    while (!this.atEnd()) {
      const char = this.text[this.position]!;
      if (char === "\\") {
        this.position += 2;
        continue;
      }
      if (char === '"') {
        this.position++;
        try {
          return JSON.parse(this.text.slice(start, this.position)) as string;
        } catch {
          throw new Malformed();
        }
      }
      this.position++;
    }
    throw new Incomplete();
  }

  /** The unfinished string from `start`, closed off; a half escape at the end is dropped. */
  private salvageString(start: number): string | undefined {
    const body = this.text.slice(start + 1);
    for (let cut = 0; cut <= 6 && cut <= body.length; cut++) {
      try {
        return JSON.parse(`"${body.slice(0, body.length - cut)}"`) as string;
      } catch {
        // keep cutting: the tail may be a half escape (`\` or `\u12`)
      }
    }
    return undefined;
  }

  private number(): number {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.position));
    if (!match) {
      if (this.text.length - this.position <= 2) throw new Incomplete();
      throw new Malformed();
    }
    const end = this.position + match[0].length;
    // A number that runs to the end of the text may still be growing: not shown yet.
    if (end >= this.text.length) throw new Incomplete();
    if (/[.eE+-]/.test(this.text[end]!)) throw new Incomplete();
    this.position = end;
    return Number(match[0]);
  }

  private literal(): boolean | null {
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      const rest = this.text.slice(this.position, this.position + word.length);
      if (rest === word) {
        this.position += word.length;
        return value;
      }
      if (word.startsWith(rest) && this.position + rest.length >= this.text.length) throw new Incomplete();
    }
    throw new Malformed();
  }

  private peek(): string | undefined {
    return this.text[this.position];
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.atEnd()) throw new Incomplete();
    if (this.text[this.position] !== char) throw new Malformed();
    this.position++;
  }
}
