// A TypeScript language service over the project's real sources plus one virtual file, so a test
// can ask what an editor would show: hover text and completions at a marker in that file.
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MARKER = "/*|*/";

export interface EditorProbe {
  /** The hover text (signature plus documentation) at the marker. */
  hover(): string;
  /** Completion entry names at the marker. */
  completions(): string[];
  /** Every compile error in the file, as `line: message`. */
  diagnostics(): string[];
}

/**
 * `source` is a TypeScript file placed at `test/editor/<name>` (imports resolve from there), with
 * one `/*|*\/` marker for hover and completion.
 */
export function probe(source: string, name = "__probe__.ts"): EditorProbe {
  const offset = source.indexOf(MARKER);
  const text = source.replace(MARKER, "");
  const fileName = path.join(ROOT, "test/editor", name);
  const configPath = path.join(ROOT, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error("cannot read tsconfig.json");
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => [fileName],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      if (name === fileName) return ts.ScriptSnapshot.fromString(text);
      const content = ts.sys.readFile(name);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => ROOT,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (name) => name === fileName || ts.sys.fileExists(name),
    readFile: (name) => (name === fileName ? text : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    hover() {
      if (offset === -1) throw new Error("the source needs a /*|*/ marker");
      const info = service.getQuickInfoAtPosition(fileName, offset);
      if (!info) return "";
      const signature = ts.displayPartsToString(info.displayParts);
      const documentation = ts.displayPartsToString(info.documentation);
      const tags = (info.tags ?? []).map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text)}`).join("\n");
      return [signature, documentation, tags].filter(Boolean).join("\n");
    },
    completions() {
      const result = service.getCompletionsAtPosition(fileName, offset, {});
      return (result?.entries ?? []).map((entry) => entry.name);
    },
    diagnostics() {
      const found = [...service.getSyntacticDiagnostics(fileName), ...service.getSemanticDiagnostics(fileName)];
      return found.map((diagnostic) => {
        const line = diagnostic.start === undefined ? 0 : text.slice(0, diagnostic.start).split("\n").length;
        return `${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
      });
    },
  };
}
