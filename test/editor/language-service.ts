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

interface Shared {
  service: ts.LanguageService;
  texts: Map<string, { text: string; version: number }>;
}

let shared: Shared | undefined;

/** One language service for every probe: the project's sources are read and checked once. */
function languageService(): Shared {
  if (shared) return shared;
  const configPath = path.join(ROOT, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error("cannot read tsconfig.json");
  const texts = new Map<string, { text: string; version: number }>();
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => [...texts.keys()],
    getScriptVersion: (name) => String(texts.get(name)?.version ?? 0),
    getScriptSnapshot: (name) => {
      const virtual = texts.get(name);
      if (virtual) return ts.ScriptSnapshot.fromString(virtual.text);
      const content = ts.sys.readFile(name);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => ROOT,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (name) => texts.has(name) || ts.sys.fileExists(name),
    readFile: (name) => texts.get(name)?.text ?? ts.sys.readFile(name),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  shared = { service: ts.createLanguageService(host, ts.createDocumentRegistry()), texts };
  return shared;
}

/**
 * `source` is a TypeScript file placed at `test/editor/<name>` (imports resolve from there), with
 * one `/*|*\/` marker for hover and completion.
 */
export function probe(source: string, name = "__probe__.ts"): EditorProbe {
  const offset = source.indexOf(MARKER);
  const text = source.replace(MARKER, "");
  const fileName = path.join(ROOT, "test/editor", name);
  const { service, texts } = languageService();
  texts.set(fileName, { text, version: (texts.get(fileName)?.version ?? 0) + 1 });
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
