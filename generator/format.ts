// One formatter for every generated TypeScript file, with fixed settings, so output is byte-identical
// on every machine (no editorconfig or prettier config is consulted).
import { IndentationText, NewLineKind, Project, QuoteKind, ts, type SourceFile } from "ts-morph";

const project = new Project({
  useInMemoryFileSystem: true,
  manipulationSettings: {
    indentationText: IndentationText.TwoSpaces,
    newLineKind: NewLineKind.LineFeed,
    quoteKind: QuoteKind.Double,
    useTrailingCommas: true,
  },
});

const FORMAT_SETTINGS = {
  indentSize: 2,
  tabSize: 2,
  convertTabsToSpaces: true,
  newLineCharacter: "\n",
  semicolons: ts.SemicolonPreference.Insert,
  ensureNewLineAtEndOfFile: true,
};

let fileCount = 0;

/** A scratch source file in the generator's in-memory project; `printSourceFile` or `discardSourceFile` it. */
export function createSourceFile(text = ""): SourceFile {
  fileCount += 1;
  return project.createSourceFile(`/scratch/file-${fileCount}.ts`, text);
}

export function discardSourceFile(file: SourceFile): void {
  project.removeSourceFile(file);
}

/** Formats the file, returns its text and discards it. */
export function printSourceFile(file: SourceFile): string {
  try {
    file.formatText(FORMAT_SETTINGS);
    const text = file.getFullText();
    return text.endsWith("\n") ? text : `${text}\n`;
  } finally {
    discardSourceFile(file);
  }
}

export function formatTypeScript(text: string): string {
  return printSourceFile(createSourceFile(text));
}
