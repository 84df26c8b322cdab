// README's TypeScript is never typed into README: every ```ts block is a file from examples/,
// included verbatim between markers by `npm run generate`, so what README shows is what
// `npm run typecheck` checks and the example tests run. A TypeScript block outside the markers is
// an error, as is a marker naming a file that does not exist.
import { GeneratorError } from "./generator-error.js";

/** `<!-- include: examples/streaming.ts -->` opens a region; `<!-- /include -->` closes it. */
const INCLUDE = /<!-- include: (\S+) -->\n([\s\S]*?)<!-- \/include -->/g;
const TYPESCRIPT_FENCE = /^```(?:ts|typescript|tsx|mts|cts)\s*$/;

/** Files named by the include markers, in order. */
export function includedFiles(document: string): string[] {
  return [...document.matchAll(INCLUDE)].map((match) => match[1] ?? "");
}

/** `document` with every include region holding its file's text; `read` gives a file's contents. */
export function fillIncludes(document: string, name: string, read: (file: string) => string | undefined): string {
  const missing: string[] = [];
  const filled = document.replace(INCLUDE, (_region, file: string) => {
    const contents = read(file);
    if (contents === undefined) {
      missing.push(file);
      return _region;
    }
    const body = contents.endsWith("\n") ? contents : `${contents}\n`;
    return `<!-- include: ${file} -->\n\`\`\`ts\n${body}\`\`\`\n<!-- /include -->`;
  });
  if (missing.length > 0) throw new GeneratorError(`${name} includes files that do not exist: ${missing.join(", ")}`);
  const stray = strayTypeScriptBlocks(filled);
  if (stray.length > 0) {
    throw new GeneratorError(
      `${name} has TypeScript blocks that are not included from a file (line ${stray.join(", ")}). Move the code into examples/ ` +
        "(where it is type-checked and run) and include it with <!-- include: examples/<file>.ts --> ... <!-- /include -->.",
    );
  }
  return filled;
}

/** 1-based line numbers of TypeScript fences outside the include regions. */
export function strayTypeScriptBlocks(document: string): number[] {
  const inside = new Set<number>();
  for (const match of document.matchAll(INCLUDE)) {
    const start = lineOf(document, match.index ?? 0);
    const end = lineOf(document, (match.index ?? 0) + match[0].length);
    for (let line = start; line <= end; line++) inside.add(line);
  }
  const stray: number[] = [];
  let fenced = false;
  document.split("\n").forEach((text, index) => {
    if (!text.startsWith("```")) return;
    if (!fenced && TYPESCRIPT_FENCE.test(text) && !inside.has(index + 1)) stray.push(index + 1);
    fenced = !fenced;
  });
  return stray;
}

function lineOf(document: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index++) if (document.charCodeAt(index) === 10) line++;
  return line;
}
